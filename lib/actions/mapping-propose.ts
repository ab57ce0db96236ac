"use server";

import { refresh } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import type { ActionResult } from "../errors";
import { formString, formStrings, notSignedIn, toActionResult } from "../mapping/action-result";
import { proposeMapping, type ProposedMapping } from "../mapping/propose-mapping";

/** Form fields: evidenceId, enrolmentId, criterionId, rangeItemId (repeated). */
export async function proposeMappingAction(_previous: ActionResult<ProposedMapping> | null, formData: FormData): Promise<ActionResult<ProposedMapping>> {
  const actor = await getActor();
  if (!actor) return notSignedIn;
  const result = await toActionResult(
    () =>
      proposeMapping(db, actor, {
        evidenceId: formString(formData, "evidenceId") ?? "",
        enrolmentId: formString(formData, "enrolmentId") ?? "",
        criterionId: formString(formData, "criterionId") ?? "",
        rangeItemIds: formStrings(formData, "rangeItemId"),
      }),
    (mapping) => `${mapping.created ? "Mapped to" : "Updated the mapping to"} ${mapping.unitCode} ${mapping.criterionRef}.`,
  );
  if (result.ok) refresh();
  return result;
}
