"use server";

import { redirect } from "next/navigation";
import { db } from "../db";
import { createEvidence } from "../evidence/create-evidence";
import { evidenceFormValuesFrom } from "../evidence/evidence-form-schema";
import { formAction } from "./form-action";
import { candidateCentreOf, evidenceFormFields } from "./evidence-form-state";

/** Adds evidence to the signed-in candidate's library, then opens it so files can be added. */
const create = formAction({
  schema: evidenceFormFields,
  values: evidenceFormValuesFrom,
  run: async (values, actor) => (await createEvidence(db, actor, candidateCentreOf(actor), values)).id,
  done: (id) => redirect(`/candidate/evidence/${encodeURIComponent(id)}?saved=created`),
});

export async function createEvidenceAction(...form: Parameters<typeof create>) {
  return create(...form);
}
