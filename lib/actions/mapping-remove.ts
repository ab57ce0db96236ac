"use server";

import { refresh } from "next/cache";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { removeMapping } from "../mapping/remove-mapping";
import { formAction } from "./form-action";

/** Form fields: mappingId. */
const remove = formAction({
  schema: textFields("mappingId"),
  run: (input, actor) => removeMapping(db, actor, input),
  done: () => {
    refresh();
    return "Mapping removed.";
  },
});

export async function removeMappingAction(...form: Parameters<typeof remove>) {
  return remove(...form);
}
