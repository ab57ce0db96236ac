import { Prisma } from "../../generated/sqlite/client";
import type { Provider } from "../db/provider";

// The RAG rule: is an enrolment on track? Defined once, here, as a pure function for code and
// tests and as the SQL expression the dashboard, the list and the export compute it with. Both
// compare "now" with the two deadlines ragDeadlines derives from the constants below (the last
// instant the enrolment is green, and amber); each enrolment stores its deadlines, recounted with
// its met count (lib/progress/enrolment-counters.ts), so the two cannot disagree.
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

/** The rule's integer operands for one enrolment: its planned period in epoch ms and its counts. */
export type RagPeriod = { startMs: bigint; endMs: bigint; met: number; total: number };

/** The last instants (epoch ms, inclusive) at which an active, started enrolment is green and amber. */
export type RagDeadlines = { greenUntilMs: bigint; amberUntilMs: bigint };

/** The rule's denominators: the planned duration (1 ms if not positive) and the criteria (1 if none). */
function durationAndUnits(p: Pick<RagPeriod, "startMs" | "endMs" | "total">): { duration: bigint; units: bigint } {
  return { duration: p.endMs > p.startMs ? p.endMs - p.startMs : 1n, units: p.total > 0 ? BigInt(p.total) : 1n };
}

/**
 * The rule's comparison solved for "now": with `met` of `total` criteria met, the enrolment stays
 * green up to greenUntilMs and amber up to amberUntilMs, and neither past its planned end.
 *
 *   points behind <= limit
 *   <=>  100*(now-start)*units - 100*met*duration <= limit*duration*units
 *   <=>  now - start <= duration*(100*met + limit*units) / (100*units)
 *   <=>  now - start <= floor(duration*(100*met + limit*units) / (100*units))   (now - start is whole ms)
 *
 * where duration = end - start (1 if not positive) and units = total (1 if none). The numerator is
 * never negative, so integer division (TypeScript's BigInt, SQL's integer "/") is that floor.
 * Only the met count moves the deadlines, so each enrolment stores them (greenUntilMs,
 * amberUntilMs) and the database ranks a whole centre by comparing "now" with two columns.
 */
export function ragDeadlines(p: RagPeriod): RagDeadlines {
  const { duration, units } = durationAndUnits(p);
  const until = (limit: number) => {
    const last = p.startMs + (duration * (100n * BigInt(p.met) + BigInt(limit) * units)) / (100n * units);
    return last < p.endMs ? last : p.endMs;
  };
  return { greenUntilMs: until(GREEN_MAX_POINTS_BEHIND), amberUntilMs: until(AMBER_MAX_POINTS_BEHIND) };
}

/** The RAG state of one enrolment at the instant `now`. */
export function ragOf(facts: RagFacts, now: Date): RagState {
  if (facts.status === "WITHDRAWN") return "withdrawn";
  if (facts.status === "COMPLETED") return "completed";
  const startMs = BigInt(facts.startDate.getTime());
  const at = BigInt(now.getTime());
  if (startMs > at) return "notStarted";
  const deadlines = ragDeadlines({
    startMs,
    endMs: BigInt(facts.plannedEndDate.getTime()),
    met: facts.met,
    total: facts.total,
  });
  if (at <= deadlines.greenUntilMs) return "green";
  if (at <= deadlines.amberUntilMs) return "amber";
  return "red";
}

/**
 * How far behind schedule an active enrolment is, in whole percentage points (negative when
 * ahead), between its start and its planned end; null otherwise (not started, past the planned
 * end, completed, withdrawn). Rounded toward zero, so the figure never claims more than is the
 * case: a new enrolment a few hours in with nothing met reads 0 ("On schedule"), as its 0% of
 * time elapsed does, not "1 point behind". Except just past a threshold, where it reads the
 * next whole point, so the figure agrees with the state: green exactly when it is at most 10,
 * amber at most 25 (10.2 points behind is amber and reads 11).
 */
export function pointsBehind(facts: RagFacts, now: Date): number | null {
  if (facts.status !== "ACTIVE") return null;
  const start = BigInt(facts.startDate.getTime());
  const end = BigInt(facts.plannedEndDate.getTime());
  const at = BigInt(now.getTime());
  if (at < start || at > end) return null;
  const { duration, units } = durationAndUnits({ startMs: start, endMs: end, total: facts.total });
  // points behind = scaled / over, exactly.
  const scaled = 100n * (at - start) * units - 100n * BigInt(facts.met) * duration;
  const over = duration * units;
  // BigInt division truncates toward zero.
  let points = scaled / over;
  for (const limit of [BigInt(GREEN_MAX_POINTS_BEHIND), BigInt(AMBER_MAX_POINTS_BEHIND)]) {
    if (scaled > limit * over && points <= limit) points = limit + 1n;
  }
  return Number(points) || 0;
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

/** SQL operands of ragDeadlines: integer expressions (milliseconds, counts). */
export type RagPeriodSql = { startMs: Prisma.Sql; endMs: Prisma.Sql; met: Prisma.Sql; total: Prisma.Sql };

const literal = (n: number) => Prisma.raw(String(Math.trunc(n)));

/** `ragDeadlines` in SQL, for writing the stored deadlines (the recount, the migration's backfill). */
export function ragDeadlinesSql(p: RagPeriodSql): { greenUntilMs: Prisma.Sql; amberUntilMs: Prisma.Sql } {
  const duration = Prisma.sql`(CASE WHEN ${p.endMs} > ${p.startMs} THEN ${p.endMs} - ${p.startMs} ELSE 1 END)`;
  const units = Prisma.sql`(CASE WHEN ${p.total} > 0 THEN ${p.total} ELSE 1 END)`;
  const until = (limit: number) => {
    const last = Prisma.sql`(${p.startMs} + (${duration} * (100 * ${p.met} + ${literal(limit)} * ${units})) / (100 * ${units}))`;
    return Prisma.sql`(CASE WHEN ${last} < ${p.endMs} THEN ${last} ELSE ${p.endMs} END)`;
  };
  return { greenUntilMs: until(GREEN_MAX_POINTS_BEHIND), amberUntilMs: until(AMBER_MAX_POINTS_BEHIND) };
}

/** SQL operands of the rule: the status column and integer epoch-ms expressions (stored deadlines). */
export type RagSqlInputs = {
  status: Prisma.Sql;
  startMs: Prisma.Sql;
  greenUntilMs: Prisma.Sql;
  amberUntilMs: Prisma.Sql;
  nowMs: Prisma.Sql;
};

/**
 * "The enrolment is in `state`", on the columns themselves (no CASE), so that a filter on one state
 * is something the planner can estimate from its column statistics. The six conditions exclude
 * each other and cover every enrolment (its status is ACTIVE, COMPLETED or WITHDRAWN, and
 * greenUntilMs <= amberUntilMs); they are `ragOf`, condition by condition. The list filters on
 * these and shows ragSql's CASE; the two are checked against each other by the progress tests.
 */
export function ragStateSql(i: RagSqlInputs, state: RagState): Prisma.Sql {
  const started = Prisma.sql`${i.status} = 'ACTIVE' AND ${i.startMs} <= ${i.nowMs}`;
  switch (state) {
    case "withdrawn":
      return Prisma.sql`${i.status} = 'WITHDRAWN'`;
    case "completed":
      return Prisma.sql`${i.status} = 'COMPLETED'`;
    case "notStarted":
      return Prisma.sql`${i.status} = 'ACTIVE' AND ${i.startMs} > ${i.nowMs}`;
    case "green":
      return Prisma.sql`${started} AND ${i.nowMs} <= ${i.greenUntilMs}`;
    case "amber":
      return Prisma.sql`${started} AND ${i.greenUntilMs} < ${i.nowMs} AND ${i.nowMs} <= ${i.amberUntilMs}`;
    case "red":
      return Prisma.sql`${started} AND ${i.amberUntilMs} < ${i.nowMs}`;
  }
}

/**
 * `ragOf` in SQL as one CASE over the stored deadlines, giving `value(state)` for each state: the
 * cheapest form to compute for every enrolment of a centre (measured: about half the time of a
 * CASE over ragStateSql's six conditions). tests/integration/progress.test.ts checks that each
 * state's condition selects exactly the rows this CASE puts in that state.
 */
function ragCaseSql(i: RagSqlInputs, value: (state: RagState) => Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE
    WHEN ${i.status} = 'WITHDRAWN' THEN ${value("withdrawn")}
    WHEN ${i.status} = 'COMPLETED' THEN ${value("completed")}
    WHEN ${i.startMs} > ${i.nowMs} THEN ${value("notStarted")}
    WHEN ${i.nowMs} <= ${i.greenUntilMs} THEN ${value("green")}
    WHEN ${i.nowMs} <= ${i.amberUntilMs} THEN ${value("amber")}
    ELSE ${value("red")} END)`;
}

/** The RAG rule as a CASE expression giving one of `ragStates`. */
export function ragSql(i: RagSqlInputs): Prisma.Sql {
  return ragCaseSql(i, (state) => Prisma.raw(`'${state}'`));
}

/** The RAG state's `ragStates` position (0 for red ... 5 for withdrawn): the order "sort by RAG" uses. */
export function ragRankSql(i: RagSqlInputs): Prisma.Sql {
  return ragCaseSql(i, (state) => literal(ragStates.indexOf(state)));
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
