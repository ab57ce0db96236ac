"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordCandidateDeclaration } from "../assessment/record-candidate-declaration";
import { db } from "../db";
import { text, ticked } from "../forms/fields";
import { formAction } from "./form-action";

/** The candidate's final declaration on one of their units; the candidate's unit page shows the form. */
const declare = formAction({
  schema: z.object({ enrolmentId: text(), confirmed: ticked() }),
  run: async (input, actor) => {
    await recordCandidateDeclaration(db, actor, input);
  },
  done: (_, input) => {
    revalidatePath(`/candidate/units/${encodeURIComponent(input.enrolmentId)}`);
    return "Your declaration has been recorded. Your assessor can now sign the unit off once everything else is met.";
  },
});

export async function recordCandidateDeclarationAction(...form: Parameters<typeof declare>) {
  return declare(...form);
}
