"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { closeAction, reopenAction, respondToAction, type ActionStepDone } from "../qa/actions";
import { formAction } from "./form-action";

// The QA action loop's forms: the assessor responds from their action's page; the IQA closes or
// re-opens it from the sampled item's page. Each goes back where it came from with a "done" word.

/** Where the one who closes an action follows it: the sampled item, or the EQA's visit. */
function setterPage(done: ActionStepDone): string {
  if (done.planId && done.itemId)
    return `/iqa/plans/${encodeURIComponent(done.planId)}/items/${encodeURIComponent(done.itemId)}`;
  if (done.visitId) return `/eqa/visits/${encodeURIComponent(done.visitId)}`;
  return "/iqa/actions";
}

const respond = formAction({
  schema: textFields("actionId", "text"),
  run: (input, actor) => respondToAction(db, actor, input),
  done: (done) => {
    revalidatePath("/assessor/qa-actions", "layout");
    redirect(`/assessor/qa-actions/${encodeURIComponent(done.id)}?done=responded`);
  },
});

const settle = (run: typeof closeAction, word: string) =>
  formAction({
    schema: textFields("actionId", "note"),
    run: (input, actor) => run(db, actor, input),
    done: (done) => {
      const page = setterPage(done);
      revalidatePath(page);
      revalidatePath("/iqa/actions");
      redirect(`${page}?done=${word}#action-${encodeURIComponent(done.id)}`);
    },
  });

const close = settle(closeAction, "closed");
const reopen = settle(reopenAction, "reopened");

export async function respondToActionAction(...form: Parameters<typeof respond>) {
  return respond(...form);
}
export async function closeActionAction(...form: Parameters<typeof close>) {
  return close(...form);
}
export async function reopenActionAction(...form: Parameters<typeof reopen>) {
  return reopen(...form);
}
