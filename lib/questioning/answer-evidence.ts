import { writeAcceptedClaim } from "../assessment/accepted-claim";
import type { Actor } from "../authz/policy";
import { criterionIdsOf, truncated, type Tx } from "./common";
import { answerDeclaration } from "./schemas";

// A satisfactory answer becomes evidence in the candidate's portfolio, mapped to the question's
// criteria and accepted, so the criterion decision (lib/assessment/decide-criterion.ts), the
// gap view, the method mix and the decision's evidence snapshot treat it as any accepted claim.
// "Met" still needs the assessor's signed decision.

type MarkedAnswer = {
  id: string;
  text: string;
  submittedAt: Date;
  feedback: string | null;
};

type AnsweredQuestion = { text: string; criterionIds: unknown };

type Enrolment = { id: string; centreId: string; candidateId: string; unitVersionId: string };

/** The question and the answer, as Markdown (rendered safely: no raw HTML). */
export function answerDescription(question: string, answer: string): string {
  return `**Question**\n\n${question}\n\n**Answer**\n\n${answer}`;
}

/** Creates the evidence, its accepted mappings and their reviews; returns the evidence's id. */
export async function createAnswerEvidence(
  tx: Tx,
  actor: Actor,
  enrolment: Enrolment,
  question: AnsweredQuestion,
  answer: MarkedAnswer,
  now: Date,
): Promise<{ evidenceId: string; mappingIds: string[] }> {
  const evidence = await tx.evidence.create({
    data: {
      centreId: enrolment.centreId,
      candidateId: enrolment.candidateId,
      // The marking assessor made this record (docs/decisions/0019): only they could change it.
      authorId: actor.userId,
      title: `Answer to: ${truncated(question.text)}`,
      method: "questioning",
      activityDate: answer.submittedAt,
      description: answerDescription(question.text, answer.text),
      simulated: false,
      submittedAt: now,
      declaration: answerDeclaration,
      // Unlike an observation, the words are the candidate's own, sent by them: submitting the
      // answer was their confirmation of it, so it counts towards "met" without asking again
      // (countsTowardsMet, lib/assessment/met-shortfall.ts).
      candidateResponse: "CONFIRMED",
      candidateRespondedAt: answer.submittedAt,
    },
    select: { id: true, round: true },
  });
  const criterionIds = await criteriaStillOfUnit(tx, question, enrolment.unitVersionId);
  const mappingIds: string[] = [];
  for (const criterionId of criterionIds) {
    // No range items: a question names criteria, not range items, and nobody has judged which
    // items the answer shows, so claiming any would put unchecked coverage into a signed decision.
    const claim = {
      evidence: { ...evidence, centreId: enrolment.centreId },
      enrolmentId: enrolment.id,
      criterionId,
      rangeItemIds: [],
      feedback: answer.feedback,
      source: "questioning" as const,
    };
    mappingIds.push(await writeAcceptedClaim(tx, actor, claim, now));
  }
  return { evidenceId: evidence.id, mappingIds };
}

/** The question's criteria that belong to the enrolment's unit version (all of them, as the bank checked). */
async function criteriaStillOfUnit(tx: Tx, question: AnsweredQuestion, unitVersionId: string): Promise<string[]> {
  const ids = criterionIdsOf(question.criterionIds);
  const rows = await tx.criterion.findMany({
    where: { id: { in: ids }, unitVersionId },
    select: { id: true },
    orderBy: { position: "asc" },
  });
  return rows.map((r) => r.id);
}
