"use server";

import { db } from "../db";
import { textFields } from "../forms/fields";
import { searchMappableCriteria } from "../mapping/search-mappable-criteria";
import { formAction } from "./form-action";

/** Form fields: query, evidenceId (optional). Reads only. */
const search = formAction({
  schema: textFields("query", "evidenceId"),
  run: (input, actor) =>
    searchMappableCriteria(db, actor, { query: input.query, evidenceId: input.evidenceId || undefined }),
});

export async function searchMappableCriteriaAction(...form: Parameters<typeof search>) {
  return search(...form);
}
