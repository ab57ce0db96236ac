"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { reviewMapping } from "../assessment/review-mapping";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { formAction } from "./form-action";

/** Accept or refer back one submitted mapping; the form says which with its `decision` field. */
const review = formAction({
  schema: z.object({
    evidenceId: text(),
    mappingId: text(),
    decision: text(),
    feedback: text(),
    rangeItemId: texts(),
    rangeShown: text(),
  }),
  run: async (input, actor) => {
    const { mappingId, feedback } = input;
    const result = await reviewMapping(
      db,
      actor,
      input.decision === "accept"
        ? {
            mappingId,
            decision: "accept",
            // The form lists range checkboxes only for criteria that have a range.
            rangeItemIds: input.rangeShown === "yes" ? input.rangeItemId : undefined,
            feedback,
          }
        : { mappingId, decision: "reject", feedback },
    );
    return result.returnedToCandidate;
  },
  done: (returned, input) => {
    revalidatePath("/assessor", "layout");
    const done = returned ? "returned" : input.decision === "accept" ? "accepted" : "rejected";
    redirect(
      `/assessor/review/${encodeURIComponent(input.evidenceId)}?done=${done}#mapping-${encodeURIComponent(input.mappingId)}`,
    );
  },
});

export async function reviewMappingAction(...form: Parameters<typeof review>) {
  return review(...form);
}
