"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { mappedWords, proposeMapping } from "../mapping/propose-mapping";
import { formAction } from "./form-action";

/** Form fields: evidenceId, enrolmentId, criterionId, rangeItemId (repeated). */
const propose = formAction({
  schema: z.object({ evidenceId: text(), enrolmentId: text(), criterionId: text(), rangeItemId: texts() }),
  run: ({ rangeItemId, ...input }, actor) => proposeMapping(db, actor, { ...input, rangeItemIds: rangeItemId }),
  done: (mapping) => {
    refresh();
    return mappedWords(mapping);
  },
});

export async function proposeMappingAction(...form: Parameters<typeof propose>) {
  return propose(...form);
}
