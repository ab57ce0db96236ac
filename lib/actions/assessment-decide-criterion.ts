"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decideCriterion, type DecideCriterionInput } from "../assessment/decide-criterion";
import type { AssessmentFormState } from "../assessment/form-state";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text } from "./assessment-form";

/** Signs a criterion as met or not yet met; the pressed button gives the outcome. */
export async function decideCriterionAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const enrolmentId = text(formData, "enrolmentId");
  const criterionId = text(formData, "criterionId");
  const outcome = text(formData, "outcome");
  const actor = await getActor();
  if (!actor) return signedOut(previous, {});
  try {
    // The operation validates the outcome (zod); a value other than the two buttons' is refused there.
    await decideCriterion(db, actor, { enrolmentId, criterionId, outcome: outcome as DecideCriterionInput["outcome"], password: text(formData, "password") });
  } catch (error) {
    return failed(previous, error, {});
  }
  revalidatePath(`/assessor/enrolments/${segment(enrolmentId)}`);
  redirect(`/assessor/enrolments/${segment(enrolmentId)}?done=${outcome === "MET" ? "met" : "notYetMet"}#criterion-${segment(criterionId)}`);
}
