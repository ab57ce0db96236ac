import { recordAudit } from "../audit";
import { requireEnrolmentResource } from "../assessment/common";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { requireActive } from "../enrolments/guards";
import { AppError, isUniqueViolation, NotFoundError, parseInput } from "../errors";
import { notify } from "../notify";
import { assignmentState, requireAnswerable, truncated, type Tx } from "./common";
import { SaveAnswerDraftInput, SubmitAnswerInput } from "./schemas";

// The candidate answers a question set for them: a draft they may save as often as they like,
// then a submitted answer, which is kept as it was sent and waits for their assessor's mark.
// After "not yet" they answer again (a new attempt); once satisfactory there is nothing to answer.

const assignmentNotFound = () =>
  new NotFoundError(
    "That question was not found. It may no longer be set for you; reload the page.",
    "question assignment not found",
  );

const answeredEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  assessorId: true,
  unitVersion: { select: { unit: { select: { code: true } } } },
} as const;

/** The assignment's enrolment, checked before the transaction as every write does. */
async function authorizedAssignment(db: Db, actor: Actor, assignmentId: string, now: Date) {
  const found = await db.questionAssignment.findUnique({ where: { id: assignmentId }, select: { enrolmentId: true } });
  if (!found) throw assignmentNotFound();
  authorize(actor, "question.answer", await requireEnrolmentResource(db, found.enrolmentId), now);
  return found.enrolmentId;
}

/** Inside the transaction: the enrolment checked again, and the assignment as it is now, open for an answer. */
async function answerableAssignment(tx: Tx, actor: Actor, assignmentId: string, enrolmentId: string, now: Date) {
  const enrolment = await reauthorizedEnrolment(
    tx,
    actor,
    "question.answer",
    enrolmentId,
    now,
    answeredEnrolmentSelect,
  );
  requireActive(enrolment.status, "answer questions for it", "assessment");
  const assignment = await tx.questionAssignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      enrolmentId: true,
      outcome: true,
      draft: true,
      question: { select: { text: true } },
      answers: { select: { attempt: true, mark: true }, orderBy: { attempt: "desc" }, take: 1 },
    },
  });
  if (!assignment || assignment.enrolmentId !== enrolment.id) throw assignmentNotFound();
  requireAnswerable(assignmentState(assignment.outcome, assignment.answers[0]));
  return { enrolment, assignment };
}

/** Saves the candidate's answer as a draft (empty clears it); nobody else sees a draft. */
export async function saveAnswerDraft(
  db: Db,
  actor: Actor,
  rawInput: SaveAnswerDraftInput,
  now: Date = new Date(),
): Promise<void> {
  const input = parseInput(SaveAnswerDraftInput, rawInput);
  const enrolmentId = await authorizedAssignment(db, actor, input.assignmentId, now);
  // Not audited: a draft is working text, not part of the record until it is submitted.
  await db.$transaction(async (tx) => {
    await answerableAssignment(tx, actor, input.assignmentId, enrolmentId, now);
    await tx.questionAssignment.update({ where: { id: input.assignmentId }, data: { draft: input.text } });
  });
}

/** Submits the candidate's answer for marking; the draft is cleared and the assessor told. */
export async function submitAnswer(
  db: Db,
  actor: Actor,
  rawInput: SubmitAnswerInput,
  now: Date = new Date(),
): Promise<{ answerId: string; attempt: number }> {
  const input = parseInput(SubmitAnswerInput, rawInput);
  const enrolmentId = await authorizedAssignment(db, actor, input.assignmentId, now);
  try {
    return await db.$transaction((tx) => submitInTransaction(tx, actor, input, enrolmentId, now));
  } catch (error) {
    // Two submissions at once (a double click, two tabs): the unique attempt number let one in.
    if (isUniqueViolation(error, "QuestionAnswer"))
      throw new AppError(
        "This answer was submitted a moment ago and is waiting for your assessor to mark it. Reload the page to see it.",
        "answer submitted twice",
      );
    throw error;
  }
}

async function submitInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof SubmitAnswerInput.parse>,
  enrolmentId: string,
  now: Date,
): Promise<{ answerId: string; attempt: number }> {
  const { enrolment, assignment } = await answerableAssignment(tx, actor, input.assignmentId, enrolmentId, now);
  const attempt = (assignment.answers[0]?.attempt ?? 0) + 1;
  const answer = await tx.questionAnswer.create({
    data: { assignmentId: assignment.id, attempt, text: input.text, submittedAt: now },
    select: { id: true },
  });
  await tx.questionAssignment.update({ where: { id: assignment.id }, data: { draft: null } });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: "question.answer",
    entityType: "QuestionAnswer",
    entityId: answer.id,
    after: { assignmentId: assignment.id, attempt, text: input.text },
  });
  if (enrolment.assessorId) {
    const unitCode = enrolment.unitVersion.unit.code;
    await notify(tx, {
      userId: enrolment.assessorId,
      kind: "question.answered",
      title: `An answer to mark for ${unitCode}`,
      body: `${attempt > 1 ? "A new answer" : "An answer"} to “${truncated(assignment.question.text)}” is waiting for you to mark it.`,
      link: `/assessor/enrolments/${enrolment.id}/questions#assignment-${assignment.id}`,
    });
  }
  return { answerId: answer.id, attempt };
}
