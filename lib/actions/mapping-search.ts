"use server";

import { getActor } from "../auth/session";
import { db } from "../db";
import type { ActionResult } from "../errors";
import { formString, notSignedIn, toActionResult } from "../mapping/action-result";
import { searchMappableCriteria, type MappableCriteria } from "../mapping/search-mappable-criteria";

/** Form fields: query, evidenceId (optional). Reads only. */
export async function searchMappableCriteriaAction(_previous: ActionResult<MappableCriteria> | null, formData: FormData): Promise<ActionResult<MappableCriteria>> {
  const actor = await getActor();
  if (!actor) return notSignedIn;
  const evidenceId = formString(formData, "evidenceId");
  return toActionResult(() => searchMappableCriteria(db, actor, { query: formString(formData, "query") ?? "", evidenceId: evidenceId || undefined }));
}
