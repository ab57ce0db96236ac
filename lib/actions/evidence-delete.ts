"use server";

import { redirect } from "next/navigation";
import { db } from "../db";
import { deleteEvidence } from "../evidence/delete-evidence";
import { formAction } from "./form-action";
import { boundEvidenceId } from "./evidence-form-state";

const remove = formAction({
  schema: boundEvidenceId("That evidence does not exist or has already been deleted."),
  run: async (input, actor) => {
    await deleteEvidence(db, actor, input.evidenceId);
  },
  done: () => redirect("/candidate/evidence?deleted=1"),
});

/** Deletes the candidate's own evidence; bound to the evidence's id by its page. */
export async function deleteEvidenceAction(
  evidenceId: string,
  previous: Parameters<typeof remove>[0],
  formData: FormData,
) {
  formData.set("evidenceId", evidenceId);
  return remove(previous, formData);
}
