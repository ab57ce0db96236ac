import { Prisma } from "../../generated/sqlite/client";
import type { Provider } from "../db/provider";

// The RAG rule: is an enrolment on track? Defined once, here, as a pure function for code and
// tests and as the SQL expression the dashboard, the list and the export compute it with. Both
// use the constants and the integer comparison below, so they cannot disagree.
//
//   progress      = criteria met (standing MET decisions) / criteria in the enrolment's unit version
//   time elapsed  = (now - start date) / (planned end date - start date)
//   points behind = (time elapsed - progress) x 100, in percentage points
//
//   withdrawn     the enrolment is withdrawn (whatever its figures)
//   completed     the enrolment is completed (the unit is signed off)
//   not started   active, and its start date is still in the future
//   red           active and past its planned end date (now > planned end), however far it got
//   green         active and not more than 10 points behind (exactly 10 is green)
//   amber         active and more than 10 but not more than 25 points behind (exactly 25 is amber)
//   red           active and more than 25 points behind
//
// Ahead of schedule counts as green. On the planned end date itself the enrolment is not yet
// past it. A unit version without criteria counts as 0% progress. The comparison is exact: in
// integer milliseconds and criteria counts, never in rounded percentages, so "exactly 10 points"
// means exactly that in TypeScript and in both databases.

/** The most points behind schedule an enrolment can be and still be green. */
export const GREEN_MAX_POINTS_BEHIND = 10;
/** The most points behind schedule an enrolment can be and still be amber; beyond it, red. */
export const AMBER_MAX_POINTS_BEHIND = 25;

/** Every state, worst first: the order "sort by RAG" uses. */
export const ragStates = ["red", "amber", "green", "notStarted", "completed", "withdrawn"] as const;
export type RagState = (typeof ragStates)[number];

export const ragLabels: Record<RagState, string> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  notStarted: "Not started",
  completed: "Completed",
  withdrawn: "Withdrawn",
};

export const ragDescriptions: Record<RagState, string> = {
  red: `More than ${AMBER_MAX_POINTS_BEHIND} points behind schedule, or past the planned end date`,
  amber: `${GREEN_MAX_POINTS_BEHIND + 1} to ${AMBER_MAX_POINTS_BEHIND} points behind schedule`,
  green: `On track: not more than ${GREEN_MAX_POINTS_BEHIND} points behind schedule`,
  notStarted: "Start date still to come",
  completed: "Unit signed off",
  withdrawn: "Withdrawn from the unit",
};

export function isRagState(value: unknown): value is RagState {
  return typeof value === "string" && (ragStates as readonly string[]).includes(value);
}

export type EnrolmentStatus = "ACTIVE" | "COMPLETED" | "WITHDRAWN";

export type RagFacts = {
  status: EnrolmentStatus;
  startDate: Date;
  plannedEndDate: Date;
  /** Criteria with a standing MET decision. */
  met: number;
  /** Criteria in the enrolment's unit version. */
  total: number;
};

/** The RAG state of one enrolment at the instant `now`. */
export function ragOf(facts: RagFacts, now: Date): RagState {
  if (facts.status === "WITHDRAWN") return "withdrawn";
  if (facts.status === "COMPLETED") return "completed";
  const start = BigInt(facts.startDate.getTime());
  const end = BigInt(facts.plannedEndDate.getTime());
  const at = BigInt(now.getTime());
  if (start > at) return "notStarted";
  if (at > end) return "red";
  const duration = end > start ? end - start : 1n;
  const units = facts.total > 0 ? BigInt(facts.total) : 1n;
  // points behind <= limit  <=>  100*(now-start)*units - 100*met*duration <= limit*duration*units
  const behindScaled = 100n * (at - start) * units - 100n * BigInt(facts.met) * duration;
  if (behindScaled <= BigInt(GREEN_MAX_POINTS_BEHIND) * duration * units) return "green";
  if (behindScaled <= BigInt(AMBER_MAX_POINTS_BEHIND) * duration * units) return "amber";
  return "red";
}

/** Progress as a whole percentage, rounded down (so 100% means every criterion is met). */
export function progressPercent(met: number, total: number): number {
  return total > 0 ? Math.floor((100 * met) / total) : 0;
}

/** Share of the planned time used, as a whole percentage rounded down, from 0 to 100. */
export function timeElapsedPercent(startDate: Date, plannedEndDate: Date, now: Date): number {
  const start = startDate.getTime();
  const end = plannedEndDate.getTime();
  const at = now.getTime();
  if (at <= start) return 0;
  if (at >= end) return 100;
  return Math.floor((100 * (at - start)) / (end - start));
}

/** Which of ten progress bands (0-9: 0-9%, 10-19%, ..., 90-100%) a progress falls in. */
export function progressBand(met: number, total: number): number {
  return Math.min(9, Math.floor(progressPercent(met, total) / 10));
}

// ---------------------------------------------------------------------------------------------
// The same rule in SQL, for SQLite and PostgreSQL.

/**
 * A DateTime column as integer epoch milliseconds. Prisma's SQLite adapter stores DateTime as
 * ISO-8601 text with an offset ("2026-03-01T10:00:00.000+00:00"); PostgreSQL has timestamp(3).
 * Both go through a double and round back to the exact millisecond (a double carries epoch
 * milliseconds to well under a millisecond); on PostgreSQL date_part's double is also much
 * cheaper per row than EXTRACT's numeric.
 */
export function epochMsSql(provider: Provider, column: Prisma.Sql): Prisma.Sql {
  return provider === "sqlite"
    ? Prisma.sql`CAST(ROUND((julianday(${column}) - 2440587.5) * 86400000.0) AS INTEGER)`
    : Prisma.sql`CAST(date_part('epoch', ${column}) * 1000 AS BIGINT)`;
}

/** SQL operands of the rule: integer expressions (milliseconds, counts) and the status column. */
export type RagSqlInputs = { status: Prisma.Sql; startMs: Prisma.Sql; endMs: Prisma.Sql; met: Prisma.Sql; total: Prisma.Sql; nowMs: Prisma.Sql };

const literal = (n: number) => Prisma.raw(String(Math.trunc(n)));

/** The RAG rule as a CASE expression giving one of `ragStates`. */
export function ragSql(i: RagSqlInputs): Prisma.Sql {
  const duration = Prisma.sql`(CASE WHEN ${i.endMs} > ${i.startMs} THEN ${i.endMs} - ${i.startMs} ELSE 1 END)`;
  const units = Prisma.sql`(CASE WHEN ${i.total} > 0 THEN ${i.total} ELSE 1 END)`;
  const behindScaled = Prisma.sql`(100 * (${i.nowMs} - ${i.startMs}) * ${units} - 100 * ${i.met} * ${duration})`;
  return Prisma.sql`(CASE
    WHEN ${i.status} = 'WITHDRAWN' THEN 'withdrawn'
    WHEN ${i.status} = 'COMPLETED' THEN 'completed'
    WHEN ${i.startMs} > ${i.nowMs} THEN 'notStarted'
    WHEN ${i.nowMs} > ${i.endMs} THEN 'red'
    WHEN ${behindScaled} <= ${literal(GREEN_MAX_POINTS_BEHIND)} * ${duration} * ${units} THEN 'green'
    WHEN ${behindScaled} <= ${literal(AMBER_MAX_POINTS_BEHIND)} * ${duration} * ${units} THEN 'amber'
    ELSE 'red' END)`;
}

/** `ragStates` position of a RAG state expression: 0 for red ... 5 for withdrawn. */
export function ragRankSql(rag: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE ${rag} ${Prisma.join(
    ragStates.map((state, rank) => Prisma.sql`WHEN ${Prisma.raw(`'${state}'`)} THEN ${literal(rank)}`),
    " ",
  )} ELSE ${literal(ragStates.length)} END)`;
}

/** `progressPercent` in SQL. */
export function progressPercentSql(met: Prisma.Sql, total: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${total} > 0 THEN (100 * ${met}) / ${total} ELSE 0 END)`;
}

/** `timeElapsedPercent` in SQL. */
export function timeElapsedPercentSql(startMs: Prisma.Sql, endMs: Prisma.Sql, nowMs: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${nowMs} <= ${startMs} THEN 0 WHEN ${nowMs} >= ${endMs} THEN 100
    ELSE (100 * (${nowMs} - ${startMs})) / (${endMs} - ${startMs}) END)`;
}
