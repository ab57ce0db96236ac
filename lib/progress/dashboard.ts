import { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { addDays, calendarDateIn } from "../format/date";
import {
  isWholeCentre,
  scopeConditions,
  scopeOf,
  startOfTomorrow,
  type EnrolmentScope,
  type ProgressContext,
  type ProgressFilters,
} from "./filters";
import {
  centreForDashboard,
  derivedColumns,
  metCountColumn,
  queryRows,
  periodColumns,
  toNumber,
  versionsCte,
  type CentreInfo,
} from "./measures";
import { QUARTER_HOUR_MS, slotOf } from "./met-tally";
import { epochMsSql, isRagState, ragStates, type RagState } from "./rag";

// A centre's progress at a glance, for its admins: every figure is an aggregate computed in the
// database over the enrolments the filters select (unit, assessor, start cohort).
//
// - Enrolments by state: active (split by RAG: green, amber, red, not started), completed, withdrawn.
// - Criteria met: of all criteria in the units of ACTIVE enrolments, the share with a standing
//   MET decision. Completed units are finished and withdrawn ones stopped, so they would only
//   blur how far current candidates have got.
// - Progress distribution: active enrolments in ten bands of progress (0-9% ... 90-100%).
// - Criteria met per week: standing MET decisions signed in each of the last 26 weeks (seven-day
//   periods counted back from midnight tonight, centre time), in any of the selected enrolments.
// - RAG per unit: the RAG states of the selected enrolments, unit by unit.

export const WEEKS = 26;
const WEEK_MS = 7 * 86_400_000;

export type RagCounts = Record<RagState, number>;

export type Dashboard = {
  centre: CentreInfo;
  filters: ProgressFilters;
  now: Date;
  enrolments: { total: number; active: number; completed: number; withdrawn: number };
  rag: RagCounts;
  /** Over active enrolments. */
  criteria: { met: number; total: number };
  /** Ten bands, 0: 0-9% ... 9: 90-100%; active enrolments. */
  progressBands: number[];
  /** Oldest first; `start` is the calendar date (centre time) the week begins. */
  weeks: { start: string; met: number }[];
  ragByUnit: { unitCode: string; unitTitle: string; counts: RagCounts; total: number }[];
};

export function emptyRagCounts(): RagCounts {
  return Object.fromEntries(ragStates.map((state) => [state, 0])) as RagCounts;
}

type GroupRow = {
  unitVersionId: string;
  rag: string;
  band: unknown;
  enrolments: unknown;
  met: unknown;
  total: unknown;
};
type WeekRow = { week: unknown; met: unknown };

export type DashboardInput = { centreId: string } & ProgressFilters;

/**
 * Enrolments grouped by unit version, RAG state and progress band (-1 unless active), with the
 * met and total criteria of each group, from the enrolments' stored met counts
 * (lib/progress/enrolment-counters.ts) and planned periods in epoch milliseconds.
 */
export function dashboardGroupsSql(where: Prisma.Sql, now: Date): Prisma.Sql {
  const s = derivedColumns("s", now);
  return Prisma.sql`
    WITH ${versionsCte},
    "scoped" AS (
      SELECT e."unitVersionId" AS "unitVersionId", e."status" AS "status", ${periodColumns}, v."total" AS "total",
        CASE WHEN e."status" = 'ACTIVE' THEN ${metCountColumn} ELSE 0 END AS "met"
      FROM "Enrolment" e JOIN "versions" v ON v."unitVersionId" = e."unitVersionId"
      WHERE ${where})
    SELECT s."unitVersionId" AS "unitVersionId", ${s.rag} AS "rag",
      CASE WHEN s."status" <> 'ACTIVE' THEN -1 WHEN ${s.progress} >= 90 THEN 9 ELSE ${s.progress} / 10 END AS "band",
      COUNT(*) AS "enrolments", CAST(SUM(s."met") AS BIGINT) AS "met", CAST(SUM(s."total") AS BIGINT) AS "total"
    FROM "scoped" s
    GROUP BY 1, 2, 3`;
}

/**
 * Standing MET decisions of the selected enrolments signed in [from, end), by week from `from`.
 * For a whole centre the counts come from its quarter-hour tally (lib/progress/met-tally.ts),
 * a few thousand rows instead of every decision; a filter (unit, assessor, cohort) needs the
 * decisions themselves, joined to the enrolments it selects.
 */
export function dashboardWeeksSql(ctx: ProgressContext, scope: EnrolmentScope, from: Date, end: Date): Prisma.Sql {
  const filtered = !isWholeCentre(scope);
  const onQuarterHours = from.getTime() % QUARTER_HOUR_MS === 0 && end.getTime() % QUARTER_HOUR_MS === 0;
  const week = (ms: Prisma.Sql) =>
    Prisma.sql`CAST((${ms} - CAST(${from.getTime()} AS BIGINT)) / ${Prisma.raw(String(WEEK_MS))} AS BIGINT)`;
  if (!filtered && onQuarterHours) {
    return Prisma.sql`
      SELECT ${week(Prisma.sql`CAST(t."slot" AS BIGINT) * ${Prisma.raw(String(QUARTER_HOUR_MS))}`)} AS "week", SUM(t."count") AS "met"
      FROM "MetTally" t
      WHERE t."centreId" = ${scope.centreId} AND t."slot" >= ${slotOf(from)} AND t."slot" < ${slotOf(end)}
      GROUP BY 1`;
  }
  return Prisma.sql`
    SELECT ${week(epochMsSql(ctx.provider, Prisma.sql`d."signedAt"`))} AS "week", COUNT(*) AS "met"
    FROM "Decision" d ${filtered ? Prisma.sql`JOIN "Enrolment" e ON e."id" = d."enrolmentId"` : Prisma.empty}
    WHERE d."centreId" = ${scope.centreId} AND d."outcome" = 'MET' AND d."currentSlot" = 'current' AND d."signedAt" >= ${from} AND d."signedAt" < ${end}
      ${filtered ? Prisma.sql`AND ${scopeConditions(scope)}` : Prisma.empty}
    GROUP BY 1`;
}

export async function getDashboard(
  db: Db,
  actor: Actor,
  input: DashboardInput,
  ctx: ProgressContext,
): Promise<Dashboard> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const filters: ProgressFilters = { unit: input.unit, assessor: input.assessor, cohort: input.cohort };
  const scope = scopeOf(centre.id, filters, centre.timeZone);
  const where = scopeConditions(scope);

  const end = startOfTomorrow(now, centre.timeZone);
  const from = new Date(end.getTime() - WEEKS * WEEK_MS);
  const groupsQuery = queryRows<GroupRow>(db, ctx, dashboardGroupsSql(where, now));
  const weeksQuery = queryRows<WeekRow>(db, ctx, dashboardWeeksSql(ctx, scope, from, end));
  const versionsQuery = db.unitVersion.findMany({
    select: { id: true, title: true, number: true, unit: { select: { code: true } } },
  });

  const [groups, weekRows, versions] = await Promise.all([groupsQuery, weeksQuery, versionsQuery]);

  const unitOfVersion = new Map(versions.map((v) => [v.id, v]));
  const latestTitle = new Map<string, { title: string; number: number }>();
  for (const v of versions) {
    const known = latestTitle.get(v.unit.code);
    if (!known || v.number > known.number) latestTitle.set(v.unit.code, { title: v.title, number: v.number });
  }

  const rag = emptyRagCounts();
  const enrolments = { total: 0, active: 0, completed: 0, withdrawn: 0 };
  const criteria = { met: 0, total: 0 };
  const progressBands = Array.from({ length: 10 }, () => 0);
  const byUnit = new Map<string, RagCounts>();
  for (const row of groups) {
    if (!isRagState(row.rag)) throw new Error(`unexpected RAG state from the database: ${String(row.rag)}`);
    const count = toNumber(row.enrolments);
    rag[row.rag] += count;
    enrolments.total += count;
    if (row.rag === "completed") enrolments.completed += count;
    else if (row.rag === "withdrawn") enrolments.withdrawn += count;
    else {
      enrolments.active += count;
      criteria.met += toNumber(row.met);
      criteria.total += toNumber(row.total);
      const band = toNumber(row.band);
      if (band >= 0 && band <= 9) progressBands[band] = (progressBands[band] ?? 0) + count;
    }
    const code = unitOfVersion.get(row.unitVersionId)?.unit.code ?? "?";
    const counts = byUnit.get(code) ?? emptyRagCounts();
    counts[row.rag] += count;
    byUnit.set(code, counts);
  }

  const metByWeek = new Map(weekRows.map((r) => [toNumber(r.week), toNumber(r.met)]));
  const lastWeekStart = addDays(calendarDateIn(end, centre.timeZone), -7);
  const weeks = Array.from({ length: WEEKS }, (_, i) => ({
    start: addDays(lastWeekStart, -7 * (WEEKS - 1 - i)),
    met: metByWeek.get(i) ?? 0,
  }));

  const ragByUnit = [...byUnit.entries()]
    .map(([unitCode, counts]) => ({
      unitCode,
      unitTitle: latestTitle.get(unitCode)?.title ?? unitCode,
      counts,
      total: ragStates.reduce((sum, state) => sum + counts[state], 0),
    }))
    .sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));

  return { centre, filters, now, enrolments, rag, criteria, progressBands, weeks, ragByUnit };
}
