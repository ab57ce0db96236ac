"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { agreeToActivity, cancelActivity, completeActivity, planActivity } from "../plans/assessment-plan";
import { formAction } from "./form-action";

// The assessment plan's forms. Each redirects back to the plan it came from with a "done" word,
// so the page says what happened and a reload does not send the form again.

const assessorPlan = (enrolmentId: string) => `/assessor/enrolments/${encodeURIComponent(enrolmentId)}/plan`;
const candidatePlan = (enrolmentId: string) => `/candidate/units/${encodeURIComponent(enrolmentId)}/plan`;

const plan = formAction({
  schema: z.object({
    enrolmentId: text(),
    method: text(),
    criterionId: texts(),
    plannedFor: text(),
    place: text(),
    notes: text(),
  }),
  run: async ({ criterionId, ...input }, actor) => {
    await planActivity(db, actor, { ...input, criterionIds: criterionId });
  },
  done: (_, input) => {
    revalidatePath(assessorPlan(input.enrolmentId));
    redirect(`${assessorPlan(input.enrolmentId)}?done=planned`);
  },
});

export async function planActivityAction(...form: Parameters<typeof plan>) {
  return plan(...form);
}

const change = (
  run: typeof agreeToActivity | typeof cancelActivity | typeof completeActivity,
  back: (enrolmentId: string) => string,
  word: string,
) =>
  formAction({
    schema: z.object({ enrolmentId: text(), activityId: text() }),
    run: async ({ activityId }, actor) => {
      await run(db, actor, { activityId });
    },
    done: (_, input) => {
      revalidatePath(back(input.enrolmentId));
      redirect(`${back(input.enrolmentId)}?done=${word}#activity-${encodeURIComponent(input.activityId)}`);
    },
  });

const agree = change(agreeToActivity, candidatePlan, "agreed");
const cancel = change(cancelActivity, assessorPlan, "cancelled");
const complete = change(completeActivity, assessorPlan, "completed");

export async function agreeToActivityAction(...form: Parameters<typeof agree>) {
  return agree(...form);
}
export async function cancelActivityAction(...form: Parameters<typeof cancel>) {
  return cancel(...form);
}
export async function completeActivityAction(...form: Parameters<typeof complete>) {
  return complete(...form);
}
