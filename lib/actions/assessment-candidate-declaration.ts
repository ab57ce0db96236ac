"use server";

import { revalidatePath } from "next/cache";
import type { AssessmentFormState } from "../assessment/form-state";
import { recordCandidateDeclaration } from "../assessment/record-candidate-declaration";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text } from "./assessment-form";

export type CandidateDeclarationState = AssessmentFormState | { ok: true; message: string; attempt: number };

/** The candidate's final declaration on one of their units; the candidate's unit page shows the form. */
export async function recordCandidateDeclarationAction(previous: CandidateDeclarationState, formData: FormData): Promise<CandidateDeclarationState> {
  const enrolmentId = text(formData, "enrolmentId");
  const prior = previous && !previous.ok ? previous : null;
  const actor = await getActor();
  if (!actor) return signedOut(prior, {});
  try {
    await recordCandidateDeclaration(db, actor, { enrolmentId, confirmed: text(formData, "confirmed") === "yes" });
  } catch (error) {
    return failed(prior, error, {});
  }
  revalidatePath(`/candidate/units/${segment(enrolmentId)}`);
  return { ok: true, message: "Your declaration has been recorded. Your assessor can now sign the unit off once everything else is met.", attempt: (previous?.attempt ?? 0) + 1 };
}
