import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import { recordId, requiredText, normaliseLineBreaks } from "../assessment/input";
import { recordAudit } from "../audit";
import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { holdsRole } from "../enrolments/members";
import { InputError, NotFoundError, parseInput } from "../errors";
import { timeZoneOf } from "../format/time-zone";
import { effectiveMembership } from "../people/membership";
import {
  defaultRates,
  isRiskLevel,
  levelAbove,
  riskLevelLabels,
  riskLevels,
  strategyLimits,
  SUGGEST_AFTER,
  SUGGESTION_WINDOW,
  type RiskLevel,
} from "./risk";
import { namesOf } from "./actions";
import type { AssessorRate } from "./sampler";

// A centre's sampling strategy (docs/decisions/0020): the rate each risk level is sampled at,
// the strategy in words, and each assessor's risk level with its history. Written by the
// centre's IQAs, read by its IQAs and admins. A level is never edited: each change is a new
// AssessorRiskLevel row with its reason, and the latest row for an assessor (and unit) stands.
// An assessor with no row is new, sampled at the rate for new assessors.

const percentMessage = (what: string) => `Enter ${what} as a whole number from 0 to 100.`;

/** A whole percentage typed in a form (text) or given by a script (a number), or null when blank. */
function readPercent(value: unknown): number | null | "invalid" {
  if (value === null || value === undefined) return null;
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "invalid";
  if (text === "") return null;
  const number = Number(text);
  return Number.isInteger(number) && number >= 0 && number <= 100 ? number : "invalid";
}

/** A whole percentage, or null when left blank. */
const percentOrBlank = (what: string) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const percent = readPercent(value);
      if (percent !== "invalid") return percent;
      ctx.addIssue({ code: "custom", message: percentMessage(what) });
      return z.NEVER;
    });

const wholePercent = (what: string) => percentOrBlank(what).pipe(z.number({ error: percentMessage(what) }));

export const SaveStrategyInput = z
  .object({
    centreId: recordId("centre"),
    newRate: wholePercent("the rate for new assessors"),
    standardRate: wholePercent("the standard rate"),
    lowRate: wholePercent("the rate for low-risk assessors"),
    text: z
      .string()
      .overwrite(normaliseLineBreaks)
      .trim()
      .max(
        strategyLimits.text,
        `Keep the strategy to ${strategyLimits.text.toLocaleString("en-GB")} characters or fewer.`,
      )
      .optional()
      .default(""),
  })
  .superRefine((input, ctx) => {
    // The levels mean "sampled more" to "sampled less"; a centre may make two of them equal.
    if (input.standardRate > input.newRate)
      ctx.addIssue({
        code: "custom",
        path: ["standardRate"],
        message: "The standard rate cannot be higher than the rate for new assessors.",
      });
    if (input.lowRate > input.standardRate)
      ctx.addIssue({
        code: "custom",
        path: ["lowRate"],
        message: "The rate for low-risk assessors cannot be higher than the standard rate.",
      });
  });
export type SaveStrategyInput = z.input<typeof SaveStrategyInput>;

export const SetRiskLevelInput = z.object({
  centreId: recordId("centre"),
  assessorId: recordId("assessor"),
  level: z.enum(riskLevels, { error: "Choose a risk level: new, standard or low risk." }),
  /** This assessor's own rate; blank: the level's rate. */
  ratePercent: percentOrBlank("the assessor's own rate"),
  /** One unit's code, or blank for all the assessor's units. */
  unitCode: z.string().trim().max(50, "Choose a unit from the list.").optional().default(""),
  reason: requiredText("why you set this level", strategyLimits.reason),
});
export type SetRiskLevelInput = Omit<z.input<typeof SetRiskLevelInput>, "level"> & { level: string };

/** The rates a centre samples at: its saved strategy's, else the defaults. */
export async function strategyRates(
  db: Pick<Db, "samplingStrategy">,
  centreId: string,
): Promise<Record<RiskLevel, number>> {
  const saved = await db.samplingStrategy.findUnique({ where: { centreId } });
  return saved ? { new: saved.newRate, standard: saved.standardRate, low: saved.lowRate } : { ...defaultRates };
}

/** Saves the centre's rates and strategy text, creating the strategy on its first save. */
export async function saveSamplingStrategy(db: Db, actor: Actor, rawInput: SaveStrategyInput, now = new Date()) {
  const input = parseInput(SaveStrategyInput, rawInput);
  authorize(actor, "qa.manageStrategy", { kind: "centre", centreId: input.centreId }, now);
  await db.$transaction(async (tx) => {
    const before = await tx.samplingStrategy.findUnique({ where: { centreId: input.centreId } });
    const fields = {
      newRate: input.newRate,
      standardRate: input.standardRate,
      lowRate: input.lowRate,
      text: input.text,
    };
    await tx.samplingStrategy.upsert({
      where: { centreId: input.centreId },
      create: { centreId: input.centreId, ...fields, updatedById: actor.userId },
      update: { ...fields, updatedById: actor.userId },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: input.centreId,
      action: "qa.strategySave",
      entityType: "SamplingStrategy",
      entityId: input.centreId,
      before: before
        ? { newRate: before.newRate, standardRate: before.standardRate, lowRate: before.lowRate, text: before.text }
        : null,
      after: fields,
      at: now,
    });
  });
}

/** Sets an assessor's risk level (for all their units, or one), with a reason: a new row in its history. */
export async function setAssessorRiskLevel(db: Db, actor: Actor, rawInput: SetRiskLevelInput, now = new Date()) {
  const input = parseInput(SetRiskLevelInput, rawInput);
  authorize(actor, "qa.manageStrategy", { kind: "centre", centreId: input.centreId }, now);
  if (!(await holdsRole(db, input.centreId, "ASSESSOR", input.assessorId)))
    throw InputError.forField("assessorId", "Choose one of the centre's assessors from the list.");
  if (input.unitCode && !(await db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true } })))
    throw InputError.forField("unitCode", "Choose a unit from the list, or all units.");
  return db.$transaction(async (tx) => {
    const row = await tx.assessorRiskLevel.create({
      data: {
        centreId: input.centreId,
        assessorId: input.assessorId,
        unitCode: input.unitCode,
        level: input.level,
        ratePercent: input.ratePercent,
        reason: input.reason,
        setById: actor.userId,
        setAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: input.centreId,
      action: "qa.riskLevelSet",
      entityType: "AssessorRiskLevel",
      entityId: row.id,
      after: {
        assessorId: input.assessorId,
        unitCode: input.unitCode,
        level: input.level,
        ratePercent: input.ratePercent,
        reason: input.reason,
      },
      at: now,
    });
    return row;
  });
}

type RiskRow = {
  id: string;
  assessorId: string;
  unitCode: string;
  level: string;
  ratePercent: number | null;
  reason: string;
  setById: string;
  setAt: Date;
};

/** The standing rows: the latest for each (assessor, unit), newest first within the input. */
function standingRows(rowsNewestFirst: readonly RiskRow[]): RiskRow[] {
  const seen = new Set<string>();
  return rowsNewestFirst.filter((row) => {
    const key = `${row.assessorId}\u0000${row.unitCode}`;
    if (seen.has(key) || !isRiskLevel(row.level)) return false;
    seen.add(key);
    return true;
  });
}

const newestFirst = [{ setAt: "desc" }, { id: "desc" }] satisfies Prisma.AssessorRiskLevelOrderByWithRelationInput[];

/**
 * The sampler's rates for a centre (lib/qa/sampler.ts): each assessor's standing rates, for all
 * units and per unit, and the rate of an assessor with none (new). No authorization: callers
 * have authorized the plan they propose.
 */
export async function loadSamplingRates(
  db: Pick<Db, "samplingStrategy" | "assessorRiskLevel">,
  centreId: string,
): Promise<{ rates: AssessorRate[]; defaultPercent: number }> {
  const [levelRates, rows] = await Promise.all([
    strategyRates(db, centreId),
    db.assessorRiskLevel.findMany({ where: { centreId }, orderBy: newestFirst }),
  ]);
  const rates = standingRows(rows).map((row) => ({
    assessorId: row.assessorId,
    unitCode: row.unitCode,
    percent: row.ratePercent ?? levelRates[row.level as RiskLevel],
  }));
  return { rates, defaultPercent: levelRates.new };
}

export type RiskSetting = {
  id: string;
  /** "" for all the assessor's units. */
  unitCode: string;
  level: RiskLevel;
  /** The assessor's own rate, or null for the level's. */
  ownRate: number | null;
  /** The rate it samples at: the own rate, else the level's rate today. */
  ratePercent: number;
  reason: string;
  setBy: string;
  setAt: Date;
};

export type AssessorRisk = {
  assessorId: string;
  name: string;
  /** The standing setting for all units; null when never set, so the assessor is new. */
  current: RiskSetting | null;
  level: RiskLevel;
  ratePercent: number;
  /** Standing settings for single units, which beat the all-units one for those units. */
  units: RiskSetting[];
  /** Every setting ever made, newest first. */
  history: RiskSetting[];
  suggestion: { level: RiskLevel; reason: string } | null;
};

export type SamplingStrategyView = {
  centre: { id: string; name: string; timeZone: string };
  /** False until an IQA first saves the strategy: the rates are then the defaults. */
  saved: boolean;
  rates: Record<RiskLevel, number>;
  text: string;
  updatedAt: Date | null;
  updatedBy: string | null;
  canManage: boolean;
  assessors: AssessorRisk[];
  unitCodes: string[];
};

/** The centre's strategy, with each of its assessors' risk levels, history and any suggestion. */
export async function getSamplingStrategy(
  db: Db,
  actor: Actor,
  centreId: string,
  now = new Date(),
): Promise<SamplingStrategyView> {
  authorize(actor, "qa.readStrategy", { kind: "centre", centreId }, now);
  const centre = await db.centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!centre) throw new NotFoundError("That centre was not found.", "centre not found");
  const [strategy, members, rows, units] = await Promise.all([
    db.samplingStrategy.findUnique({ where: { centreId } }),
    db.membership.findMany({
      where: { centreId, role: "ASSESSOR", ...effectiveMembership },
      select: { user: { select: { id: true, name: true } } },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    }),
    db.assessorRiskLevel.findMany({ where: { centreId }, orderBy: newestFirst }),
    db.unit.findMany({ select: { code: true }, orderBy: { code: "asc" } }),
  ]);
  const rates = strategy
    ? { new: strategy.newRate, standard: strategy.standardRate, low: strategy.lowRate }
    : { ...defaultRates };
  const names = await namesOf(db, [
    ...rows.map((r) => r.setById),
    ...(strategy?.updatedById ? [strategy.updatedById] : []),
  ]);
  const recent = await recentOutcomes(db, centreId);
  const setting = (row: RiskRow): RiskSetting => ({
    id: row.id,
    unitCode: row.unitCode,
    level: row.level as RiskLevel,
    ownRate: row.ratePercent,
    ratePercent: row.ratePercent ?? rates[row.level as RiskLevel],
    reason: row.reason,
    setBy: names.get(row.setById) ?? "someone no longer here",
    setAt: row.setAt,
  });
  const standing = standingRows(rows);
  const assessors = members.map(({ user }): AssessorRisk => {
    const current = standing.find((r) => r.assessorId === user.id && r.unitCode === "");
    const level = (current?.level as RiskLevel | undefined) ?? "new";
    return {
      assessorId: user.id,
      name: user.name,
      current: current ? setting(current) : null,
      level,
      ratePercent: current ? setting(current).ratePercent : rates.new,
      units: standing.filter((r) => r.assessorId === user.id && r.unitCode !== "").map(setting),
      history: rows.filter((r) => r.assessorId === user.id && isRiskLevel(r.level)).map(setting),
      suggestion: suggestionFor(user.name, level, recent.get(user.id) ?? []),
    };
  });
  return {
    centre: { ...centre, timeZone: timeZoneOf(centre) },
    saved: strategy !== null,
    rates,
    text: strategy?.text ?? "",
    updatedAt: strategy?.updatedAt ?? null,
    updatedBy: strategy?.updatedById ? (names.get(strategy.updatedById) ?? null) : null,
    canManage: can(actor, "qa.manageStrategy", { kind: "centre", centreId }, now),
    assessors,
    unitCodes: units.map((u) => u.code),
  };
}

/** Each assessor's last SUGGESTION_WINDOW sampled items at the centre, newest first: their outcomes. */
async function recentOutcomes(db: Pick<Db, "$queryRaw">, centreId: string): Promise<Map<string, (string | null)[]>> {
  const rows = await db.$queryRaw<{ assessorId: string; outcome: string | null }[]>(Prisma.sql`
    SELECT t."assessorId" AS "assessorId", t."outcome" AS "outcome" FROM (
      SELECT i."assessorId", i."outcome", i."sampledAt", i."id",
             ROW_NUMBER() OVER (PARTITION BY i."assessorId" ORDER BY i."sampledAt" DESC, i."id" DESC) AS "rank"
        FROM "SamplingItem" i JOIN "SamplingPlan" p ON p."id" = i."planId"
       WHERE p."centreId" = ${centreId} AND i."sampledAt" IS NOT NULL) t
    WHERE t."rank" <= ${SUGGESTION_WINDOW}
    ORDER BY t."assessorId", t."sampledAt" DESC, t."id" DESC`);
  const byAssessor = new Map<string, (string | null)[]>();
  for (const row of rows) byAssessor.set(row.assessorId, [...(byAssessor.get(row.assessorId) ?? []), row.outcome]);
  return byAssessor;
}

/** "Suggested: raise to …" when enough of the assessor's recent sampled items needed action. */
export function suggestionFor(
  name: string,
  level: RiskLevel,
  recentOutcomesNewestFirst: readonly (string | null)[],
): { level: RiskLevel; reason: string } | null {
  const last = recentOutcomesNewestFirst.slice(0, SUGGESTION_WINDOW);
  const needingAction = last.filter((outcome) => outcome === "action_required").length;
  const above = levelAbove(level);
  if (needingAction < SUGGEST_AFTER || !above) return null;
  return {
    level: above,
    reason: `${needingAction} of ${name}'s last ${last.length} sampled decisions needed action from the assessor, so sampling more of their work (${riskLevelLabels[above].toLowerCase()}) would catch problems sooner.`,
  };
}
