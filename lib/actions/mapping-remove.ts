"use server";

import { refresh } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import type { ActionResult } from "../errors";
import { formString, notSignedIn, toActionResult } from "../mapping/action-result";
import { removeMapping, type RemovedMapping } from "../mapping/remove-mapping";

/** Form fields: mappingId. */
export async function removeMappingAction(_previous: ActionResult<RemovedMapping> | null, formData: FormData): Promise<ActionResult<RemovedMapping>> {
  const actor = await getActor();
  if (!actor) return notSignedIn;
  const result = await toActionResult(() => removeMapping(db, actor, { mappingId: formString(formData, "mappingId") ?? "" }), () => "Mapping removed.");
  if (result.ok) refresh();
  return result;
}
