"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, ticked } from "../forms/fields";
import { submitEvidence } from "../portfolio/submit-evidence";
import { formAction } from "./form-action";

/** Form fields: evidenceId, declaration ("yes" when ticked), declarationFor ("simulated" or "realWork": the words shown). */
const submit = formAction({
  schema: z.object({
    evidenceId: text(),
    declaration: ticked(),
    declarationFor: z.string().optional().catch(undefined),
  }),
  run: (input, actor) =>
    submitEvidence(db, actor, {
      evidenceId: input.evidenceId,
      declarationConfirmed: input.declaration,
      declaredSimulated: input.declarationFor === undefined ? undefined : input.declarationFor === "simulated",
    }),
  done: (submitted) => {
    refresh();
    const mappings =
      submitted.submittedMappings === 1 ? "1 mapping has" : `${submitted.submittedMappings} mappings have`;
    return `Submitted for assessment: ${mappings} gone to your assessor. You can no longer edit this evidence.`;
  },
});

export async function submitEvidenceAction(...form: Parameters<typeof submit>) {
  return submit(...form);
}
