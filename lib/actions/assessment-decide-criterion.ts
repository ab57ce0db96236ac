"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decideCriterion, type DecideCriterionInput } from "../assessment/decide-criterion";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

/** Signs a criterion as met or not yet met; the pressed button gives the outcome. */
const decide = formAction({
  schema: textFields("enrolmentId", "criterionId", "outcome", "password"),
  // decideCriterion validates the outcome (zod); a value other than the two buttons' is refused there.
  run: async (input, actor) => {
    await decideCriterion(db, actor, { ...input, outcome: input.outcome as DecideCriterionInput["outcome"] });
  },
  done: (_, input) => {
    const enrolment = encodeURIComponent(input.enrolmentId);
    revalidatePath(`/assessor/enrolments/${enrolment}`);
    redirect(
      `/assessor/enrolments/${enrolment}?done=${input.outcome === "MET" ? "met" : "notYetMet"}#criterion-${encodeURIComponent(input.criterionId)}`,
    );
  },
});

export async function decideCriterionAction(...form: Parameters<typeof decide>) {
  return decide(...form);
}
