// Proposing a sample at scale (docs/decisions/0020): seeds a throw-away database with
// scripts/bench/scale-data.ts (or reads a centre seeded earlier by `npm run seed:scale`), gives
// the centre's assessors risk levels as a real strategy would (most standard, some low risk, a
// few new), then times "Propose a sample" for the IQA with the largest caseload: reading their
// decisions of the period, running the sampler and saving the plan with its items in one
// transaction. The floor, measured in the same run on the bare driver, is one SELECT COUNT(*)
// over the same decisions. Each timed proposal saves a plan, so a database given with
// --database-url keeps them.
import Database from "better-sqlite3";
import pg from "pg";
import { loadActor } from "../../lib/auth/actor";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { sqliteFilePath, type Provider } from "../../lib/db/provider";
import { addDays, calendarDateIn } from "../../lib/format/date";
import { timeZoneOf } from "../../lib/format/time-zone";
import { caseloadDecisions, countCaseloadSql, type CaseloadScope } from "../../lib/qa/caseload";
import { periodOf } from "../../lib/qa/plan-input";
import { getPlan, getPlanCoverage, proposeSample } from "../../lib/qa/plans";
import { riskLevels } from "../../lib/qa/risk";
import { proposeSampleIds } from "../../lib/qa/sampler";
import { loadSamplingRates } from "../../lib/qa/strategy";
import { percentile, time, type Timings } from "./progress-bench";
import { seedScale } from "./scale-data";

/** The target: a proposal at 10,000 candidates on PostgreSQL, at p95. */
export const PROPOSE_TARGET_MS = 2000;

export type SamplingBenchResult = {
  provider: Provider;
  candidates: number;
  decisions: number;
  seedMs: number;
  /** The IQA's decisions in the 90 days, and how many assessors they come from. */
  caseload: number;
  assessors: number;
  /** Each period: its decisions and items, the proposals, and the floor over the same decisions. */
  cases: Array<{
    label: string;
    candidates: number;
    items: number;
    propose: Timings;
    floor: Timings;
    floorMatches: boolean;
  }>;
  query: Timings;
  sampler: Timings;
  planPage: Timings;
};

export type SamplingBenchOptions = { candidates: number; runs: number; log: (line: string) => void };

export async function benchSampling(
  provider: Provider,
  url: string,
  { candidates, runs, log }: SamplingBenchOptions,
): Promise<SamplingBenchResult> {
  await migrate(url);
  const seeded = await seedScale({ databaseUrl: url, candidates, log: (line) => log(`    ${line.trim()}`) });
  return measureSampling(provider, url, { centreId: seeded.centreId, candidates, seedMs: seeded.ms }, runs);
}

/** A centre seeded earlier by `npm run seed:scale`, by its slug. */
export async function findSamplingCentre(url: string, slug: string) {
  const db = createDb(url);
  try {
    const centre = await db.centre.findUnique({ where: { slug }, select: { id: true } });
    if (!centre) throw new Error(`no centre with slug ${slug} in that database: seed it with npm run seed:scale`);
    const candidates = await db.membership.count({ where: { centreId: centre.id, role: "CANDIDATE" } });
    return { centreId: centre.id, candidates, seedMs: 0 };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Risk levels as a centre that has used its strategy for a while would have them: every tenth
 * assessor new, two in ten low risk, the rest standard. Left alone if the centre has any.
 */
async function giveRiskLevels(db: Db, centreId: string, setById: string): Promise<void> {
  if ((await db.assessorRiskLevel.count({ where: { centreId } })) > 0) return;
  const assessors = await db.membership.findMany({
    where: { centreId, role: "ASSESSOR" },
    select: { userId: true },
    orderBy: { userId: "asc" },
  });
  await db.assessorRiskLevel.createMany({
    data: assessors.map((a, i) => ({
      centreId,
      assessorId: a.userId,
      level: i % 10 === 0 ? riskLevels[0] : i % 10 <= 2 ? riskLevels[2] : riskLevels[1],
      reason: "Set for the benchmark.",
      setById,
    })),
  });
}

/** The floor: COUNT(*) over the same decisions, as one statement on the bare driver. */
async function floorRunner(provider: Provider, url: string, scope: CaseloadScope) {
  const sql = countCaseloadSql(scope);
  if (provider === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const values = sql.values.map((v) => (v instanceof Date ? v.toISOString() : v));
    return {
      run: async () => Number((await client.query<{ n: string }>(sql.text, values)).rows[0]?.n ?? 0),
      close: () => client.end(),
    };
  }
  const db = new Database(sqliteFilePath(url), { readonly: true });
  // Dates as the SQLite adapter stores them: ISO text with an explicit UTC offset.
  const values = sql.values.map((v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v));
  const statement = db.prepare<unknown[], { n: number }>(sql.sql);
  return { run: async () => Number(statement.get(...values)?.n ?? 0), close: async () => void db.close() };
}

type Seeded = { centreId: string; candidates: number; seedMs: number };

// long-function: one measurement run in order: the IQA and the strategy, the caseload query and the sampler alone, each period's floor and proposals, then the plan page; each timing is a line or two
export async function measureSampling(
  provider: Provider,
  url: string,
  seeded: Seeded,
  runs: number,
): Promise<SamplingBenchResult> {
  const db = createDb(url);
  try {
    const { centreId } = seeded;
    const busiest = await db.enrolment.groupBy({
      by: ["iqaId"],
      where: { centreId, iqaId: { not: null } },
      _count: { _all: true },
      orderBy: { _count: { iqaId: "desc" } },
      take: 1,
    });
    const iqaId = busiest[0]?.iqaId;
    if (!iqaId) throw new Error("the centre has no enrolments with an IQA");
    const actor = await loadActor(db, iqaId);
    if (!actor) throw new Error("the IQA cannot be loaded");
    await giveRiskLevels(db, centreId, iqaId);
    const centre = await db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { timeZone: true } });
    const timeZone = timeZoneOf(centre);
    const today = calendarDateIn(new Date(), timeZone);
    const period = (days: number) => ({ firstDay: addDays(today, -(days - 1)), lastDay: today });
    const scope: CaseloadScope = { centreId, iqaId, ...periodOf(period(90).firstDay, today, timeZone) };

    const decisions = await caseloadDecisions(db, scope, timeZone);
    const query = await time(runs, () => caseloadDecisions(db, scope, timeZone));
    const rates = await loadSamplingRates(db, centreId);
    const sampler = await time(runs, async (i) => proposeSampleIds({ decisions, ...rates, seed: i }));

    const cases: SamplingBenchResult["cases"] = [];
    let lastPlan = "";
    for (const days of [90, 365]) {
      const caseScope = { ...scope, ...periodOf(period(days).firstDay, today, timeZone) };
      const inPeriod = await caseloadDecisions(db, caseScope, timeZone);
      const floor = await floorRunner(provider, url, caseScope);
      let floorTimings: Timings;
      let floorMatches: boolean;
      try {
        floorTimings = await time(runs, () => floor.run());
        floorMatches = (await floor.run()) === inPeriod.length;
      } finally {
        await floor.close();
      }
      let items = 0;
      const propose = await time(runs, async (i) => {
        const title = `Bench ${days} days ${i}`;
        const result = await proposeSample(db, actor, { centreId, title, ...period(days), seed: i });
        items = result.items;
        lastPlan = result.planId;
      });
      cases.push({
        label: `last ${days} days`,
        candidates: inPeriod.length,
        items,
        propose,
        floor: floorTimings,
        floorMatches,
      });
    }
    const planPage = await time(runs, () =>
      Promise.all([getPlan(db, actor, lastPlan), getPlanCoverage(db, actor, lastPlan)]),
    );
    return {
      provider,
      candidates: seeded.candidates,
      decisions: await db.decision.count({ where: { centreId } }),
      seedMs: seeded.seedMs,
      caseload: decisions.length,
      assessors: new Set(decisions.map((d) => d.assessorId)).size,
      cases,
      query,
      sampler,
      planPage,
    };
  } finally {
    await db.$disconnect();
  }
}

export function printSamplingResult(r: SamplingBenchResult, log: (line: string) => void) {
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const p = (t: Timings) => `p50 ${fmt(percentile(t, 50))}, p95 ${fmt(percentile(t, 95))}`;
  const atTarget = r.provider === "postgresql" && r.candidates >= 10_000;
  log(
    `  ${r.provider}: ${r.candidates.toLocaleString("en")} candidates, ${r.decisions.toLocaleString("en")} decisions${r.seedMs ? `; seeded in ${(r.seedMs / 1000).toFixed(1)} s` : ""}; the busiest IQA has ${r.caseload.toLocaleString("en")} decisions from ${r.assessors} assessors in the last 90 days`,
  );
  log(`    caseload query, last 90 days (every row the sampler reads)  ${p(r.query)}`);
  log(`    sampler alone, last 90 days (pure)                          ${p(r.sampler)}`);
  for (const c of r.cases) {
    const p95 = percentile(c.propose, 95);
    const verdict = atTarget
      ? p95 < PROPOSE_TARGET_MS
        ? "meets target"
        : "MISSES target"
      : "(applies to PostgreSQL at 10,000 candidates)";
    log(
      `    ${c.label}: ${c.candidates.toLocaleString("en")} decisions, ${c.items.toLocaleString("en")} items proposed`,
    );
    log(
      `      floor (COUNT(*) of those decisions, bare driver)  ${p(c.floor)}  count ${c.floorMatches ? "identical to the app's" : "DIFFERS from the app's"}`,
    );
    log(
      `      propose a sample (read, sample, save)          ${p(c.propose)}  ${(percentile(c.propose, 50) / percentile(c.floor, 50)).toFixed(1)}x the floor at p50; target p95 < ${fmt(PROPOSE_TARGET_MS)}: ${verdict}`,
    );
  }
  log(
    `    plan page of the 365-day plan, all its data           ${p(r.planPage)}  (a page of items and the coverage, concurrently)`,
  );
}
