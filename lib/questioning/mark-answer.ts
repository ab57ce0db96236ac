import { recordAudit } from "../audit";
import { requireEnrolmentResource } from "../assessment/common";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { requireActive } from "../enrolments/guards";
import { AppError, NotFoundError, parseInput } from "../errors";
import { notify } from "../notify";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { createAnswerEvidence } from "./answer-evidence";
import { truncated, type Tx } from "./common";
import { MarkAnswerInput } from "./schemas";

export type MarkedAnswer = {
  answerId: string;
  mark: "SATISFACTORY" | "NOT_YET";
  /** The evidence a satisfactory answer became. */
  evidenceId: string | null;
};

const answerNotFound = () =>
  new NotFoundError("That answer was not found. Reload the page.", "question answer not found");

const markedEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  unitVersionId: true,
  unitVersion: { select: { unit: { select: { code: true } } } },
} as const;

/**
 * The assigned assessor marks a submitted answer satisfactory or "not yet" (with feedback, so
 * the candidate can answer again). A mark is final: an answer is marked once and never edited.
 * A satisfactory answer becomes accepted evidence of the question's criteria in the same
 * transaction (answer-evidence.ts); the criteria are met only once the assessor signs them.
 */
export async function markAnswer(
  db: Db,
  actor: Actor,
  rawInput: MarkAnswerInput,
  now: Date = new Date(),
): Promise<MarkedAnswer> {
  const input = parseInput(MarkAnswerInput, rawInput);
  const found = await db.questionAnswer.findUnique({
    where: { id: input.answerId },
    select: { assignment: { select: { enrolmentId: true } } },
  });
  if (!found) throw answerNotFound();
  const enrolmentId = found.assignment.enrolmentId;
  authorize(actor, "question.mark", await requireEnrolmentResource(db, enrolmentId), now);
  return db.$transaction((tx) => markInTransaction(tx, actor, input, enrolmentId, now));
}

async function markInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof MarkAnswerInput.parse>,
  enrolmentId: string,
  now: Date,
): Promise<MarkedAnswer> {
  const enrolment = await reauthorizedEnrolment(tx, actor, "question.mark", enrolmentId, now, markedEnrolmentSelect);
  requireActive(enrolment.status, "mark answers for it", "assessment");
  const answer = await unmarkedAnswer(tx, input.answerId, enrolment.id);
  const feedback = input.feedback ?? null;
  // Guarded on the mark read above, so two assessors marking at once cannot both land.
  const marked = await tx.questionAnswer.updateMany({
    where: { id: answer.id, mark: null },
    data: { mark: input.mark, feedback, markedById: actor.userId, markedAt: now },
  });
  if (marked.count !== 1) throw alreadyMarked();

  let evidence: { evidenceId: string; mappingIds: string[] } | null = null;
  if (input.mark === "SATISFACTORY") {
    evidence = await createAnswerEvidence(
      tx,
      actor,
      enrolment,
      answer.assignment.question,
      { ...answer, feedback },
      now,
    );
    await tx.questionAssignment.update({
      where: { id: answer.assignment.id },
      data: { outcome: "SATISFACTORY", evidenceId: evidence.evidenceId },
    });
    await refreshEnrolmentCounters(tx, [enrolment.id]);
  }
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: "question.mark",
    entityType: "QuestionAnswer",
    entityId: answer.id,
    before: { mark: null },
    after: { mark: input.mark, feedback, attempt: answer.attempt, ...(evidence ?? {}) },
  });
  await tellCandidate(tx, enrolment, answer, input.mark, feedback);
  return { answerId: answer.id, mark: input.mark, evidenceId: evidence?.evidenceId ?? null };
}

function alreadyMarked(): AppError {
  return new AppError(
    "This answer has already been marked, and a mark is final. Reload the page to see it.",
    "answer already marked",
  );
}

/** The answer as it is now, if it belongs to this enrolment and waits for its mark. */
async function unmarkedAnswer(tx: Tx, answerId: string, enrolmentId: string) {
  const answer = await tx.questionAnswer.findUnique({
    where: { id: answerId },
    select: {
      id: true,
      attempt: true,
      text: true,
      submittedAt: true,
      mark: true,
      assignment: {
        select: {
          id: true,
          enrolmentId: true,
          outcome: true,
          question: { select: { text: true, criterionIds: true } },
        },
      },
    },
  });
  if (!answer || answer.assignment.enrolmentId !== enrolmentId) throw answerNotFound();
  if (answer.mark !== null || answer.assignment.outcome !== null) throw alreadyMarked();
  return answer;
}

async function tellCandidate(
  tx: Tx,
  enrolment: { id: string; candidateId: string; unitVersion: { unit: { code: string } } },
  answer: { assignment: { id: string; question: { text: string } } },
  mark: MarkedAnswer["mark"],
  feedback: string | null,
): Promise<void> {
  const unitCode = enrolment.unitVersion.unit.code;
  const question = `“${truncated(answer.assignment.question.text)}”`;
  await notify(tx, {
    userId: enrolment.candidateId,
    kind: "question.marked",
    title: mark === "SATISFACTORY" ? `Answer satisfactory for ${unitCode}` : `Answer again for ${unitCode}`,
    body:
      mark === "SATISFACTORY"
        ? `Your assessor marked your answer to ${question} satisfactory. It is now accepted evidence in your portfolio.${feedback ? ` Their comment: ${feedback}` : ""}`
        : `Your assessor marked your answer to ${question} not yet. Their feedback: ${feedback ?? ""} Read it and answer again.`,
    link: `/candidate/units/${enrolment.id}/questions#assignment-${answer.assignment.id}`,
  });
}
