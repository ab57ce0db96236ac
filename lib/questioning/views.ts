import { requireEnrolmentResource } from "../assessment/common";
import { authorize, type Action, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentHeading, enrolmentHeadingSelect } from "../enrolments/enrolment-heading";
import { timeZoneOf } from "../format/time-zone";
import { criteriaByIds } from "./bank";
import { answersInOrder, assignmentState, criterionIdsOf, type AssignmentState } from "./common";

// What the two questioning pages read about one enrolment. The candidate's loader never selects
// a question's guidance (it is the assessor's: a model answer, what to look for), so nothing the
// candidate's page is given can carry it.

export type AnswerView = {
  id: string;
  attempt: number;
  text: string;
  submittedAt: Date;
  mark: "SATISFACTORY" | "NOT_YET" | null;
  feedback: string | null;
  markedAt: Date | null;
};

type CriterionRef = { id: string; label: string; text: string };

type AssignmentBase = {
  id: string;
  questionText: string;
  criteria: CriterionRef[];
  setAt: Date;
  state: AssignmentState;
  answers: AnswerView[];
  evidenceId: string | null;
};

export type CandidateAssignment = AssignmentBase & { draft: string | null };
export type AssessorAssignment = AssignmentBase & { guidance: string | null };

const answerSelect = {
  id: true,
  attempt: true,
  text: true,
  submittedAt: true,
  mark: true,
  feedback: true,
  markedAt: true,
} as const;

/** The enrolment's heading and time zone, once the actor may do `action` on it. */
async function authorizedHeading(db: Db, actor: Actor, enrolmentId: string, action: Action) {
  authorize(actor, action, await requireEnrolmentResource(db, enrolmentId));
  const enrolment = await db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: { ...enrolmentHeadingSelect, centreId: true, unitVersionId: true, centre: { select: { timeZone: true } } },
  });
  return {
    heading: enrolmentHeading(enrolment),
    centreId: enrolment.centreId,
    unitVersionId: enrolment.unitVersionId,
    timeZone: timeZoneOf(enrolment.centre),
  };
}

function toAnswer(a: { mark: string | null } & Omit<AnswerView, "mark">): AnswerView {
  return { ...a, mark: a.mark === "SATISFACTORY" || a.mark === "NOT_YET" ? a.mark : null };
}

/** The candidate's own questions with their answers, feedback and draft; never the guidance. */
export async function getCandidateQuestions(db: Db, actor: Actor, enrolmentId: string) {
  const { heading, timeZone } = await authorizedHeading(db, actor, enrolmentId, "question.answer");
  const rows = await db.questionAssignment.findMany({
    where: { enrolmentId },
    orderBy: [{ setAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      setAt: true,
      draft: true,
      outcome: true,
      evidenceId: true,
      question: { select: { text: true, criterionIds: true } },
      answers: { select: answerSelect, ...answersInOrder },
    },
  });
  const criteria = await criteriaByIds(
    db,
    rows.flatMap((r) => criterionIdsOf(r.question.criterionIds)),
  );
  const assignments: CandidateAssignment[] = rows.map((r) => ({
    id: r.id,
    questionText: r.question.text,
    criteria: criterionIdsOf(r.question.criterionIds).flatMap((id) => criteria.get(id) ?? []),
    setAt: r.setAt,
    state: assignmentState(r.outcome, r.answers.at(-1)),
    answers: r.answers.map(toAnswer),
    evidenceId: r.evidenceId,
    draft: r.draft,
  }));
  return { enrolment: heading, timeZone, assignments };
}

/**
 * The assigned assessor's view: the questions set with each answer and its mark, the guidance,
 * and the bank's questions they may still set. The candidate's draft is not shown: it is theirs
 * until they submit it.
 */
export async function getAssessorQuestions(db: Db, actor: Actor, enrolmentId: string) {
  const { heading, timeZone, centreId, unitVersionId } = await authorizedHeading(
    db,
    actor,
    enrolmentId,
    "question.set",
  );
  const rows = await db.questionAssignment.findMany({
    where: { enrolmentId },
    orderBy: [{ setAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      setAt: true,
      outcome: true,
      evidenceId: true,
      questionId: true,
      question: { select: { text: true, guidance: true, criterionIds: true } },
      answers: { select: answerSelect, ...answersInOrder },
    },
  });
  const setIds = rows.map((r) => r.questionId);
  const bank = await db.question.findMany({
    where: { centreId, unitVersionId, retiredAt: null, id: { notIn: setIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    // A bank that size is set from over several visits; the page says how to narrow it.
    take: 200,
    select: { id: true, text: true, criterionIds: true },
  });
  const criteria = await criteriaByIds(db, [
    ...rows.flatMap((r) => criterionIdsOf(r.question.criterionIds)),
    ...bank.flatMap((q) => criterionIdsOf(q.criterionIds)),
  ]);
  const criteriaOf = (stored: unknown) => criterionIdsOf(stored).flatMap((id) => criteria.get(id) ?? []);
  const assignments: AssessorAssignment[] = rows.map((r) => ({
    id: r.id,
    questionText: r.question.text,
    guidance: r.question.guidance,
    criteria: criteriaOf(r.question.criterionIds),
    setAt: r.setAt,
    state: assignmentState(r.outcome, r.answers.at(-1)),
    answers: r.answers.map(toAnswer),
    evidenceId: r.evidenceId,
  }));
  const settable = bank.map((q) => ({ id: q.id, text: q.text, criteria: criteriaOf(q.criterionIds) }));
  return { enrolment: heading, timeZone, assignments, settable };
}

export type CandidateQuestions = Awaited<ReturnType<typeof getCandidateQuestions>>;
export type AssessorQuestions = Awaited<ReturnType<typeof getAssessorQuestions>>;

/** A state in words, for both pages. */
export function assignmentStateWords(state: AssignmentState, viewer: "candidate" | "assessor"): string {
  switch (state) {
    case "unanswered":
      return viewer === "candidate" ? "Not answered yet" : "Waiting for the candidate's answer";
    case "waiting":
      return viewer === "candidate" ? "Waiting for your assessor to mark it" : "Answer waiting for your mark";
    case "notYet":
      return viewer === "candidate" ? "Not yet: answer again" : "Not yet: waiting for a new answer";
    case "satisfactory":
      return "Satisfactory";
  }
}
