"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { updateMappingRange } from "../mapping/update-mapping-range";
import { formAction } from "./form-action";

/** Form fields: mappingId, rangeItemId (repeated). */
const update = formAction({
  schema: z.object({ mappingId: text(), rangeItemId: texts() }),
  run: (input, actor) => updateMappingRange(db, actor, { mappingId: input.mappingId, rangeItemIds: input.rangeItemId }),
  done: (updated) => {
    refresh();
    const count = updated.rangeItemIds.length;
    return `Saved: ${count === 1 ? "1 range item" : `${count} range items`} claimed.`;
  },
});

export async function updateMappingRangeAction(...form: Parameters<typeof update>) {
  return update(...form);
}
