"use server";

import { redirect } from "next/navigation";
import { db } from "../db";
import { evidenceFormValuesFrom, type EvidenceFormState } from "../evidence/evidence-form-schema";
import { updateEvidence } from "../evidence/update-evidence";
import type { FormFields } from "../forms/read-form";
import { formAction } from "./form-action";
import { boundEvidenceId } from "./evidence-form-state";

const update = formAction({
  schema: boundEvidenceId("That evidence does not exist or has been removed."),
  values: evidenceFormValuesFrom,
  run: async (input, actor) => {
    await updateEvidence(db, actor, input.evidenceId, evidenceFormValuesFrom(input as FormFields));
    return input.evidenceId;
  },
  done: (id) => redirect(`/candidate/evidence/${encodeURIComponent(id)}?saved=updated`),
});

/** Saves changes to the candidate's own evidence; bound to the evidence's id by the edit page. */
export async function updateEvidenceAction(evidenceId: string, previous: EvidenceFormState, formData: FormData) {
  formData.set("evidenceId", evidenceId);
  return update(previous, formData);
}
