import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { pageWindow, type Paginated } from "../enrolments/dto";
import { AppError, InputError, NotFoundError, parseInput } from "../errors";
import { criterionIdsOf, criterionLabel, questionNotFound, type Tx } from "./common";
import { AddQuestionInput, ListQuestionBankInput, RetireQuestionInput } from "./schemas";

// A centre's question bank for one unit version: questions its assessors set for candidates,
// each with the criteria a satisfactory answer proves and guidance for the assessor (a model
// answer, what to look for). Candidates never read the bank: only the question's text reaches
// them (lib/questioning/candidate-view.ts).

export const BANK_PAGE_SIZE = 20;

const unknownUnit = () =>
  new NotFoundError("That unit was not found. Choose a unit from the list again.", "unit version not found");

/** Adds a question to the centre's bank for one unit version. */
export async function addQuestion(
  db: Db,
  actor: Actor,
  rawInput: AddQuestionInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const input = parseInput(AddQuestionInput, rawInput);
  // The bank's rule rests on the actor's roles in the centre alone (loaded for this request), so
  // unlike an enrolment's there is nothing to read again inside the transaction.
  authorize(actor, "question.manage", { kind: "centre", centreId: input.centreId }, now);
  return db.$transaction(async (tx) => {
    await requireCriteriaOf(tx, input.unitVersionId, input.criterionIds);
    const question = await tx.question.create({
      data: {
        centreId: input.centreId,
        unitVersionId: input.unitVersionId,
        text: input.text,
        criterionIds: input.criterionIds,
        guidance: input.guidance,
        createdById: actor.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: input.centreId,
      action: "question.add",
      entityType: "Question",
      entityId: question.id,
      after: {
        unitVersionId: input.unitVersionId,
        text: input.text,
        criterionIds: input.criterionIds,
        guidance: input.guidance,
      },
    });
    return question;
  });
}

/** Every criterion ticked belongs to the unit version, or the form is refused at the criteria. */
async function requireCriteriaOf(tx: Tx, unitVersionId: string, criterionIds: string[]): Promise<void> {
  const version = await tx.unitVersion.findUnique({ where: { id: unitVersionId }, select: { id: true } });
  if (!version) throw unknownUnit();
  const found = await tx.criterion.count({ where: { id: { in: criterionIds }, unitVersionId } });
  if (found !== criterionIds.length)
    throw InputError.forField(
      "criterionIds",
      "Tick only criteria of this unit. Reload the page and choose the criteria again.",
    );
}

/**
 * Retires a question: it is not set again, but stays for the answers already given to it (and
 * the evidence they became), so it is never deleted.
 */
export async function retireQuestion(
  db: Db,
  actor: Actor,
  rawInput: RetireQuestionInput,
  now: Date = new Date(),
): Promise<void> {
  const input = parseInput(RetireQuestionInput, rawInput);
  const question = await db.question.findUnique({ where: { id: input.questionId }, select: { centreId: true } });
  if (!question) throw questionNotFound();
  authorize(actor, "question.manage", { kind: "centre", centreId: question.centreId }, now);
  await db.$transaction(async (tx) => {
    const retired = await tx.question.updateMany({
      where: { id: input.questionId, retiredAt: null },
      data: { retiredAt: now },
    });
    if (retired.count !== 1) throw new AppError("That question has already been retired.", "question already retired");
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: question.centreId,
      action: "question.retire",
      entityType: "Question",
      entityId: input.questionId,
      after: { retiredAt: now.toISOString() },
    });
  });
}

export type BankQuestion = {
  id: string;
  text: string;
  guidance: string | null;
  criteria: { id: string; label: string; text: string }[];
  createdBy: string;
  createdAt: Date;
  retiredAt: Date | null;
  /** How many candidates it has been set for. */
  setCount: number;
};

/** One page of the centre's questions for a unit version, newest first. */
export async function listQuestionBank(
  db: Db,
  actor: Actor,
  rawInput: ListQuestionBankInput,
): Promise<Paginated<BankQuestion>> {
  const input = parseInput(ListQuestionBankInput, rawInput);
  authorize(actor, "question.manage", { kind: "centre", centreId: input.centreId });
  const where = {
    centreId: input.centreId,
    unitVersionId: input.unitVersionId,
    ...(input.includeRetired ? {} : { retiredAt: null }),
  };
  const total = await db.question.count({ where });
  const { page, pageCount, skip } = pageWindow(input.page, total, BANK_PAGE_SIZE);
  const rows = await db.question.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: BANK_PAGE_SIZE,
    select: {
      id: true,
      text: true,
      guidance: true,
      criterionIds: true,
      createdById: true,
      createdAt: true,
      retiredAt: true,
      _count: { select: { assignments: true } },
    },
  });
  const criteria = await criteriaByIds(
    db,
    rows.flatMap((r) => criterionIdsOf(r.criterionIds)),
  );
  const names = await namesByIds(
    db,
    rows.map((r) => r.createdById),
  );
  const items = rows.map((r) => ({
    id: r.id,
    text: r.text,
    guidance: r.guidance,
    criteria: criterionIdsOf(r.criterionIds).flatMap((id) => criteria.get(id) ?? []),
    createdBy: names.get(r.createdById) ?? "someone",
    createdAt: r.createdAt,
    retiredAt: r.retiredAt,
    setCount: r._count.assignments,
  }));
  return { items, total, page, pageCount, pageSize: BANK_PAGE_SIZE };
}

/** Criteria by id, each with its label and verbatim text, in one query. */
export async function criteriaByIds(
  db: Pick<Db, "criterion">,
  ids: readonly string[],
): Promise<Map<string, { id: string; label: string; text: string }>> {
  const rows = await db.criterion.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, ref: true, kind: true, text: true },
  });
  return new Map(rows.map((c) => [c.id, { id: c.id, label: criterionLabel(c), text: c.text }]));
}

async function namesByIds(db: Pick<Db, "user">, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((u) => [u.id, u.name]));
}
