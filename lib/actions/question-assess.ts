"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { markAnswer, type MarkedAnswer } from "../questioning/mark-answer";
import { setQuestions } from "../questioning/set-questions";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { formAction } from "./form-action";

// The assessor's forms on a candidate's questions page: set questions from the bank, mark an answer.

function questionsPage(enrolmentId: string, done: string, anchor: string): string {
  const id = encodeURIComponent(enrolmentId);
  return `/assessor/enrolments/${id}/questions?done=${done}#${anchor}`;
}

const set = formAction({
  schema: z.object({ enrolmentId: text(), questionIds: texts(), plannedActivityId: text() }),
  run: ({ plannedActivityId, ...input }, actor) =>
    setQuestions(db, actor, { ...input, plannedActivityId: plannedActivityId || undefined }),
  done: (result, input) => {
    revalidatePath(`/assessor/enrolments/${encodeURIComponent(input.enrolmentId)}/questions`);
    redirect(questionsPage(input.enrolmentId, result.setIds.length > 0 ? "set" : "alreadySet", "set-title"));
  },
});

export async function setQuestionsAction(...form: Parameters<typeof set>) {
  return set(...form);
}

const mark = formAction({
  schema: z.object({ enrolmentId: text(), assignmentId: text(), answerId: text(), mark: text(), feedback: text() }),
  // markAnswer validates the mark (zod): a value other than the two choices is refused there.
  run: (input, actor) =>
    markAnswer(db, actor, {
      answerId: input.answerId,
      mark: input.mark as MarkedAnswer["mark"],
      feedback: input.feedback,
    }),
  done: (result, input) => {
    revalidatePath(`/assessor/enrolments/${encodeURIComponent(input.enrolmentId)}`, "layout");
    const done = result.mark === "SATISFACTORY" ? "satisfactory" : "notYet";
    redirect(questionsPage(input.enrolmentId, done, `assignment-${encodeURIComponent(input.assignmentId)}`));
  },
});

export async function markAnswerAction(...form: Parameters<typeof mark>) {
  return mark(...form);
}
