import { recordAudit } from "../audit";
import { requireEnrolmentResource } from "../assessment/common";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { requireActive } from "../enrolments/guards";
import { InputError, parseInput } from "../errors";
import { notify } from "../notify";
import { completeActivityInTransaction } from "../plans/assessment-plan";
import type { Tx } from "./common";
import { SetQuestionsInput } from "./schemas";

export type SetQuestionsResult = {
  /** The questions newly set. */
  setIds: string[];
  /** Those ticked that were already set for this candidate: left as they are. */
  alreadySetIds: string[];
};

const setEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  unitVersionId: true,
  unitVersion: { select: { unit: { select: { code: true } } } },
} as const;

/**
 * The assigned assessor sets questions from the centre's bank for one candidate's enrolment:
 * questions of the enrolment's unit version that are not retired. A question already set is
 * left as it is (with its answers), so ticking it again changes nothing; the result says which.
 */
export async function setQuestions(
  db: Db,
  actor: Actor,
  rawInput: SetQuestionsInput,
  now: Date = new Date(),
): Promise<SetQuestionsResult> {
  const input = parseInput(SetQuestionsInput, rawInput);
  authorize(actor, "question.set", await requireEnrolmentResource(db, input.enrolmentId), now);
  return db.$transaction(async (tx) => {
    const enrolment = await reauthorizedEnrolment(
      tx,
      actor,
      "question.set",
      input.enrolmentId,
      now,
      setEnrolmentSelect,
    );
    requireActive(enrolment.status, "set questions for it", "assessment");
    await requireSettable(tx, enrolment, input.questionIds);
    const existing = await tx.questionAssignment.findMany({
      where: { enrolmentId: enrolment.id, questionId: { in: input.questionIds } },
      select: { questionId: true },
    });
    const alreadySetIds = existing.map((a) => a.questionId);
    const setIds = input.questionIds.filter((id) => !alreadySetIds.includes(id));
    if (setIds.length === 0) return { setIds, alreadySetIds };
    await tx.questionAssignment.createMany({
      data: setIds.map((questionId) => ({ enrolmentId: enrolment.id, questionId, setById: actor.userId, setAt: now })),
    });
    if (input.plannedActivityId)
      await completeActivityInTransaction(
        tx,
        actor,
        { activityId: input.plannedActivityId, enrolmentId: enrolment.id },
        now,
      );
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: "question.set",
      entityType: "Enrolment",
      entityId: enrolment.id,
      after: { questionIds: setIds },
    });
    const unitCode = enrolment.unitVersion.unit.code;
    await notify(tx, {
      userId: enrolment.candidateId,
      kind: "question.set",
      title: `${setIds.length === 1 ? "A question" : `${setIds.length} questions`} to answer for ${unitCode}`,
      body: `Your assessor set ${setIds.length === 1 ? "a question" : `${setIds.length} questions`} for you to answer for ${unitCode}. Write your answers in the app: you can save a draft and submit when ready.`,
      link: `/candidate/units/${enrolment.id}/questions`,
    });
    return { setIds, alreadySetIds };
  });
}

/**
 * Each question is in the bank of the enrolment's centre for its unit version, and not retired.
 * A question of another centre reads as unknown, as a missing one does.
 */
async function requireSettable(
  tx: Tx,
  enrolment: { centreId: string; unitVersionId: string },
  questionIds: string[],
): Promise<void> {
  const questions = await tx.question.findMany({
    where: { id: { in: questionIds }, centreId: enrolment.centreId },
    select: { id: true, unitVersionId: true, retiredAt: true },
  });
  if (questions.length !== questionIds.length)
    throw InputError.forField(
      "questionIds",
      "One of those questions was not found. Reload the page and tick them again.",
    );
  if (questions.some((q) => q.unitVersionId !== enrolment.unitVersionId))
    throw InputError.forField(
      "questionIds",
      "Set only questions for the unit version this candidate is enrolled on. Reload the page and tick them again.",
    );
  if (questions.some((q) => q.retiredAt))
    throw InputError.forField(
      "questionIds",
      "One of those questions has been retired from the bank, so it cannot be set. Reload the page and tick them again.",
    );
}
