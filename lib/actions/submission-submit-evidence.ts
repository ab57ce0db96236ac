"use server";

import { refresh } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import type { ActionResult } from "../errors";
import { formString, notSignedIn, toActionResult } from "../mapping/action-result";
import { submitEvidence, type SubmittedEvidence } from "../portfolio/submit-evidence";

/** Form fields: evidenceId, declaration ("yes" when ticked), declarationFor ("simulated" or "realWork": the words shown). */
export async function submitEvidenceAction(_previous: ActionResult<SubmittedEvidence> | null, formData: FormData): Promise<ActionResult<SubmittedEvidence>> {
  const actor = await getActor();
  if (!actor) return notSignedIn;
  const declaredFor = formString(formData, "declarationFor");
  const result = await toActionResult(
    () =>
      submitEvidence(db, actor, {
        evidenceId: formString(formData, "evidenceId") ?? "",
        declarationConfirmed: formString(formData, "declaration") === "yes",
        declaredSimulated: declaredFor === undefined ? undefined : declaredFor === "simulated",
      }),
    (submitted) =>
      `Submitted for assessment: ${submitted.submittedMappings === 1 ? "1 mapping has" : `${submitted.submittedMappings} mappings have`} gone to your assessor. You can no longer edit this evidence.`,
  );
  if (result.ok) refresh();
  return result;
}
