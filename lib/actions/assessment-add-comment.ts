"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addComment } from "../assessment/add-comment";
import type { AssessmentFormState } from "../assessment/form-state";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text } from "./assessment-form";

/**
 * Adds a comment from the assessor's review page or the candidate's evidence page (the form's
 * `page`), and goes back to that page's comments. Who may comment is addComment's to decide.
 */
export async function addCommentAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const evidenceId = text(formData, "evidenceId");
  const values = { body: text(formData, "body") };
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    await addComment(db, actor, { evidenceId, body: values.body });
  } catch (error) {
    return failed(previous, error, values);
  }
  if (text(formData, "page") === "candidate") {
    revalidatePath(`/candidate/evidence/${segment(evidenceId)}`);
    redirect(`/candidate/evidence/${segment(evidenceId)}?saved=comment#comments`);
  }
  revalidatePath(`/assessor/review/${segment(evidenceId)}`);
  redirect(`/assessor/review/${segment(evidenceId)}?done=comment#comments`);
}
