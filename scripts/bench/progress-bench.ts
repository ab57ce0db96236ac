// The progress pages at scale: seeds a throw-away database with scripts/bench/scale-data.ts,
// then times the dashboard (and the same aggregates as one hand-written SQL query: the floor),
// the workload, the candidate list and a candidate's progress page.
import Database from "better-sqlite3";
import pg from "pg";
import { loadActor } from "../../lib/auth/actor";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { sqliteFilePath, type Provider } from "../../lib/db/provider";
import { listProgress } from "../../lib/progress/candidate-list";
import { getCandidateProgress } from "../../lib/progress/candidate-progress";
import { getProgressOptions } from "../../lib/progress/options";
import { getDashboard, WEEKS, type Dashboard } from "../../lib/progress/dashboard";
import { startOfTomorrow, type ListFilters, type ProgressContext } from "../../lib/progress/filters";
import { QUARTER_HOUR_MS, slotOf } from "../../lib/progress/met-tally";
import { getWorkload } from "../../lib/progress/workload";
import { seedScale } from "./scale-data";

export type Timings = number[];

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function time(runs: number, work: (i: number) => Promise<unknown>): Promise<Timings> {
  await work(0); // warm: plans, caches, connections
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    out.push(performance.now() - started);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The floor: the dashboard's aggregates written by hand as ONE statement per dialect, run on
// the bare driver (no Prisma, no authorization, no centre lookup), over the same schema (the
// enrolments' stored met counts and RAG deadlines, and the centre's quarter-hour tally of met
// decisions included).

const WEEK_MS = 7 * 86_400_000;

function floorSql(provider: Provider): string {
  const p = provider === "sqlite" ? (n: number) => `@p${n}` : (n: number) => `$${n}`;
  // $1 centre, $2 now (ms), $3 first week start (ms), $4/$5 window as quarter hours (MetTally).
  const now = `CAST(${p(2)} AS BIGINT)`;
  return `
WITH totals AS (SELECT "unitVersionId", COUNT(*) AS total FROM "Criterion" GROUP BY "unitVersionId"),
e AS MATERIALIZED (
  SELECT e."unitVersionId" AS uv, e."status" AS status, e."startMs" AS s, e."greenUntilMs" AS g, e."amberUntilMs" AS a, t.total AS total,
    CASE WHEN e."status" = 'ACTIVE' THEN e."metCount" ELSE 0 END AS met
  FROM "Enrolment" e JOIN totals t ON t."unitVersionId" = e."unitVersionId"
  WHERE e."centreId" = ${p(1)}),
r AS (
  SELECT uv, status, met, total,
    CASE WHEN status = 'WITHDRAWN' THEN 'withdrawn' WHEN status = 'COMPLETED' THEN 'completed'
      WHEN s > ${now} THEN 'notStarted' WHEN ${now} <= g THEN 'green' WHEN ${now} <= a THEN 'amber'
      ELSE 'red' END AS rag,
    CASE WHEN status <> 'ACTIVE' THEN -1 WHEN met >= total THEN 9 ELSE (10 * met) / total END AS band
  FROM e)
SELECT 'g' AS kind, uv, rag, band, COUNT(*) AS n, SUM(met) AS met, SUM(total) AS total FROM r GROUP BY uv, rag, band
UNION ALL
SELECT 'w', NULL, NULL, wk, SUM(n), NULL, NULL FROM (
  SELECT (CAST(t."slot" AS BIGINT) * ${QUARTER_HOUR_MS} - CAST(${p(3)} AS BIGINT)) / ${WEEK_MS} AS wk, t."count" AS n
  FROM "MetTally" t
  WHERE t."centreId" = ${p(1)} AND t."slot" >= ${p(4)} AND t."slot" < ${p(5)}) w
GROUP BY wk`;
}

type FloorRow = {
  kind: string;
  uv: string | null;
  rag: string | null;
  band: unknown;
  n: unknown;
  met: unknown;
  total: unknown;
};

interface FloorRunner {
  run(): Promise<FloorRow[]>;
  close(): Promise<void>;
}

async function floorRunner(
  provider: Provider,
  url: string,
  centreId: string,
  now: Date,
  timeZone: string,
): Promise<FloorRunner> {
  const end = startOfTomorrow(now, timeZone);
  const from = new Date(end.getTime() - WEEKS * WEEK_MS);
  const sql = floorSql(provider);
  if (provider === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // As the app's queries run (readSettingsSql, lib/progress/measures.ts).
    await client.query("SELECT set_config('jit', 'off', false), set_config('work_mem', '16MB', false)");
    const params = [centreId, now.getTime(), from.getTime(), slotOf(from), slotOf(end)];
    return { run: async () => (await client.query<FloorRow>(sql, params)).rows, close: () => client.end() };
  }
  const db = new Database(sqliteFilePath(url), { readonly: true });
  const statement = db.prepare(sql);
  const params = { p1: centreId, p2: now.getTime(), p3: from.getTime(), p4: slotOf(from), p5: slotOf(end) };
  return { run: async () => statement.all(params) as FloorRow[], close: async () => void db.close() };
}

/** The floor's rows in the dashboard's shape, to check both compute the same figures. */
function floorFigures(rows: FloorRow[]) {
  const rag: Record<string, number> = {};
  const bands = Array.from({ length: 10 }, () => 0);
  const weeks = Array.from({ length: WEEKS }, () => 0);
  let met = 0;
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.kind === "w") {
      const week = Number(r.band);
      if (week >= 0 && week < WEEKS) weeks[week] = n;
      continue;
    }
    rag[r.rag ?? "?"] = (rag[r.rag ?? "?"] ?? 0) + n;
    const band = Number(r.band);
    if (band >= 0) {
      bands[band] = (bands[band] ?? 0) + n;
      met += Number(r.met);
      total += Number(r.total);
    }
  }
  return { rag, bands, weeks, met, total };
}

function sameFigures(dashboard: Dashboard, floor: ReturnType<typeof floorFigures>): boolean {
  const ragSame = Object.entries(dashboard.rag).every(([state, n]) => (floor.rag[state] ?? 0) === n);
  return (
    ragSame &&
    JSON.stringify(dashboard.progressBands) === JSON.stringify(floor.bands) &&
    JSON.stringify(dashboard.weeks.map((w) => w.met)) === JSON.stringify(floor.weeks) &&
    dashboard.criteria.met === floor.met &&
    dashboard.criteria.total === floor.total
  );
}

// ---------------------------------------------------------------------------------------------

export type ProgressBenchResult = {
  provider: Provider;
  candidates: number;
  seedMs: number;
  counts: Record<string, number>;
  dashboard: Timings;
  floor: Timings;
  floorMatches: boolean;
  workload: Timings;
  dashboardPage: Timings;
  listPage: Timings;
  lists: Array<{ label: string; timings: Timings }>;
  /** The page halfway through the list by name: the slowest page, as the one furthest from either end. */
  middlePage: { page: number; timings: Timings };
  candidatePage: Timings;
};

const listCases: Array<{ label: string; filters: Partial<ListFilters> }> = [
  { label: "page 1, by name (default)", filters: {} },
  { label: "page 20, by name", filters: { page: 20 } },
  { label: "last page, by name", filters: { page: Number.MAX_SAFE_INTEGER } },
  { label: "red, one unit", filters: { rag: "red", unit: "CS34" } },
  { label: "red, whole centre", filters: { rag: "red" } },
  { label: "search by name", filters: { search: "smith" } },
  { label: "sorted by RAG", filters: { sort: "rag" } },
  { label: "sorted by RAG, page 20", filters: { sort: "rag", page: 20 } },
  { label: "sorted by RAG, best first", filters: { sort: "rag", dir: "desc" } },
  { label: "sorted by progress", filters: { sort: "progress" } },
  { label: "sorted by last activity", filters: { sort: "lastActivity" } },
];

export async function benchProgress(
  provider: Provider,
  url: string,
  candidates: number,
  runs: number,
  log: (line: string) => void,
): Promise<ProgressBenchResult> {
  await migrate(url);
  const seeded = await seedScale({ databaseUrl: url, candidates, log: (line) => log(`    ${line.trim()}`) });
  return measureProgress(provider, url, { ...seeded, candidates }, runs);
}

/** A centre seeded earlier by `npm run seed:scale` (its slug is scale-<candidates> by default). */
export async function findSeededCentre(url: string, slug: string): Promise<Seeded> {
  const db = createDb(url);
  try {
    const centre = await db.centre.findUnique({ where: { slug }, select: { id: true } });
    if (!centre) throw new Error(`no centre with slug ${slug} in that database: seed it with npm run seed:scale`);
    const admin = await db.membership.findFirst({
      where: { centreId: centre.id, role: "CENTRE_ADMIN" },
      select: { userId: true },
    });
    if (!admin) throw new Error(`centre ${slug} has no admin`);
    const enrolment = { centreId: centre.id };
    const [candidates, enrolments, evidence, mappings, decisions, auditEvents] = await Promise.all([
      db.membership.count({ where: { centreId: centre.id, role: "CANDIDATE" } }),
      db.enrolment.count({ where: enrolment }),
      db.evidence.count({ where: { centreId: centre.id } }),
      db.mapping.count({ where: { enrolment } }),
      db.decision.count({ where: { enrolment } }),
      db.auditEvent.count({ where: { centreId: centre.id } }),
    ]);
    return {
      centreId: centre.id,
      adminUserId: admin.userId,
      candidates,
      ms: 0,
      counts: { enrolments, evidence, mappings, decisions, auditEvents },
    };
  } finally {
    await db.$disconnect();
  }
}

type Seeded = { centreId: string; adminUserId: string; candidates: number; ms: number; counts: Record<string, number> };

// long-function: one measurement run in order: the dashboard against its SQL floor, the workload, the two pages' awaited queries, each list case, a middle page and candidate pages, then the result; each timing is a line or two, and the order is what the report shows
export async function measureProgress(
  provider: Provider,
  url: string,
  seeded: Seeded,
  runs: number,
): Promise<ProgressBenchResult> {
  const candidates = seeded.candidates;
  const db: Db = createDb(url);
  try {
    const actor = await loadActor(db, seeded.adminUserId);
    if (!actor) throw new Error("the seeded admin cannot be loaded");
    const now = new Date();
    const ctx: ProgressContext = { provider, now };
    const centreId = seeded.centreId;

    const dashboard = await time(runs, () => getDashboard(db, actor, { centreId }, ctx));
    const shown = await getDashboard(db, actor, { centreId }, ctx);
    const floor = await floorRunner(provider, url, centreId, now, shown.centre.timeZone);
    let floorTimings: Timings;
    let floorMatches: boolean;
    try {
      floorTimings = await time(runs, () => floor.run());
      floorMatches = sameFigures(shown, floorFigures(await floor.run()));
    } finally {
      await floor.close();
    }
    const workload = await time(runs, () => getWorkload(db, actor, { centreId }, ctx));
    // What each page awaits before it renders: its queries run concurrently.
    const dashboardPage = await time(runs, () =>
      Promise.all([
        getDashboard(db, actor, { centreId }, ctx),
        getWorkload(db, actor, { centreId }, ctx),
        getProgressOptions(db, actor, centreId),
      ]),
    );
    const listPage = await time(runs, () =>
      Promise.all([listProgress(db, actor, { centreId }, ctx), getProgressOptions(db, actor, centreId)]),
    );
    const lists: ProgressBenchResult["lists"] = [];
    const lastPage = (await listProgress(db, actor, { centreId, page: Number.MAX_SAFE_INTEGER }, ctx)).page;
    const pageOf = (filters: Partial<ListFilters>) =>
      filters.page === Number.MAX_SAFE_INTEGER ? { ...filters, page: lastPage } : filters;
    for (const c of listCases)
      lists.push({
        label: c.label,
        timings: await time(runs, () => listProgress(db, actor, { centreId, ...pageOf(c.filters) }, ctx)),
      });
    const middle = Math.ceil(lastPage / 2);
    const middlePage = {
      page: middle,
      timings: await time(runs, () => listProgress(db, actor, { centreId, page: middle }, ctx)),
    };
    const sample = await db.enrolment.findMany({
      where: { centreId },
      select: { candidateId: true },
      distinct: ["candidateId"],
      take: runs + 1,
      orderBy: { id: "asc" },
    });
    const candidatePage = await time(runs, (i) =>
      getCandidateProgress(db, actor, { centreId, candidateId: sample[i % sample.length]?.candidateId ?? "" }, ctx),
    );
    return {
      provider,
      candidates,
      seedMs: seeded.ms,
      counts: seeded.counts,
      dashboard,
      floor: floorTimings,
      floorMatches,
      workload,
      dashboardPage,
      listPage,
      lists,
      middlePage,
      candidatePage,
    };
  } finally {
    await db.$disconnect();
  }
}

export function printProgressResult(r: ProgressBenchResult, log: (line: string) => void) {
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const p = (t: Timings) => `p50 ${fmt(percentile(t, 50))}, p95 ${fmt(percentile(t, 95))}`;
  // The absolute targets are for PostgreSQL at 10,000 candidates; elsewhere they are only shown.
  const atTarget = r.provider === "postgresql" && r.candidates >= 10_000;
  const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES target");
  const target = (label: string, ok: boolean) =>
    `  target ${label}: ${atTarget ? verdict(ok) : "(applies to PostgreSQL at 10,000 candidates)"}`;
  const c = r.counts;
  log(
    `  ${r.provider}: ${r.candidates} candidates — ${c.enrolments} enrolments, ${c.evidence} evidence, ${c.mappings} mappings, ${c.decisions} decisions, ${c.auditEvents} audit events; seeded in ${(r.seedMs / 1000).toFixed(1)} s`,
  );
  const d95 = percentile(r.dashboard, 95);
  const f95 = percentile(r.floor, 95);
  const ratio50 = percentile(r.dashboard, 50) / percentile(r.floor, 50);
  const ratio95 = d95 / f95;
  log(`    dashboard (server time)      ${p(r.dashboard)}${target("p95 < 150 ms", d95 < 150)}`);
  log(
    `    floor (one hand-written SQL) ${p(r.floor)}  figures ${r.floorMatches ? "identical to the dashboard's" : "DIFFER from the dashboard's"}`,
  );
  log(
    `    dashboard / floor            p50 ${ratio50.toFixed(2)}x, p95 ${ratio95.toFixed(2)}x  target <= 2x: ${verdict(ratio95 <= 2)}`,
  );
  log(`    assessor workload            ${p(r.workload)}`);
  log(`    dashboard page, all its data ${p(r.dashboardPage)}  (dashboard + workload + filter choices, concurrently)`);
  log(`    list page, all its data      ${p(r.listPage)}  (page 1 + filter choices, concurrently)`);
  for (const l of r.lists) {
    const l95 = percentile(l.timings, 95);
    log(`    candidate list, ${l.label.padEnd(26)} ${p(l.timings)}${target("p95 < 100 ms", l95 < 100)}`);
  }
  const middle = `page ${r.middlePage.page}, by name (middle)`;
  log(
    `    candidate list, ${middle.padEnd(26)} ${p(r.middlePage.timings)}  (the slowest page: rows before it are read, from the nearer end)`,
  );
  const c95 = percentile(r.candidatePage, 95);
  log(`    candidate progress page      ${p(r.candidatePage)}${target("p95 < 100 ms", c95 < 100)}`);
}
