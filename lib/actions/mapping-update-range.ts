"use server";

import { refresh } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import type { ActionResult } from "../errors";
import { formString, formStrings, notSignedIn, toActionResult } from "../mapping/action-result";
import { updateMappingRange, type UpdatedMappingRange } from "../mapping/update-mapping-range";

/** Form fields: mappingId, rangeItemId (repeated). */
export async function updateMappingRangeAction(_previous: ActionResult<UpdatedMappingRange> | null, formData: FormData): Promise<ActionResult<UpdatedMappingRange>> {
  const actor = await getActor();
  if (!actor) return notSignedIn;
  const result = await toActionResult(
    () => updateMappingRange(db, actor, { mappingId: formString(formData, "mappingId") ?? "", rangeItemIds: formStrings(formData, "rangeItemId") }),
    (updated) => `Saved: ${updated.rangeItemIds.length === 1 ? "1 range item" : `${updated.rangeItemIds.length} range items`} claimed.`,
  );
  if (result.ok) refresh();
  return result;
}
