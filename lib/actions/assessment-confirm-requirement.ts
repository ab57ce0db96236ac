"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { confirmRequirement } from "../assessment/confirm-requirement";
import type { AssessmentFormState } from "../assessment/form-state";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text, texts } from "./assessment-form";

export async function confirmRequirementAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const enrolmentId = text(formData, "enrolmentId");
  const requirementId = text(formData, "requirementId");
  const values = { evidenceIds: texts(formData, "evidenceId"), note: text(formData, "note") };
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    await confirmRequirement(db, actor, { enrolmentId, requirementId, evidenceIds: values.evidenceIds, note: values.note });
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath(`/assessor/enrolments/${segment(enrolmentId)}`);
  redirect(`/assessor/enrolments/${segment(enrolmentId)}?done=confirmed#requirement-${segment(requirementId)}`);
}
