import { beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { AppError, InputError } from "@/lib/errors";
import { submitAnswer, saveAnswerDraft } from "@/lib/questioning/answer";
import { addQuestion, listQuestionBank, retireQuestion } from "@/lib/questioning/bank";
import { markAnswer } from "@/lib/questioning/mark-answer";
import { setQuestions } from "@/lib/questioning/set-questions";
import { getAssessorQuestions, getCandidateQuestions } from "@/lib/questioning/views";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Questioning (issue #16): a centre's question bank per unit version, questions set for a
// candidate by their assessor, answered (draft, then submit), marked satisfactory or "not yet"
// with feedback, answered again; a satisfactory answer becomes accepted evidence of the
// question's criteria, which the existing signed decision can then sign met. Real databases.
// Dev Shah's INSCS042 enrolment is assessed by Ben Morgan (lib/demo/seed.ts).

const state = useMigratedDb();
const ids = { northgate: "", riverside: "", inscs042: "", cs34Version: "", devEnrolment: "" };
const actors: Record<string, SessionActor> = {};
const guidance = "Look for: a plan names its objectives, resources, budget, timescale and contingencies.";

function as(key: string): SessionActor {
  const found = actors[key];
  if (!found) throw new Error(`no actor ${key}`);
  return found;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function knowledge(ref: string) {
  return state.db.criterion.findFirstOrThrow({ where: { unitVersionId: ids.inscs042, kind: "knowledge", ref } });
}

async function question(text: string, refs: string[], actor = as("ben"), centreId = ids.northgate) {
  const criterionIds = await Promise.all(refs.map(async (ref) => (await knowledge(ref)).id));
  return addQuestion(state.db, actor, { centreId, unitVersionId: ids.inscs042, text, criterionIds, guidance });
}

async function assignmentOf(questionId: string) {
  return state.db.questionAssignment.findFirstOrThrow({ where: { enrolmentId: ids.devEnrolment, questionId } });
}

beforeAll(async () => {
  const db = state.db;
  expect((await importStandards(db)).errors).toEqual([]);
  await seedDemo(db);
  for (const [key, email] of [
    ["cara", "candidate@northgate.example"],
    ["dev", "candidate2@northgate.example"],
    ["asha", "assessor@northgate.example"],
    ["ben", "assessor2@northgate.example"],
    ["nadia", "admin@northgate.example"],
    ["raj", "assessor@riverside.example"],
  ] as const) {
    actors[key] = await actorByEmail(db, email);
  }
  ids.northgate = (await db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  ids.riverside = (await db.centre.findUniqueOrThrow({ where: { slug: "riverside" } })).id;
  const enrolment = await db.enrolment.findFirstOrThrow({
    where: { candidateId: as("dev").userId, unitVersion: { unit: { code: "INSCS042" } } },
  });
  ids.devEnrolment = enrolment.id;
  ids.inscs042 = enrolment.unitVersionId;
  ids.cs34Version = (await db.unitVersion.findFirstOrThrow({ where: { unit: { code: "CS34" } } })).id;
}, 120_000);

describe("the question bank", () => {
  it("lets the centre's assessors and admins add questions on the unit's criteria, newest first", async () => {
    await question("How do you develop a plan for customer service operations?", ["1", "3"]);
    await question("What problems are likely to occur in your operations?", ["11"], as("nadia"));
    const page = await listQuestionBank(state.db, as("asha"), { centreId: ids.northgate, unitVersionId: ids.inscs042 });
    expect(page.total).toBe(2);
    expect(page.items.map((q) => q.text)).toEqual([
      "What problems are likely to occur in your operations?",
      "How do you develop a plan for customer service operations?",
    ]);
    expect(page.items[1]?.criteria.map((c) => c.label)).toEqual(["Knowledge 1", "Knowledge 3"]);
    expect(page.items[1]?.criteria[0]?.text).toBe((await knowledge("1")).text);
    expect(page.items[1]?.guidance).toBe(guidance);
    expect(await state.db.auditEvent.count({ where: { action: "question.add" } })).toBe(2);
  });

  it("refuses criteria of another unit, an empty question, another centre and a candidate", async () => {
    const cs34 = await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: ids.cs34Version } });
    const input = {
      centreId: ids.northgate,
      unitVersionId: ids.inscs042,
      text: "Explain budgets.",
      criterionIds: [cs34.id],
    };
    const wrongUnit = await refusal(addQuestion(state.db, as("ben"), input));
    expect(wrongUnit).toBeInstanceOf(InputError);
    expect((wrongUnit as InputError).fieldErrors.criterionIds?.[0]).toMatch(/only criteria of this unit/);
    const k2 = (await knowledge("2")).id;
    const empty = await refusal(addQuestion(state.db, as("ben"), { ...input, text: "  ", criterionIds: [k2] }));
    expect((empty as InputError).fieldErrors.text).toEqual(["Write the question."]);
    const none = await refusal(addQuestion(state.db, as("ben"), { ...input, criterionIds: [] }));
    expect((none as InputError).fieldErrors.criterionIds?.[0]).toMatch(/Tick at least one criterion/);
    const tooLong = await refusal(
      addQuestion(state.db, as("ben"), { ...input, text: "x".repeat(2001), criterionIds: [k2] }),
    );
    expect((tooLong as InputError).fieldErrors.text?.[0]).toMatch(/2,000 characters/);

    expect(await refusal(addQuestion(state.db, as("raj"), { ...input, criterionIds: [k2] }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusal(addQuestion(state.db, as("cara"), { ...input, criterionIds: [k2] }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      await refusal(listQuestionBank(state.db, as("raj"), { centreId: ids.northgate, unitVersionId: ids.inscs042 })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await refusal(listQuestionBank(state.db, as("dev"), { centreId: ids.northgate, unitVersionId: ids.inscs042 })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await state.db.question.count({ where: { unitVersionId: ids.inscs042 } })).toBe(2);
  });

  it("retires a question once, only for the centre's assessors", async () => {
    const { id } = await question("What is a contingency?", ["4"]);
    expect(await refusal(retireQuestion(state.db, as("raj"), { questionId: id }))).toBeInstanceOf(ForbiddenError);
    await retireQuestion(state.db, as("asha"), { questionId: id });
    expect((await refusal(retireQuestion(state.db, as("asha"), { questionId: id }))).userMessage).toMatch(
      /already been retired/,
    );
    const settable = await listQuestionBank(state.db, as("ben"), {
      centreId: ids.northgate,
      unitVersionId: ids.inscs042,
      includeRetired: false,
    });
    expect(settable.items.map((q) => q.id)).not.toContain(id);
  });
});

describe("setting questions", () => {
  it("refuses an assessor not assigned, another centre's assessor, and questions of another centre or retired", async () => {
    const [q] = (await listQuestionBank(state.db, as("ben"), { centreId: ids.northgate, unitVersionId: ids.inscs042 }))
      .items;
    const input = { enrolmentId: ids.devEnrolment, questionIds: [q!.id] };
    expect(await refusal(setQuestions(state.db, as("asha"), input))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(setQuestions(state.db, as("raj"), input))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(setQuestions(state.db, as("dev"), input))).toBeInstanceOf(ForbiddenError);

    const theirs = await question("A riverside question", ["1"], as("raj"), ids.riverside);
    const foreign = await refusal(setQuestions(state.db, as("ben"), { ...input, questionIds: [theirs.id] }));
    expect((foreign as InputError).fieldErrors.questionIds?.[0]).toMatch(/not found/);
    const retired = await state.db.question.findFirstOrThrow({ where: { retiredAt: { not: null } } });
    const refused = await refusal(setQuestions(state.db, as("ben"), { ...input, questionIds: [retired.id] }));
    expect(refused.userMessage).toMatch(/retired/);
    expect(await state.db.questionAssignment.count()).toBe(0);
  });

  it("sets questions for the candidate, tells them, and leaves a question already set as it is", async () => {
    const bank = await listQuestionBank(state.db, as("ben"), {
      centreId: ids.northgate,
      unitVersionId: ids.inscs042,
      includeRetired: false,
    });
    const questionIds = bank.items.map((q) => q.id);
    const first = await setQuestions(state.db, as("ben"), { enrolmentId: ids.devEnrolment, questionIds });
    expect(first.setIds.sort()).toEqual([...questionIds].sort());
    const again = await setQuestions(state.db, as("ben"), {
      enrolmentId: ids.devEnrolment,
      questionIds: [questionIds[0]!],
    });
    expect(again).toEqual({ setIds: [], alreadySetIds: [questionIds[0]] });
    expect(await state.db.questionAssignment.count({ where: { enrolmentId: ids.devEnrolment } })).toBe(2);
    const told = await state.db.notification.findMany({ where: { userId: as("dev").userId, kind: "question.set" } });
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toBe("2 questions to answer for INSCS042");
  });
});

describe("answering and marking", () => {
  const planning = "How do you develop a plan for customer service operations?";

  it("saves a draft, refuses an empty answer, submits, and refuses a second submission while it waits", async () => {
    const q = await state.db.question.findFirstOrThrow({ where: { text: planning } });
    const assignment = await assignmentOf(q.id);
    await saveAnswerDraft(state.db, as("dev"), { assignmentId: assignment.id, text: "I start from the objectives" });
    let view = await getCandidateQuestions(state.db, as("dev"), ids.devEnrolment);
    expect(view.assignments.find((a) => a.id === assignment.id)).toMatchObject({
      draft: "I start from the objectives",
      state: "unanswered",
    });
    const empty = await refusal(submitAnswer(state.db, as("dev"), { assignmentId: assignment.id, text: " \n " }));
    expect((empty as InputError).fieldErrors.text).toEqual(["Write your answer."]);
    // Another candidate, even of the same centre, cannot answer it; nor can the assessor.
    expect(
      await refusal(submitAnswer(state.db, as("cara"), { assignmentId: assignment.id, text: "Mine" })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await refusal(submitAnswer(state.db, as("ben"), { assignmentId: assignment.id, text: "Mine" })),
    ).toBeInstanceOf(ForbiddenError);

    await submitAnswer(state.db, as("dev"), { assignmentId: assignment.id, text: "I start from the objectives." });
    view = await getCandidateQuestions(state.db, as("dev"), ids.devEnrolment);
    expect(view.assignments.find((a) => a.id === assignment.id)).toMatchObject({ draft: null, state: "waiting" });
    const twice = await refusal(submitAnswer(state.db, as("dev"), { assignmentId: assignment.id, text: "More" }));
    expect(twice.userMessage).toMatch(/waiting for your assessor to mark it/);
    const draft = await refusal(saveAnswerDraft(state.db, as("dev"), { assignmentId: assignment.id, text: "More" }));
    expect(draft.userMessage).toMatch(/waiting for your assessor/);
    const told = await state.db.notification.findMany({
      where: { userId: as("ben").userId, kind: "question.answered" },
    });
    expect(told).toHaveLength(1);
  });

  it("marks not yet with feedback, takes a new answer, marks it satisfactory as accepted evidence, which can be signed met", async () => {
    const db = state.db;
    const q = await db.question.findFirstOrThrow({ where: { text: planning } });
    const assignment = await assignmentOf(q.id);
    const first = await db.questionAnswer.findFirstOrThrow({ where: { assignmentId: assignment.id, attempt: 1 } });

    const noFeedback = await refusal(markAnswer(db, as("ben"), { answerId: first.id, mark: "NOT_YET", feedback: "" }));
    expect((noFeedback as InputError).fieldErrors.feedback?.[0]).toMatch(/Write feedback/);
    expect(await refusal(markAnswer(db, as("asha"), { answerId: first.id, mark: "SATISFACTORY" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusal(markAnswer(db, as("dev"), { answerId: first.id, mark: "SATISFACTORY" }))).toBeInstanceOf(
      ForbiddenError,
    );
    const feedback = "Say what a plan must include: resources, budget and contingencies.";
    await markAnswer(db, as("ben"), { answerId: first.id, mark: "NOT_YET", feedback });
    const final = await refusal(markAnswer(db, as("ben"), { answerId: first.id, mark: "SATISFACTORY" }));
    expect(final.userMessage).toMatch(/already been marked, and a mark is final/);

    const answer = "A plan names objectives, the staff and resources, the budget, the timescale and contingencies.";
    const { answerId, attempt } = await submitAnswer(db, as("dev"), { assignmentId: assignment.id, text: answer });
    expect(attempt).toBe(2);
    const marked = await markAnswer(db, as("ben"), { answerId, mark: "SATISFACTORY", feedback: "Well explained." });
    expect(marked.evidenceId).toBeTruthy();

    const evidence = await db.evidence.findUniqueOrThrow({
      where: { id: marked.evidenceId! },
      include: { mappings: { include: { reviews: true, criterion: true } } },
    });
    expect(evidence).toMatchObject({
      method: "questioning",
      candidateId: as("dev").userId,
      authorId: as("ben").userId,
      title: `Answer to: ${planning}`,
    });
    expect(evidence.description).toContain(planning);
    expect(evidence.description).toContain(answer);
    expect(evidence.description).not.toContain(guidance);
    expect(evidence.activityDate).toEqual(
      (await db.questionAnswer.findUniqueOrThrow({ where: { id: answerId } })).submittedAt,
    );
    expect(evidence.mappings.map((m) => m.criterion.ref).sort()).toEqual(["1", "3"]);
    for (const m of evidence.mappings) {
      expect(m).toMatchObject({ status: "ACCEPTED", enrolmentId: ids.devEnrolment, reviewedById: as("ben").userId });
      expect(m.reviews).toHaveLength(1);
      expect(m.reviews[0]).toMatchObject({ round: 1, status: "ACCEPTED", rangeItemIds: [] });
    }
    expect(await db.questionAssignment.findUniqueOrThrow({ where: { id: assignment.id } })).toMatchObject({
      outcome: "SATISFACTORY",
      evidenceId: marked.evidenceId,
    });
    const after = await refusal(submitAnswer(db, as("dev"), { assignmentId: assignment.id, text: "Again" }));
    expect(after.userMessage).toMatch(/satisfactory/);
    const marks = await db.notification.findMany({ where: { userId: as("dev").userId, kind: "question.marked" } });
    expect(marks.map((n) => n.title)).toEqual(["Answer again for INSCS042", "Answer satisfactory for INSCS042"]);

    // "Met" still needs the assessor's signed decision, which now rests on the answer.
    const k1 = await knowledge("1");
    const signed = await decideCriterion(db, as("ben"), {
      enrolmentId: ids.devEnrolment,
      criterionId: k1.id,
      outcome: "MET",
      password: demoPassword,
    });
    expect(signed).toMatchObject({ outcome: "MET", evidenceCount: 1 });
  });

  it("gives the candidate's page nothing of the guidance, and the assessor's page all of it", async () => {
    const candidate = await getCandidateQuestions(state.db, as("dev"), ids.devEnrolment);
    expect(candidate.assignments).toHaveLength(2);
    expect(JSON.stringify(candidate)).not.toContain(guidance);
    expect(JSON.stringify(candidate)).not.toContain("guidance");
    const assessor = await getAssessorQuestions(state.db, as("ben"), ids.devEnrolment);
    expect(assessor.assignments.map((a) => a.guidance)).toEqual([guidance, guidance]);
    expect(assessor.assignments.map((a) => a.state).sort()).toEqual(["satisfactory", "unanswered"]);
    // The assessor's page is the assigned assessor's; the candidate's page is the candidate's own.
    expect(await refusal(getAssessorQuestions(state.db, as("dev"), ids.devEnrolment))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(getAssessorQuestions(state.db, as("asha"), ids.devEnrolment))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(getCandidateQuestions(state.db, as("cara"), ids.devEnrolment))).toBeInstanceOf(ForbiddenError);
  });
});
