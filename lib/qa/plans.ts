import crypto from "node:crypto";
import { Prisma } from "../../generated/sqlite/client";
import type { SessionActor } from "../auth/actor";
import { sha256Hex } from "../assessment/signature";
import { recordAudit } from "../audit";
import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { centreForRole } from "../enrolments/acting-centre";
import { pageWindow, type Paginated } from "../enrolments/dto";
import { ConflictError, InputError, NotFoundError, parseInput } from "../errors";
import { methodLabel } from "../evidence/methods";
import { calendarDateIn, formatDate } from "../format/date";
import { monthLabel } from "../format/date-bounds";
import { timeZoneOf } from "../format/time-zone";
import { effectiveMembership } from "../people/membership";
import { criterionLabel } from "../questioning/common";
import {
  caseloadDecisions,
  cohortReader,
  namedCaseloadDecisions,
  type CaseloadDecision,
  type CaseloadScope,
} from "./caseload";
import { namesOf } from "./actions";
import { buildCoverage, type Coverage, type CoverageFacts } from "./coverage";
import { planResource } from "./item-review";
import {
  dueDateOf,
  lastDayOf,
  periodOf,
  PlanDecisionInput,
  PlanItemInput,
  ProposeSampleInput,
  SEED_MAX,
} from "./plan-input";
import { proposeSampleIds, type SamplingStage } from "./sampler";
import { loadSamplingRates } from "./strategy";

// An IQA's sampling plans (docs/decisions/0020). "Propose a sample" reads the IQA's caseload
// decisions of the period (lib/qa/caseload.ts), runs the sampler (lib/qa/sampler.ts) with the
// centre's rates (lib/qa/strategy.ts) and saves the plan with its items in one transaction.
// The plan's IQA then adds decisions by hand or removes items not yet sampled; the outcome of
// each item is recorded from its review page (lib/qa/outcomes.ts). Admins of the centre read.

export const PLAN_PAGE_SIZE = 25;
export const ITEM_PAGE_SIZE = 50;
/** At most this many decisions are offered to add by hand at once; the filters narrow the list. */
export const ADD_OPTION_LIMIT = 200;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type ItemStatus = "planned" | "sampled" | "overdue";

/** An item's status, read not stored: sampled once sampled, overdue when its due date has passed, else planned. */
export function itemStatus(item: { sampledAt: Date | null; dueDate: Date }, now: Date): ItemStatus {
  if (item.sampledAt) return "sampled";
  return item.dueDate < now ? "overdue" : "planned";
}

export const itemStatusWords: Record<ItemStatus, string> = {
  planned: "Planned",
  sampled: "Sampled",
  overdue: "Overdue",
};

export const stageWords: Record<SamplingStage, string> = { interim: "Interim", summative: "Summative" };

/** A plan's facts the policy and the pages read, or NotFoundError. */
export async function loadPlan(db: Pick<Db, "samplingPlan">, planId: string) {
  const plan = await db.samplingPlan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      centreId: true,
      iqaId: true,
      title: true,
      periodStart: true,
      periodEnd: true,
      seed: true,
      createdAt: true,
    },
  });
  if (!plan) throw planNotFound();
  return plan;
}

const planNotFound = () =>
  new NotFoundError("That sampling plan was not found. Go back to your plans and choose it there.", "plan not found");

/** A new random seed, when the IQA leaves the field blank. */
export function pickSeed(): number {
  return crypto.randomInt(0, SEED_MAX);
}

/**
 * Writes a plan's items in one INSERT that reads them from a single JSON parameter (json_each
 * walks an object's members alike on PostgreSQL and SQLite). Measured at 10,000 candidates on
 * PostgreSQL, 5,000 items took 7 s through Prisma's createMany, 2 s as VALUES lists with a
 * parameter per column, and 0.7 s this way (foreign-key checks on a cold cache included).
 */
async function insertItems(
  tx: Tx,
  plan: { id: string; dueDate: Date; now: Date },
  decisions: readonly CaseloadDecision[],
): Promise<void> {
  if (decisions.length === 0) return;
  const rows = Object.fromEntries(decisions.map((d, i) => [i, { ...itemData(d, "sampler"), id: crypto.randomUUID() }]));
  await tx.$executeRaw`
    INSERT INTO "SamplingItem" ("id", "planId", "decisionId", "enrolmentId", "assessorId", "unitCode", "method", "stage", "addedBy", "dueDate", "createdAt")
    SELECT e.value ->> 'id', ${plan.id}, e.value ->> 'decisionId', e.value ->> 'enrolmentId', e.value ->> 'assessorId',
           e.value ->> 'unitCode', e.value ->> 'method', e.value ->> 'stage', e.value ->> 'addedBy', ${plan.dueDate}, ${plan.now}
      FROM json_each(${JSON.stringify(rows)}) AS e`;
}

/**
 * Proposes a sample of the actor's caseload in a period and saves it as a plan. The same seed
 * over the same decisions and rates proposes the same items.
 */
// long-function: one proposal in order: parse and authorize, read the centre and the caseload, refuse an empty period, run the sampler, then save the plan, its items and the audit event in one transaction
export async function proposeSample(
  db: Db,
  actor: Actor,
  rawInput: ProposeSampleInput,
  now: Date = new Date(),
): Promise<{ planId: string; seed: number; items: number }> {
  const input = parseInput(ProposeSampleInput, rawInput);
  authorize(actor, "qa.createPlan", { kind: "centre", centreId: input.centreId }, now);
  const centre = await db.centre.findUnique({ where: { id: input.centreId }, select: { timeZone: true } });
  if (!centre) throw new NotFoundError("That centre was not found.", "centre not found");
  const timeZone = timeZoneOf(centre);
  const { from, to } = periodOf(input.firstDay, input.lastDay, timeZone);
  const scope: CaseloadScope = { centreId: input.centreId, iqaId: actor.userId, from, to };
  const [decisions, rates] = await Promise.all([
    caseloadDecisions(db, scope, timeZone),
    loadSamplingRates(db, input.centreId),
  ]);
  if (decisions.length === 0)
    throw InputError.forField(
      "firstDay",
      `None of the decisions on enrolments you quality-assure were signed between ${formatDate(from, timeZone)} and ${formatDate(new Date(to.getTime() - 1), timeZone)}, so there is nothing to sample. Choose a longer period; if enrolments you expect are missing, ask your centre admin to make you their IQA.`,
    );
  const seed = input.seed ?? pickSeed();
  const sample = proposeSampleIds({ decisions, ...rates, seed });
  const chosen = new Set(sample.decisionIds);
  const dueDate = dueDateOf(to, timeZone);

  const planId = await db.$transaction(
    async (tx) => {
      const plan = await tx.samplingPlan.create({
        data: {
          centreId: input.centreId,
          iqaId: actor.userId,
          title: input.title,
          periodStart: from,
          periodEnd: to,
          seed,
          createdAt: now,
        },
        select: { id: true },
      });
      await insertItems(
        tx,
        { id: plan.id, dueDate, now },
        decisions.filter((d) => chosen.has(d.decisionId)),
      );
      await recordAudit(tx, {
        actorId: actor.userId,
        centreId: input.centreId,
        action: "qa.planCreate",
        entityType: "SamplingPlan",
        entityId: plan.id,
        after: {
          title: input.title,
          periodStart: from.toISOString(),
          periodEnd: to.toISOString(),
          seed,
          candidates: decisions.length,
          items: sample.decisionIds.length,
          // The items themselves are rows of the plan; the hash of their sorted decision ids proves
          // what the sampler proposed without writing thousands of ids into the audit log.
          decisionIdsSha256: sha256Hex(sample.decisionIds.join("\n")),
        },
        at: now,
      });
      return plan.id;
    },
    // A year of a busy caseload writes ten thousand items: about a second, but more than the
    // default 5 s allows on a loaded server.
    { timeout: 30_000 },
  );
  return { planId, seed, items: chosen.size };
}

function itemData(d: CaseloadDecision, addedBy: "sampler" | "iqa") {
  return {
    decisionId: d.decisionId,
    enrolmentId: d.enrolmentId,
    assessorId: d.assessorId,
    unitCode: d.unitCode,
    method: d.method,
    stage: d.stage,
    addedBy,
  };
}

/** The plan, authorized for `action`, with its centre's time zone and its caseload scope. */
async function planFor(db: Db | Tx, actor: Actor, planId: string, action: "qa.readPlan" | "qa.editPlan", now: Date) {
  const plan = await loadPlan(db, planId);
  authorize(actor, action, planResource(plan), now);
  const centre = await db.centre.findUniqueOrThrow({
    where: { id: plan.centreId },
    select: { name: true, timeZone: true },
  });
  const timeZone = timeZoneOf(centre);
  const scope: CaseloadScope = {
    centreId: plan.centreId,
    iqaId: plan.iqaId,
    from: plan.periodStart,
    to: plan.periodEnd,
  };
  return { plan, centreName: centre.name, timeZone, scope };
}

/** The IQA adds one decision of the plan's period and caseload by hand. */
export async function addDecisionToPlan(db: Db, actor: Actor, rawInput: PlanDecisionInput, now: Date = new Date()) {
  const input = parseInput(PlanDecisionInput, rawInput);
  return db.$transaction(async (tx) => {
    const { plan, timeZone, scope } = await planFor(tx, actor, input.planId, "qa.editPlan", now);
    const [decision] = await namedCaseloadDecisions(tx, scope, timeZone, [input.decisionId]);
    if (!decision)
      throw InputError.forField(
        "decisionId",
        "That decision is not one this plan can sample: it must be a standing decision on an enrolment you quality-assure, signed in the plan's period. Choose one from the list.",
      );
    const already = await tx.samplingItem.findUnique({
      where: { planId_decisionId: { planId: plan.id, decisionId: decision.decisionId } },
      select: { id: true },
    });
    if (already) throw InputError.forField("decisionId", "That decision is already in the plan. Choose another.");
    const item = await tx.samplingItem.create({
      data: {
        ...itemData(decision, "iqa"),
        dueDate: dueDateOf(plan.periodEnd, timeZone),
        planId: plan.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: plan.centreId,
      action: "qa.planItemAdd",
      entityType: "SamplingItem",
      entityId: item.id,
      after: { planId: plan.id, decisionId: decision.decisionId, addedBy: "iqa" },
      at: now,
    });
    return { planId: plan.id, itemId: item.id };
  });
}

/** The IQA removes an item that has not been sampled; a sampled item stays with its outcome. */
export async function removePlanItem(db: Db, actor: Actor, rawInput: PlanItemInput, now: Date = new Date()) {
  const input = parseInput(PlanItemInput, rawInput);
  await db.$transaction(async (tx) => {
    const { plan } = await planFor(tx, actor, input.planId, "qa.editPlan", now);
    const item = await tx.samplingItem.findFirst({
      where: { id: input.itemId, planId: plan.id },
      select: { id: true, decisionId: true, addedBy: true, sampledAt: true },
    });
    if (!item) throw new NotFoundError("That item is no longer in the plan. Reload the plan to see it as it is now.");
    const removed = await tx.samplingItem.deleteMany({ where: { id: item.id, sampledAt: null } });
    if (removed.count !== 1)
      throw new ConflictError("This item has been sampled, so it stays in the plan with its outcome.", "sampled item");
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: plan.centreId,
      action: "qa.planItemRemove",
      entityType: "SamplingItem",
      entityId: item.id,
      before: { planId: plan.id, decisionId: item.decisionId, addedBy: item.addedBy },
      at: now,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading plans

export type PlanSummary = {
  id: string;
  title: string;
  iqaId: string;
  iqaName: string;
  periodStart: Date;
  periodEnd: Date;
  /** The period as typed: its first and last days in the centre's time zone. */
  firstDay: string;
  lastDay: string;
  seed: number;
  createdAt: Date;
  items: number;
  sampled: number;
  overdue: number;
};

/** How many items each plan has, has sampled and has overdue at `now`. */
async function itemCounts(db: Pick<Db, "samplingItem">, planIds: string[], now: Date) {
  const count = async (where: Prisma.SamplingItemWhereInput) => {
    const rows = await db.samplingItem.groupBy({
      by: ["planId"],
      where: { planId: { in: planIds }, ...where },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.planId, r._count._all]));
  };
  const [items, sampled, overdue] = await Promise.all([
    count({}),
    count({ sampledAt: { not: null } }),
    count({ sampledAt: null, dueDate: { lt: now } }),
  ]);
  return (planId: string) => ({
    items: items.get(planId) ?? 0,
    sampled: sampled.get(planId) ?? 0,
    overdue: overdue.get(planId) ?? 0,
  });
}

const summarySelect = {
  id: true,
  centreId: true,
  iqaId: true,
  title: true,
  periodStart: true,
  periodEnd: true,
  seed: true,
  createdAt: true,
} satisfies Prisma.SamplingPlanSelect;

type SummaryRow = Prisma.SamplingPlanGetPayload<{ select: typeof summarySelect }>;

async function summaries(db: Db, rows: SummaryRow[], timeZone: string, now: Date): Promise<PlanSummary[]> {
  const [counts, names] = await Promise.all([
    itemCounts(
      db,
      rows.map((r) => r.id),
      now,
    ),
    namesOf(
      db,
      rows.map((r) => r.iqaId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    iqaId: r.iqaId,
    iqaName: names.get(r.iqaId) ?? "someone no longer here",
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    firstDay: calendarDateIn(r.periodStart, timeZone),
    lastDay: lastDayOf(r.periodEnd, timeZone),
    seed: r.seed,
    createdAt: r.createdAt,
    ...counts(r.id),
  }));
}

export type PlanListScope =
  /** The IQA's own plans at the centre. */
  | { as: "IQA"; centreId: string }
  /** Every plan of the centre, or one IQA's, for its admins. */
  | { as: "CENTRE_ADMIN"; centreId: string; iqaId?: string };

/** One page of plans, newest period first. */
export async function listPlans(
  db: Db,
  actor: Actor,
  scope: PlanListScope,
  page = 1,
  now: Date = new Date(),
): Promise<Paginated<PlanSummary> & { timeZone: string }> {
  const { centreId } = scope;
  if (scope.as === "IQA") authorize(actor, "qa.createPlan", { kind: "centre", centreId }, now);
  // Admins read every plan of their centre: the policy's rule for a plan of no IQA in particular.
  else authorize(actor, "qa.readPlan", { kind: "samplingPlan", centreId, iqaId: "" }, now);
  const iqaId = scope.as === "IQA" ? actor.userId : scope.iqaId;
  const where: Prisma.SamplingPlanWhereInput = { centreId, ...(iqaId ? { iqaId } : {}) };
  const [centre, total] = await Promise.all([
    db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { timeZone: true } }),
    db.samplingPlan.count({ where }),
  ]);
  const window = pageWindow(page, total, PLAN_PAGE_SIZE);
  const rows = await db.samplingPlan.findMany({
    where,
    orderBy: [{ periodEnd: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    skip: window.skip,
    take: PLAN_PAGE_SIZE,
    select: summarySelect,
  });
  for (const row of rows)
    if (!can(actor, "qa.readPlan", planResource(row), now))
      throw new Error(`plan list returned unreadable plan ${row.id}`);
  const timeZone = timeZoneOf(centre);
  return {
    items: await summaries(db, rows, timeZone, now),
    total,
    page: window.page,
    pageCount: window.pageCount,
    pageSize: PLAN_PAGE_SIZE,
    timeZone,
  };
}

/** The centre's IQAs, for the admin's filter of plans. */
export async function centreIqas(db: Db, centreId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.membership.findMany({
    where: { centreId, role: "IQA", ...effectiveMembership },
    select: { user: { select: { id: true, name: true } } },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
  });
  return rows.map((r) => r.user);
}

export type PlanItem = {
  id: string;
  decisionId: string;
  enrolmentId: string;
  candidateId: string;
  candidateName: string;
  assessorId: string;
  assessorName: string;
  unitCode: string;
  criterionRef: string;
  method: string;
  methodLabel: string;
  stage: SamplingStage;
  addedBy: "sampler" | "iqa";
  dueDate: Date;
  sampledAt: Date | null;
  outcome: string | null;
  status: ItemStatus;
};

export type PlanView = {
  plan: PlanSummary & { centreId: string; centreName: string; timeZone: string; dueDate: Date };
  /** The actor is the plan's IQA: they may add and remove items. */
  canEdit: boolean;
  planned: number;
  /** One page of items, by assessor, candidate, unit and criterion. */
  items: Paginated<PlanItem>;
};

/** A plan and one page of its items, for its IQA and the centre's admins. */
export async function getPlan(
  db: Db,
  actor: Actor,
  planId: string,
  options: { page?: number; now?: Date } = {},
): Promise<PlanView> {
  const now = options.now ?? new Date();
  const { plan, centreName, timeZone } = await planFor(db, actor, planId, "qa.readPlan", now);
  const [summary] = await summaries(db, [plan], timeZone, now);
  if (!summary) throw planNotFound();
  const window = pageWindow(options.page ?? 1, summary.items, ITEM_PAGE_SIZE);
  const items = await planItemsPage(db, plan.id, window.skip, now);
  return {
    plan: { ...summary, centreId: plan.centreId, centreName, timeZone, dueDate: dueDateOf(plan.periodEnd, timeZone) },
    canEdit: can(actor, "qa.editPlan", planResource(plan), now),
    planned: summary.items - summary.sampled - summary.overdue,
    items: { items, total: summary.items, page: window.page, pageCount: window.pageCount, pageSize: ITEM_PAGE_SIZE },
  };
}

/** One page of a plan's items: ids ordered in SQL by names (which Prisma cannot sort an item by), then read. */
async function planItemsPage(db: Db, planId: string, skip: number, now: Date): Promise<PlanItem[]> {
  const ids = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT i."id" AS "id"
      FROM "SamplingItem" i
      JOIN "User" a ON a."id" = i."assessorId"
      JOIN "Enrolment" e ON e."id" = i."enrolmentId"
      JOIN "User" c ON c."id" = e."candidateId"
      JOIN "Decision" d ON d."id" = i."decisionId"
      JOIN "Criterion" cr ON cr."id" = d."criterionId"
     WHERE i."planId" = ${planId}
     ORDER BY a."name", a."id", c."name", c."id", i."unitCode", cr."position", i."id"
     LIMIT ${ITEM_PAGE_SIZE} OFFSET ${skip}`);
  const rows = await db.samplingItem.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      decisionId: true,
      enrolmentId: true,
      assessorId: true,
      unitCode: true,
      method: true,
      stage: true,
      addedBy: true,
      dueDate: true,
      sampledAt: true,
      outcome: true,
      decision: {
        select: {
          criterion: { select: { ref: true, kind: true } },
          enrolment: { select: { candidate: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  const names = await namesOf(
    db,
    rows.map((r) => r.assessorId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap(({ id }) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        decisionId: r.decisionId,
        enrolmentId: r.enrolmentId,
        candidateId: r.decision.enrolment.candidate.id,
        candidateName: r.decision.enrolment.candidate.name,
        assessorId: r.assessorId,
        assessorName: names.get(r.assessorId) ?? "someone no longer here",
        unitCode: r.unitCode,
        criterionRef: criterionLabel(r.decision.criterion),
        method: r.method,
        methodLabel: methodLabel(r.method),
        stage: r.stage as SamplingStage,
        addedBy: r.addedBy === "iqa" ? "iqa" : "sampler",
        dueDate: r.dueDate,
        sampledAt: r.sampledAt,
        outcome: r.outcome,
        status: itemStatus(r, now),
      },
    ];
  });
}

export type AddOption = { decisionId: string; label: string };

export type PlanCoverage = Coverage & {
  /** Names of the assessors in the matrix, by id. */
  assessorNames: Record<string, string>;
  /** Each gap in words: "No item for Ben Morgan on CU782". */
  gapWords: string[];
  /** How many decisions the period has, and how many items the plan has. */
  decisions: number;
  items: number;
  /**
   * For the plan's IQA: the decisions of the period not in the plan, to add by hand, newest first
   * (at most ADD_OPTION_LIMIT, narrowed by assessor or unit), and how many match in all. Null for
   * a reader who may not change the plan.
   */
  toAdd: { options: AddOption[]; total: number } | null;
};

/** What coverage reads of each item: one SQL statement (Prisma's nested reads took seconds at scale). */
async function itemFacts(
  db: Pick<Db, "$queryRaw">,
  planId: string,
  timeZone: string,
): Promise<(CoverageFacts & { decisionId: string })[]> {
  const rows = await db.$queryRaw<
    {
      decisionId: string;
      assessorId: string;
      unitCode: string;
      method: string;
      stage: string;
      startDate: Date | string;
    }[]
  >(Prisma.sql`
    SELECT i."decisionId" AS "decisionId", i."assessorId" AS "assessorId", i."unitCode" AS "unitCode",
           i."method" AS "method", i."stage" AS "stage", e."startDate" AS "startDate"
      FROM "SamplingItem" i JOIN "Enrolment" e ON e."id" = i."enrolmentId"
     WHERE i."planId" = ${planId}`);
  const cohortOfStart = cohortReader(timeZone);
  return rows.map((r) => ({
    decisionId: r.decisionId,
    assessorId: r.assessorId,
    unitCode: r.unitCode,
    method: r.method,
    stage: r.stage as SamplingStage,
    cohort: cohortOfStart(r.startDate),
  }));
}

/**
 * How far the plan covers its period today: the matrix of assessor by unit with, per method,
 * the decisions signed and the items sampled, and the gaps in words; for its IQA, the decisions
 * left out that can be added by hand. The period's decisions are read once for all of it.
 */
export async function getPlanCoverage(
  db: Db,
  actor: Actor,
  planId: string,
  options: { now?: Date; add?: { assessorId?: string; unitCode?: string } } = {},
): Promise<PlanCoverage> {
  const now = options.now ?? new Date();
  const { plan, timeZone, scope } = await planFor(db, actor, planId, "qa.readPlan", now);
  const [decisions, items] = await Promise.all([
    caseloadDecisions(db, scope, timeZone),
    itemFacts(db, plan.id, timeZone),
  ]);
  const coverage = buildCoverage(decisions, items);
  const names = await namesOf(db, coverage.assessorIds);
  const nameOf = (id: string) => names.get(id) ?? "someone no longer here";
  const assessorIds = [...coverage.assessorIds].sort(
    (a, b) => nameOf(a).localeCompare(nameOf(b), "en-GB") || (a < b ? -1 : 1),
  );
  const canEdit = can(actor, "qa.editPlan", planResource(plan), now);
  return {
    ...coverage,
    assessorIds,
    assessorNames: Object.fromEntries(coverage.assessorIds.map((id) => [id, nameOf(id)])),
    gapWords: coverage.gaps.map((gap) => gapWords(gap, nameOf)),
    decisions: decisions.length,
    items: items.length,
    toAdd: canEdit
      ? await addOptions(db, decisions, new Set(items.map((i) => i.decisionId)), options.add ?? {}, timeZone)
      : null,
  };
}

/** The decisions not in the plan, narrowed, newest first, the first ADD_OPTION_LIMIT labelled for the form. */
async function addOptions(
  db: Db,
  decisions: readonly CaseloadDecision[],
  inPlan: ReadonlySet<string>,
  filter: { assessorId?: string; unitCode?: string },
  timeZone: string,
): Promise<{ options: AddOption[]; total: number }> {
  const left = decisions
    .filter(
      (d) =>
        !inPlan.has(d.decisionId) &&
        (!filter.assessorId || d.assessorId === filter.assessorId) &&
        (!filter.unitCode || d.unitCode === filter.unitCode),
    )
    .sort((a, b) => b.signedAt.getTime() - a.signedAt.getTime() || (a.decisionId < b.decisionId ? -1 : 1));
  const shown = left.slice(0, ADD_OPTION_LIMIT);
  const [people, criteria] = await Promise.all([
    namesOf(db, [...shown.map((r) => r.candidateId), ...shown.map((r) => r.assessorId)]),
    db.criterion.findMany({
      where: { id: { in: [...new Set(shown.map((r) => r.criterionId))] } },
      select: { id: true, ref: true, kind: true },
    }),
  ]);
  const refs = new Map(criteria.map((c) => [c.id, criterionLabel(c)]));
  const options = shown.map((r) => ({
    decisionId: r.decisionId,
    label: `${people.get(r.candidateId) ?? "A candidate"}, ${r.unitCode} ${refs.get(r.criterionId) ?? ""} — ${methodLabel(r.method)}, signed by ${people.get(r.assessorId) ?? "an assessor"} on ${formatDate(r.signedAt, timeZone)}`,
  }));
  return { options, total: left.length };
}

function gapWords(gap: Coverage["gaps"][number], nameOf: (id: string) => string): string {
  switch (gap.kind) {
    case "assessor":
      return `No item for ${nameOf(gap.assessorId)}`;
    case "assessorUnit":
      return `No item for ${nameOf(gap.assessorId)} on ${gap.unitCode}`;
    case "unit":
      return `No item on ${gap.unitCode}`;
    case "method":
      return `No item uses ${methodLabel(gap.method).toLowerCase()}`;
    case "cohort":
      return `No item from candidates who started in ${monthLabel(gap.cohort)}`;
    case "stage":
      return gap.stage === "summative"
        ? "No summative item (a unit that has been signed off)"
        : "No interim item (a unit still in progress)";
  }
}

/**
 * Whose plans a person reads on the plans pages, from the role they act in (the header's
 * switcher): as an IQA their own, as a centre admin the centre's. Null for any other role.
 */
export function planListScopeFor(actor: SessionActor, iqaId?: string): PlanListScope | null {
  const iqa = centreForRole(actor, "IQA");
  const admin = centreForRole(actor, "CENTRE_ADMIN");
  if (admin && (actor.active?.role === "CENTRE_ADMIN" || !iqa))
    return { as: "CENTRE_ADMIN", centreId: admin.centreId, iqaId };
  return iqa ? { as: "IQA", centreId: iqa.centreId } : null;
}
