"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { recordOutcome } from "../qa/outcomes";
import { formAction } from "./form-action";

// "Record the outcome" on an IQA's sampled item: back to the item, saying what was recorded.

const record = formAction({
  schema: textFields("itemId", "outcome", "feedback", "dueDate"),
  run: (input, actor) => recordOutcome(db, actor, input),
  done: (done) => {
    const item = `/iqa/plans/${encodeURIComponent(done.planId)}/items/${encodeURIComponent(done.itemId)}`;
    revalidatePath(`/iqa/plans/${encodeURIComponent(done.planId)}`, "layout");
    redirect(`${item}?done=${done.outcome === "agreed" ? "agreed" : "actionRequired"}`);
  },
});

export async function recordOutcomeAction(...form: Parameters<typeof record>) {
  return record(...form);
}
