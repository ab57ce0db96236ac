"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { confirmRequirement } from "../assessment/confirm-requirement";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { formAction } from "./form-action";

const confirm = formAction({
  schema: z.object({ enrolmentId: text(), requirementId: text(), evidenceId: texts(), note: text() }),
  run: async ({ evidenceId, ...input }, actor) => {
    await confirmRequirement(db, actor, { ...input, evidenceIds: evidenceId });
  },
  done: (_, input) => {
    const enrolment = encodeURIComponent(input.enrolmentId);
    revalidatePath(`/assessor/enrolments/${enrolment}`);
    redirect(`/assessor/enrolments/${enrolment}?done=confirmed#requirement-${encodeURIComponent(input.requirementId)}`);
  },
});

export async function confirmRequirementAction(...form: Parameters<typeof confirm>) {
  return confirm(...form);
}
