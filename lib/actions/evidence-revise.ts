"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import { reviseEvidence, type RevisedEvidence } from "../evidence/revise-evidence";
import { text } from "../forms/fields";
import type { FormState } from "../forms/form-state";
import { formAction } from "./form-action";

const ReviseEvidenceForm = z.object({ evidenceId: text(64) });

const revise = formAction({
  schema: ReviseEvidenceForm,
  run: ({ evidenceId }, actor) => reviseEvidence(db, actor, evidenceId),
  done: (revised) => redirect(`/candidate/evidence/${encodeURIComponent(revised.id)}?saved=revised`),
});

/**
 * "Revise this evidence" on the candidate's evidence page: makes a new version for the mappings
 * referred back (docs/decisions/0017) and opens it. Form field: evidenceId.
 */
export async function reviseEvidenceAction(
  previous: FormState<RevisedEvidence>,
  formData: FormData,
): Promise<FormState<RevisedEvidence>> {
  return revise(previous, formData);
}
