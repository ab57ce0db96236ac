import { z } from "zod";
import { normaliseLineBreaks, recordId, requiredText } from "../assessment/input";

// The inputs of the questioning operations (lib/questioning/*): the question bank, setting
// questions for a candidate, the candidate's answers and the assessor's marks. The domain
// functions parse what they are given with these, so a server action, a script and a test meet
// the same rules.

export const questionLimits = {
  text: 2_000,
  guidance: 5_000,
  criteria: 50,
  answer: 10_000,
  feedback: 5_000,
  setAtOnce: 50,
} as const;

/** Optional text typed in a textarea: trimmed, "\n" line breaks, empty as null. */
function optionalText(what: string, max: number) {
  return z
    .string()
    .overwrite(normaliseLineBreaks)
    .trim()
    .max(max, `Keep ${what} to ${max.toLocaleString("en-GB")} characters or fewer.`)
    .optional()
    .transform((text) => (text ? text : null));
}

const noCriteria = "Tick at least one criterion a good answer to this question proves.";

export const AddQuestionInput = z.object({
  centreId: recordId("centre"),
  unitVersionId: recordId("unit"),
  text: requiredText("the question", questionLimits.text),
  criterionIds: z
    .array(recordId("criterion"), { error: noCriteria })
    .min(1, noCriteria)
    .max(questionLimits.criteria, `Tick ${questionLimits.criteria} criteria or fewer.`)
    // A criterion ticked twice is covered once.
    .transform((ids) => [...new Set(ids)]),
  guidance: optionalText("the guidance", questionLimits.guidance),
});
export type AddQuestionInput = z.input<typeof AddQuestionInput>;

export const RetireQuestionInput = z.object({ questionId: recordId("question") });
export type RetireQuestionInput = z.input<typeof RetireQuestionInput>;

export const ListQuestionBankInput = z.object({
  centreId: recordId("centre"),
  unitVersionId: recordId("unit"),
  page: z.number().int().min(1).default(1),
  /** Retired questions too (for the bank page's history); left out, only those that can be set. */
  includeRetired: z.boolean().default(true),
});
export type ListQuestionBankInput = z.input<typeof ListQuestionBankInput>;

const noQuestions = "Tick at least one question to set.";

export const SetQuestionsInput = z.object({
  enrolmentId: recordId("enrolment"),
  questionIds: z
    .array(recordId("question"), { error: noQuestions })
    .min(1, noQuestions)
    .max(questionLimits.setAtOnce, `Set ${questionLimits.setAtOnce} questions or fewer at once.`)
    .transform((ids) => [...new Set(ids)]),
  /** The assessment plan's questioning activity this carries out, if any: it is marked done. */
  plannedActivityId: z.string().trim().max(100).optional(),
});
export type SetQuestionsInput = z.input<typeof SetQuestionsInput>;

/** A draft may be empty: saving nothing clears it. */
export const SaveAnswerDraftInput = z.object({
  assignmentId: recordId("question"),
  text: optionalText("your answer", questionLimits.answer),
});
export type SaveAnswerDraftInput = z.input<typeof SaveAnswerDraftInput>;

export const SubmitAnswerInput = z.object({
  assignmentId: recordId("question"),
  text: requiredText("your answer", questionLimits.answer),
});
export type SubmitAnswerInput = z.input<typeof SubmitAnswerInput>;

const noFeedback = "Write feedback saying what the answer is missing, so the candidate can answer again.";

export const MarkAnswerInput = z.discriminatedUnion(
  "mark",
  [
    z.object({
      answerId: recordId("answer"),
      mark: z.literal("SATISFACTORY"),
      feedback: optionalText("feedback", questionLimits.feedback),
    }),
    z.object({
      answerId: recordId("answer"),
      mark: z.literal("NOT_YET"),
      feedback: z
        .string({ error: noFeedback })
        .overwrite(normaliseLineBreaks)
        .trim()
        .min(1, noFeedback)
        .max(
          questionLimits.feedback,
          `Keep feedback to ${questionLimits.feedback.toLocaleString("en-GB")} characters or fewer.`,
        ),
    }),
  ],
  { error: "Choose “Satisfactory” or “Not yet”." },
);
export type MarkAnswerInput = z.input<typeof MarkAnswerInput>;

/**
 * What the candidate confirms by submitting an answer: stored as the evidence's declaration when
 * the answer is marked satisfactory, as a candidate's declaration is on evidence they submit.
 */
export const answerDeclaration = "I confirm this answer is my own work";
