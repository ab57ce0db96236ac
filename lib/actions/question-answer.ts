"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { saveAnswerDraft, submitAnswer } from "../questioning/answer";
import { db } from "../db";
import { text } from "../forms/fields";
import { formAction } from "./form-action";

/** The candidate's answer to one question: the pressed button saves it as a draft or submits it. */
const answer = formAction({
  schema: z.object({ enrolmentId: text(), assignmentId: text(), text: text(), intent: text() }),
  run: async (input, actor) => {
    const { assignmentId } = input;
    if (input.intent === "submit") await submitAnswer(db, actor, { assignmentId, text: input.text });
    else await saveAnswerDraft(db, actor, { assignmentId, text: input.text });
  },
  done: (_, input) => {
    const enrolment = encodeURIComponent(input.enrolmentId);
    revalidatePath(`/candidate/units/${enrolment}/questions`);
    const done = input.intent === "submit" ? "submitted" : "draft";
    redirect(
      `/candidate/units/${enrolment}/questions?done=${done}#assignment-${encodeURIComponent(input.assignmentId)}`,
    );
  },
});

export async function answerQuestionAction(...form: Parameters<typeof answer>) {
  return answer(...form);
}
