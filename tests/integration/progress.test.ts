import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { listProgress, type ProgressRow } from "@/lib/progress/candidate-list";
import { getCandidateProgress } from "@/lib/progress/candidate-progress";
import { exportProgressCsv } from "@/lib/progress/csv";
import { parseCsv } from "../helpers/csv";
import { getDashboard, WEEKS } from "@/lib/progress/dashboard";
import {
  cohortRange,
  startOfTomorrow,
  type ListFilters,
  type ProgressContext,
  type ProgressFilters,
} from "@/lib/progress/filters";
import { progressColumns, progressRowText } from "@/lib/progress/format";
import { progressBand, progressPercent, ragOf, ragStates, timeElapsedPercent, type RagState } from "@/lib/progress/rag";
import { getWorkload, WORKLOAD_PAGE_SIZE, type AssessorWorkload, type WorkloadInput } from "@/lib/progress/workload";
import { seedScale, type ScaleReport } from "@/scripts/bench/scale-data";
import { provider, useMigratedDb } from "../helpers/test-db";
import { refreshEnrolmentCounters } from "../../lib/progress/enrolment-counters";
import { refreshCentreMetTally } from "../../lib/progress/met-tally";
import { plannedPeriod } from "@/lib/enrolments/planned-period";

// The progress dashboard, workload, list, drill-down and export against a real database
// (SQLite or PostgreSQL), on a few hundred enrolments made by the scale seed: every figure is
// compared with a naive count over the same rows in TypeScript (findMany + the RAG function),
// another centre's data never shows, and the CSV carries exactly the list's rows.

const state = useMigratedDb();
const NOW = new Date("2026-06-15T10:30:00.000Z");
const DAY = 86_400_000;
const ctx: ProgressContext = { provider, now: NOW };

let a: ScaleReport;
let b: ScaleReport;
let adminA: SessionActor;
let adminB: SessionActor;
const edge: Record<string, { candidateId: string; expected: RagState }> = {};

async function actorOf(userId: string): Promise<SessionActor> {
  const actor = await loadActor(state.db, userId);
  if (!actor) throw new Error(`cannot load ${userId}`);
  return actor;
}

/** Every assessor of the workload table, page after page, and the pages' own count of them. */
async function wholeWorkload(actor: SessionActor, input: WorkloadInput) {
  const rows: AssessorWorkload[] = [];
  const first = await getWorkload(state.db, actor, input, ctx);
  rows.push(...first.assessors);
  for (let page = 2; page <= first.list.pageCount; page++)
    rows.push(...(await getWorkload(state.db, actor, { ...input, page }, ctx)).assessors);
  return { rows, total: first.list.total, pageCount: first.list.pageCount };
}

/** Enrolments of INSCS042 (35 criteria) placed exactly on the RAG rule's edges at NOW. */
async function addEdgeCases(centreId: string, assessorId: string) {
  const version = await state.db.unitVersion.findFirstOrThrow({
    where: { unit: { code: "INSCS042" } },
    orderBy: { number: "desc" },
    include: { criteria: { orderBy: { position: "asc" } } },
  });
  expect(version.criteria).toHaveLength(35);
  const cases: Array<{
    key: string;
    met: number;
    startDays: number;
    endDays: number;
    status?: "COMPLETED" | "WITHDRAWN";
    expected: RagState;
    endMs?: number;
  }> = [
    // 7 of 35 met = 20%; a 100-day plan makes each day one point.
    { key: "exactly10", met: 7, startDays: -30, endDays: 70, expected: "green" }, // 30% of time: 10 behind
    { key: "justOver10", met: 7, startDays: -31, endDays: 69, expected: "amber" }, // 11 behind
    { key: "exactly25", met: 7, startDays: -45, endDays: 55, expected: "amber" }, // 25 behind
    { key: "justOver25", met: 7, startDays: -46, endDays: 54, expected: "red" }, // 26 behind
    { key: "pastEnd", met: 35, startDays: -100, endDays: 0, endMs: -1, expected: "red" }, // all met, 1 ms past the end
    { key: "onEnd", met: 35, startDays: -100, endDays: 0, expected: "green" },
    { key: "notStarted", met: 0, startDays: 1, endDays: 101, expected: "notStarted" },
    { key: "completed", met: 3, startDays: -400, endDays: -100, status: "COMPLETED", expected: "completed" },
    { key: "withdrawn", met: 0, startDays: -400, endDays: -100, status: "WITHDRAWN", expected: "withdrawn" },
  ];
  for (const c of cases) {
    const candidate = await state.db.user.create({
      data: { email: `edge.${c.key.toLowerCase()}@progress-a.example`, name: `Edge ${c.key}` },
    });
    await state.db.membership.create({ data: { userId: candidate.id, centreId, role: "CANDIDATE" } });
    const enrolment = await state.db.enrolment.create({
      data: {
        centreId,
        candidateId: candidate.id,
        unitVersionId: version.id,
        assessorId,
        ...plannedPeriod(
          new Date(NOW.getTime() + c.startDays * DAY),
          new Date(NOW.getTime() + c.endDays * DAY + (c.endMs ?? 0)),
        ),
        status: c.status ?? "ACTIVE",
      },
    });
    await state.db.decision.createMany({
      data: version.criteria.slice(0, c.met).map((criterion, i) => ({
        centreId,
        enrolmentId: enrolment.id,
        criterionId: criterion.id,
        outcome: "MET" as const,
        signedById: assessorId,
        signedAt: new Date(NOW.getTime() - (i + 1) * DAY),
        evidenceSnapshot: [],
        signatureHash: `edge-${c.key}-${i}`,
      })),
    });
    // Written directly, as a bulk load would: recount its figures as the app does after a write.
    await refreshEnrolmentCounters(state.db, [enrolment.id]);
    edge[c.key] = { candidateId: candidate.id, expected: c.expected };
  }
  await refreshCentreMetTally(state.db, provider, centreId);
}

beforeAll(async () => {
  a = await seedScale({
    databaseUrl: state.url,
    candidates: 60,
    now: NOW,
    seed: 11,
    centreSlug: "progress-a",
    centreName: "Progress A",
  });
  b = await seedScale({
    databaseUrl: state.url,
    candidates: 12,
    now: NOW,
    seed: 22,
    centreSlug: "progress-b",
    centreName: "Progress B",
    timeZone: "America/New_York",
  });
  const firstAssessor = a.assessorIds[0];
  if (!firstAssessor) throw new Error("no assessor seeded");
  await addEdgeCases(a.centreId, firstAssessor);
  adminA = await actorOf(a.adminUserId);
  adminB = await actorOf(b.adminUserId);
}, 120_000);

// ---------------------------------------------------------------------------------------------
// The naive side: rows from findMany, figures computed in TypeScript.

type NaiveEnrolment = {
  id: string;
  candidateId: string;
  name: string;
  email: string;
  assessorId: string | null;
  unitCode: string;
  status: "ACTIVE" | "COMPLETED" | "WITHDRAWN";
  startDate: Date;
  plannedEndDate: Date;
  met: number;
  total: number;
  rag: RagState;
};

async function naiveEnrolments(
  centreId: string,
  filters: ProgressFilters = {},
  timeZone = "Europe/London",
): Promise<NaiveEnrolment[]> {
  const rows = await state.db.enrolment.findMany({
    where: { centreId },
    select: {
      id: true,
      candidateId: true,
      assessorId: true,
      status: true,
      startDate: true,
      plannedEndDate: true,
      candidate: { select: { name: true, email: true } },
      unitVersion: { select: { unit: { select: { code: true } }, _count: { select: { criteria: true } } } },
      decisions: { select: { outcome: true, currentSlot: true } },
    },
  });
  const range = filters.cohort ? cohortRange(filters.cohort, timeZone) : null;
  return rows
    .filter((e) => !filters.unit || e.unitVersion.unit.code === filters.unit)
    .filter((e) => !filters.assessor || e.assessorId === filters.assessor)
    .filter((e) => !range || (e.startDate >= range.from && e.startDate < range.to))
    .map((e) => {
      const met = e.decisions.filter((d) => d.outcome === "MET" && d.currentSlot === "current").length;
      const total = e.unitVersion._count.criteria;
      return {
        id: e.id,
        candidateId: e.candidateId,
        name: e.candidate.name,
        email: e.candidate.email,
        assessorId: e.assessorId,
        unitCode: e.unitVersion.unit.code,
        status: e.status,
        startDate: e.startDate,
        plannedEndDate: e.plannedEndDate,
        met,
        total,
        rag: ragOf({ status: e.status, startDate: e.startDate, plannedEndDate: e.plannedEndDate, met, total }, NOW),
      };
    });
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Byte order, as both databases sort these names (C collation / BINARY). */
const byteOrder = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

async function allPages(admin: SessionActor, centreId: string, filters: Partial<ListFilters>): Promise<ProgressRow[]> {
  const rows: ProgressRow[] = [];
  for (let page = 1; ; page++) {
    const list = await listProgress(state.db, admin, { centreId, ...filters, page }, ctx);
    rows.push(...list.items);
    if (page >= list.pageCount) return rows;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

// ---------------------------------------------------------------------------------------------

describe(`progress on ${provider}`, () => {
  it("seeds a few hundred enrolments with every RAG state", async () => {
    const rows = await naiveEnrolments(a.centreId);
    expect(rows.length).toBeGreaterThan(250);
    const states = new Set(rows.map((r) => r.rag));
    for (const s of ragStates) expect(states, `no ${s} enrolment seeded`).toContain(s);
  });

  const filterCases: Array<[string, () => ProgressFilters]> = [
    ["no filter", () => ({})],
    ["one unit", () => ({ unit: "CS34" })],
    ["one assessor", () => ({ assessor: a.assessorIds[1] })],
    ["one start cohort", () => ({ cohort: "2025-09" })],
    ["unit, assessor and cohort", () => ({ unit: "CU782", assessor: a.assessorIds[0], cohort: "2025-11" })],
  ];

  it.each(filterCases)("computes every dashboard figure as a naive count does (%s)", async (_label, filtersOf) => {
    const filters = filtersOf();
    const [dashboard, naive] = await Promise.all([
      getDashboard(state.db, adminA, { centreId: a.centreId, ...filters }, ctx),
      naiveEnrolments(a.centreId, filters),
    ]);
    const active = naive.filter((e) => e.status === "ACTIVE");

    expect(dashboard.enrolments).toEqual({
      total: naive.length,
      active: active.length,
      completed: naive.filter((e) => e.status === "COMPLETED").length,
      withdrawn: naive.filter((e) => e.status === "WITHDRAWN").length,
    });
    const ragCounts = countBy(naive, (e) => e.rag);
    for (const s of ragStates) expect(dashboard.rag[s], s).toBe(ragCounts[s] ?? 0);
    expect(dashboard.criteria).toEqual({
      met: active.reduce((n, e) => n + e.met, 0),
      total: active.reduce((n, e) => n + e.total, 0),
    });

    const bands = Array.from({ length: 10 }, () => 0);
    for (const e of active) bands[progressBand(e.met, e.total)] = (bands[progressBand(e.met, e.total)] ?? 0) + 1;
    expect(dashboard.progressBands).toEqual(bands);

    const byUnit = new Map<string, Record<string, number>>();
    for (const e of naive) {
      const counts = byUnit.get(e.unitCode) ?? {};
      counts[e.rag] = (counts[e.rag] ?? 0) + 1;
      byUnit.set(e.unitCode, counts);
    }
    expect(dashboard.ragByUnit.map((u) => u.unitCode)).toEqual([...byUnit.keys()].sort(byteOrder));
    for (const unit of dashboard.ragByUnit) {
      for (const s of ragStates)
        expect(unit.counts[s], `${unit.unitCode} ${s}`).toBe(byUnit.get(unit.unitCode)?.[s] ?? 0);
    }

    // Criteria met per week: standing MET decisions of these enrolments, by seven-day period.
    const end = startOfTomorrow(NOW, dashboard.centre.timeZone).getTime();
    const from = end - WEEKS * 7 * DAY;
    const ids = new Set(naive.map((e) => e.id));
    const decisions = await state.db.decision.findMany({
      where: { outcome: "MET", currentSlot: "current" },
      select: { enrolmentId: true, signedAt: true },
    });
    const weeks = Array.from({ length: WEEKS }, () => 0);
    for (const d of decisions) {
      const t = d.signedAt.getTime();
      if (ids.has(d.enrolmentId) && t >= from && t < end) {
        const week = Math.floor((t - from) / (7 * DAY));
        weeks[week] = (weeks[week] ?? 0) + 1;
      }
    }
    expect(dashboard.weeks.map((w) => w.met)).toEqual(weeks);
    if (!filters.unit && !filters.assessor && !filters.cohort)
      expect(weeks.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  });

  it("computes each assessor's workload as a naive count does, for the centre and for one unit", async () => {
    for (const unit of [undefined, "CS34"]) {
      const workload = { assessors: (await wholeWorkload(adminA, { centreId: a.centreId, unit })).rows };
      const enrolments = await state.db.enrolment.findMany({
        where: { centreId: a.centreId, ...(unit ? { unitVersion: { unit: { code: unit } } } : {}) },
        select: {
          id: true,
          status: true,
          assessorId: true,
          candidateId: true,
          mappings: {
            where: { status: "SUBMITTED" },
            select: { evidenceId: true, evidence: { select: { submittedAt: true } } },
          },
          decisions: { select: { signedById: true, signedAt: true } },
        },
      });
      const since = NOW.getTime() - 30 * DAY;
      const assessors = await state.db.membership.findMany({
        where: { centreId: a.centreId, role: "ASSESSOR" },
        select: { userId: true },
      });
      expect(workload.assessors.map((w) => w.assessor.id).sort()).toEqual(assessors.map((m) => m.userId).sort());
      let anyWaiting = false;
      let anyDecided = false;
      for (const row of workload.assessors) {
        const id = row.assessor.id;
        const theirs = enrolments.filter((e) => e.assessorId === id && e.status === "ACTIVE" && e.candidateId !== id);
        const waiting = new Map(
          theirs.flatMap((e) => e.mappings.map((m) => [m.evidenceId, m.evidence.submittedAt] as const)),
        );
        const oldest =
          [...waiting.values()].filter((d): d is Date => d !== null).sort((x, y) => x.getTime() - y.getTime())[0] ??
          null;
        const decided = enrolments
          .flatMap((e) => e.decisions)
          .filter((d) => d.signedById === id && d.signedAt.getTime() >= since).length;
        expect(row.waitingEvidence, `${unit} ${id}`).toBe(waiting.size);
        expect(row.oldestWaitingSince?.getTime() ?? null, `${unit} ${id}`).toBe(oldest?.getTime() ?? null);
        expect(row.decisionsLast30Days, `${unit} ${id}`).toBe(decided);
        expect(row.candidatesAssigned, `${unit} ${id}`).toBe(
          new Set(enrolments.filter((e) => e.assessorId === id && e.status === "ACTIVE").map((e) => e.candidateId))
            .size,
        );
        anyWaiting ||= waiting.size > 0;
        anyDecided ||= decided > 0;
      }
      expect(anyWaiting, unit).toBe(true);
      expect(anyDecided, unit).toBe(true);
    }
  });

  it("pages the workload table, each assessor once, in the table's order, a page past the end showing the last", async () => {
    // More assessors than a page holds: a large centre has hundreds, and the table listed them all.
    const before = await wholeWorkload(adminA, { centreId: a.centreId });
    const extra = WORKLOAD_PAGE_SIZE + 3 - before.total;
    for (let i = 0; i < extra; i++) {
      const user = await state.db.user.create({
        data: { email: `paged-assessor-${i}@workload.test`, name: `Paged Assessor ${String(i).padStart(2, "0")}` },
      });
      await state.db.membership.create({ data: { userId: user.id, centreId: a.centreId, role: "ASSESSOR" } });
    }
    const first = await getWorkload(state.db, adminA, { centreId: a.centreId }, ctx);
    expect(first.assessors).toHaveLength(WORKLOAD_PAGE_SIZE);
    expect(first.list).toEqual({ page: 1, pageCount: 2, total: WORKLOAD_PAGE_SIZE + 3, pageSize: WORKLOAD_PAGE_SIZE });
    const second = await getWorkload(state.db, adminA, { centreId: a.centreId, page: 2 }, ctx);
    expect(second.assessors).toHaveLength(3);
    expect(second.list.page).toBe(2);

    const ids = [...first.assessors, ...second.assessors].map((w) => w.assessor.id);
    const assessors = await state.db.membership.findMany({
      where: { centreId: a.centreId, role: "ASSESSOR" },
      select: { userId: true },
    });
    expect([...ids].sort()).toEqual(assessors.map((m) => m.userId).sort());
    // Most evidence waiting first, across the page break too.
    const waiting = [...first.assessors, ...second.assessors].map((w) => w.waitingEvidence);
    expect(waiting).toEqual([...waiting].sort((x, y) => y - x));

    const past = await getWorkload(state.db, adminA, { centreId: a.centreId, page: 40 }, ctx);
    expect(past.list.page).toBe(2);
    expect(past.assessors.map((w) => w.assessor.id)).toEqual(second.assessors.map((w) => w.assessor.id));
  });

  it("computes the RAG state in SQL exactly as the rule says, at its edges", async () => {
    for (const [key, { candidateId, expected }] of Object.entries(edge)) {
      const list = await listProgress(state.db, adminA, { centreId: a.centreId, search: `edge ${key}` }, ctx);
      expect(list.items, key).toHaveLength(1);
      expect(list.items[0]?.rag, key).toBe(expected);
      expect(list.items[0]?.candidate.id).toBe(candidateId);
    }
  });

  it("lists, filters and paginates rows with the naive figures", async () => {
    const filters = { unit: "CS5", rag: "red" as const };
    const rows = await allPages(adminA, a.centreId, filters);
    const naive = (await naiveEnrolments(a.centreId, { unit: "CS5" })).filter((e) => e.rag === "red");
    expect(rows.length).toBe(naive.length);
    expect(rows.length).toBeGreaterThan(0);
    const naiveById = new Map(naive.map((e) => [e.id, e]));
    for (const row of rows) {
      const n = naiveById.get(row.enrolmentId);
      expect(n, row.enrolmentId).toBeDefined();
      if (!n) continue;
      expect([row.met, row.total, row.rag, row.status, row.unit.code]).toEqual([
        n.met,
        n.total,
        n.rag,
        n.status,
        n.unitCode,
      ]);
      expect(row.progress).toBe(progressPercent(n.met, n.total));
      expect(row.timeElapsed).toBe(timeElapsedPercent(n.startDate, n.plannedEndDate, NOW));
      expect(row.startDate.getTime()).toBe(n.startDate.getTime());
    }
    // Sorted by name (byte order), then unit, then id.
    const names = rows.map((r) => r.candidate.name);
    expect(names).toEqual([...names].sort(byteOrder));

    const all = await allPages(adminA, a.centreId, {});
    expect(all.length).toBe((await naiveEnrolments(a.centreId)).length);
    expect(new Set(all.map((r) => r.enrolmentId)).size).toBe(all.length);
  });

  it("sorts by progress, RAG and last activity in both directions", async () => {
    const byProgress = await allPages(adminA, a.centreId, { sort: "progress", unit: "CU782" });
    const progress = byProgress.map((r) => r.progress);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    const byProgressDesc = await allPages(adminA, a.centreId, { sort: "progress", dir: "desc", unit: "CU782" });
    expect(byProgressDesc.map((r) => r.progress)).toEqual([...progress].sort((x, y) => y - x));

    const byRag = await allPages(adminA, a.centreId, { sort: "rag" });
    const ranks = byRag.map((r) => ragStates.indexOf(r.rag));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));

    // Pages past the middle are read from the far end (fromNearerEnd): still each row once.
    const cu782 = (await naiveEnrolments(a.centreId, { unit: "CU782" })).map((e) => e.id).sort();
    for (const rows of [byProgress, byProgressDesc]) expect(rows.map((r) => r.enrolmentId).sort()).toEqual(cu782);

    const byActivity = await allPages(adminA, a.centreId, { sort: "lastActivity", dir: "desc", unit: "CS34" });
    const times = byActivity.map((r) => r.lastActivityAt?.getTime() ?? null);
    const seen = times.filter((t): t is number => t !== null);
    expect(seen).toEqual([...seen].sort((x, y) => y - x));
    expect(times.indexOf(null) === -1 || times.slice(times.indexOf(null)).every((t) => t === null)).toBe(true);
    expect(byActivity.map((r) => r.enrolmentId).sort()).toEqual(
      (await naiveEnrolments(a.centreId, { unit: "CS34" })).map((e) => e.id).sort(),
    );
  });

  it("filters to each RAG state exactly the enrolments the rule puts in it", async () => {
    // The filter is written as each state's own condition (ragStateSql), the state shown as one
    // CASE (ragSql): both must agree with the rule (ragOf) on every enrolment, edges included.
    const naive = await naiveEnrolments(a.centreId);
    for (const state of ragStates) {
      const rows = await allPages(adminA, a.centreId, { rag: state });
      const expected = naive.filter((e) => e.rag === state).map((e) => e.id);
      expect(expected.length, state).toBeGreaterThan(0);
      expect(rows.map((r) => r.enrolmentId).sort(), state).toEqual(expected.sort());
      expect(new Set(rows.map((r) => r.rag)), state).toEqual(new Set([state]));
    }
  });

  it("pages through the list sorted by RAG in both directions as the rows sort, each row once", async () => {
    // Only the RAG states' counts and the page's rows are read (lib/progress/candidate-list.ts):
    // walking every page must still give every enrolment once, in (state, name, unit, id) order.
    const naive = await naiveEnrolments(a.centreId);
    for (const dir of ["asc", "desc"] as const) {
      const sign = dir === "asc" ? 1 : -1;
      const expected = [...naive]
        .sort(
          (x, y) =>
            sign * (ragStates.indexOf(x.rag) - ragStates.indexOf(y.rag)) ||
            byteOrder(x.name, y.name) ||
            byteOrder(x.unitCode, y.unitCode) ||
            byteOrder(x.id, y.id),
        )
        .map((e) => e.id);
      const rows = await allPages(adminA, a.centreId, { sort: "rag", dir });
      expect(
        rows.map((r) => r.enrolmentId),
        dir,
      ).toEqual(expected);
    }
  });

  it("searches names and emails ignoring case", async () => {
    const naive = await naiveEnrolments(a.centreId);
    const someone = naive.find((e) => e.status === "ACTIVE");
    if (!someone) throw new Error("no active enrolment");
    const lastName = someone.name.split(" ").at(-1) ?? someone.name;
    const expected = naive.filter(
      (e) =>
        e.name.toLowerCase().includes(lastName.toLowerCase()) || e.email.toLowerCase().includes(lastName.toLowerCase()),
    );
    for (const search of [lastName.toUpperCase(), lastName.toLowerCase()]) {
      const rows = await allPages(adminA, a.centreId, { search });
      expect(rows.map((r) => r.enrolmentId).sort(), search).toEqual(expected.map((e) => e.id).sort());
    }
    const byEmail = await allPages(adminA, a.centreId, { search: someone.email.toUpperCase() });
    expect(byEmail.map((r) => r.candidate.id)).toContain(someone.candidateId);
    expect(await allPages(adminA, a.centreId, { search: "100%_" })).toEqual([]);
  });

  it("exports, as a stream, exactly the rows and figures the filtered list shows", async () => {
    const filters: Partial<ListFilters> = { unit: "CS34", sort: "progress", dir: "desc" };
    const shown = await allPages(adminA, a.centreId, filters);
    expect(shown.length).toBeGreaterThan(30);
    const { stream, filename } = await exportProgressCsv(state.db, adminA, { centreId: a.centreId, ...filters }, ctx, {
      pageSize: 7,
    });
    expect(filename).toMatch(/^progress-progress-a-2026-06-15\.csv$/);
    const csv = parseCsv(await readAll(stream));
    expect(csv[0]).toEqual([...progressColumns]);
    const expected = shown.map((row) => {
      const text = progressRowText(row, "Europe/London");
      return progressColumns.map((column) => text[column]);
    });
    expect(csv.slice(1)).toEqual(expected);
  });

  it("shows a candidate's progress criterion by criterion with the list's figures", async () => {
    const naive = await naiveEnrolments(a.centreId);
    // A seeded candidate (the edge cases have decisions but no evidence).
    const edgeCandidates = new Set(Object.values(edge).map((x) => x.candidateId));
    const candidateId = naive.find(
      (e) => e.status === "ACTIVE" && e.met > 0 && !edgeCandidates.has(e.candidateId),
    )?.candidateId;
    if (!candidateId) throw new Error("no candidate with progress");
    const progress = await getCandidateProgress(state.db, adminA, { centreId: a.centreId, candidateId }, ctx);
    expect(progress).not.toBeNull();
    const theirs = naive.filter((e) => e.candidateId === candidateId);
    expect(progress?.enrolments.map((e) => e.enrolmentId).sort()).toEqual(theirs.map((e) => e.id).sort());
    for (const enrolment of progress?.enrolments ?? []) {
      const criteria = enrolment.groups.flatMap((g) => g.criteria);
      expect(criteria).toHaveLength(enrolment.total);
      expect(criteria.filter((c) => c.status === "met")).toHaveLength(enrolment.met);
      const n = theirs.find((e) => e.id === enrolment.enrolmentId);
      expect([enrolment.met, enrolment.rag]).toEqual([n?.met, n?.rag]);
    }
    expect(progress?.enrolments.some((e) => e.groups.some((g) => g.criteria.some((c) => c.evidence.length > 0)))).toBe(
      true,
    );
  });

  describe("an admin of one centre sees nothing from another", () => {
    it("in any dashboard figure", async () => {
      const [dashboard, naive] = await Promise.all([
        getDashboard(state.db, adminB, { centreId: b.centreId }, ctx),
        naiveEnrolments(b.centreId, {}, "America/New_York"),
      ]);
      expect(dashboard.centre.name).toBe("Progress B");
      expect(dashboard.enrolments.total).toBe(naive.length);
      expect(dashboard.enrolments.total).toBe(b.counts.enrolments);
      const active = naive.filter((e) => e.status === "ACTIVE");
      expect(dashboard.criteria.met).toBe(active.reduce((n, e) => n + e.met, 0));
      const ids = new Set(naive.map((e) => e.id));
      const metInB = await state.db.decision.count({
        where: { outcome: "MET", currentSlot: "current", enrolmentId: { in: [...ids] } },
      });
      expect(dashboard.weeks.reduce((n, w) => n + w.met, 0)).toBeLessThanOrEqual(metInB);
    });

    it("in the workload", async () => {
      const workload = await getWorkload(state.db, adminB, { centreId: b.centreId }, ctx);
      expect(workload.assessors.map((w) => w.assessor.id).sort()).toEqual([...b.assessorIds].sort());
      const waitingInB = await state.db.mapping.findMany({
        where: { status: "SUBMITTED", enrolment: { centreId: b.centreId, status: "ACTIVE" } },
        select: { evidenceId: true, enrolment: { select: { assessorId: true } } },
      });
      // An item mapped to two units with different assessors waits for both.
      const pairs = new Set(waitingInB.map((m) => `${m.enrolment.assessorId}:${m.evidenceId}`));
      expect(workload.assessors.reduce((n, w) => n + w.waitingEvidence, 0)).toBe(pairs.size);
      expect(pairs.size).toBeGreaterThan(0);
    });

    it("in the list, the drill-down and the export", async () => {
      const rows = await allPages(adminB, b.centreId, {});
      expect(rows.length).toBe(b.counts.enrolments);
      expect(rows.every((r) => r.candidate.email.endsWith("@progress-b.example"))).toBe(true);
      expect(await allPages(adminB, b.centreId, { search: "progress-a" })).toEqual([]);

      const candidateOfA = (await naiveEnrolments(a.centreId))[0]?.candidateId;
      if (!candidateOfA) throw new Error("no candidate in A");
      expect(
        await getCandidateProgress(state.db, adminB, { centreId: b.centreId, candidateId: candidateOfA }, ctx),
      ).toBeNull();

      const { stream } = await exportProgressCsv(state.db, adminB, { centreId: b.centreId }, ctx);
      const csv = parseCsv(await readAll(stream));
      expect(csv.length - 1).toBe(b.counts.enrolments);
      expect(csv.slice(1).every((r) => r[1]?.endsWith("@progress-b.example"))).toBe(true);
    });

    it("and is refused when asking for the other centre", async () => {
      await expect(getDashboard(state.db, adminB, { centreId: a.centreId }, ctx)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(getWorkload(state.db, adminB, { centreId: a.centreId }, ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listProgress(state.db, adminB, { centreId: a.centreId }, ctx)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(exportProgressCsv(state.db, adminB, { centreId: a.centreId }, ctx)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      const candidateOfA = (await naiveEnrolments(a.centreId))[0]?.candidateId ?? "";
      await expect(
        getCandidateProgress(state.db, adminB, { centreId: a.centreId, candidateId: candidateOfA }, ctx),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const assessorOfA = await actorOf(a.assessorIds[0] ?? "");
      await expect(getDashboard(state.db, assessorOfA, { centreId: a.centreId }, ctx)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    });
  });
});
