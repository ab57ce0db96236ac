"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addComment } from "../assessment/add-comment";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

/**
 * Adds a comment from the assessor's review page or the candidate's evidence page (the form's
 * `page`), and goes back to that page's comments. Who may comment is addComment's to decide.
 */
const comment = formAction({
  schema: textFields("evidenceId", "body", "page"),
  run: async (input, actor) => {
    await addComment(db, actor, { evidenceId: input.evidenceId, body: input.body });
  },
  done: (_, input) => {
    const evidence = encodeURIComponent(input.evidenceId);
    if (input.page === "candidate") {
      revalidatePath(`/candidate/evidence/${evidence}`);
      redirect(`/candidate/evidence/${evidence}?saved=comment#comments`);
    }
    revalidatePath(`/assessor/review/${evidence}`);
    redirect(`/assessor/review/${evidence}?done=comment#comments`);
  },
});

export async function addCommentAction(...form: Parameters<typeof comment>) {
  return comment(...form);
}
