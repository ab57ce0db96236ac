import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { readMigrations } from "@/lib/db/migrations";
import { refreshCentreCounters } from "@/lib/progress/enrolment-counters";
import { refreshCentreMetTally } from "@/lib/progress/met-tally";
import { ragDeadlines } from "@/lib/progress/rag";
import { importStandards } from "@/lib/standards/import";
import { createEmptyDatabase, provider, type TestDatabase } from "../helpers/test-db";

// The progress migrations add cached figures (met counts, last activity, the decision's centre,
// the quarter-hour tally of met decisions, the planned period in ms, the RAG deadlines) and fill
// them for the rows already there; a later one copies onto each review what it reviewed. An upgrade of a database in use must give exactly what the
// app's own recount gives. This builds a database as it was before those migrations, with data
// in it (written with the columns of that time), applies the rest, and compares.

const BEFORE_FIRST_BACKFILL = "_enrolment_counters";
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 10, 30);

let database: TestDatabase;

async function copyStandards(into: Db) {
  const source = await createEmptyDatabase();
  await migrate(source.url);
  const from = createDb(source.url);
  try {
    await importStandards(from);
    await into.unit.createMany({ data: await from.unit.findMany() });
    const versions = await from.unitVersion.findMany();
    await into.unitVersion.createMany({ data: versions.map((v) => ({ ...v, document: v.document as object })) });
    const groups = await from.criterionGroup.findMany();
    await into.criterionGroup.createMany({
      data: groups.map((g) => ({
        ...g,
        assessmentMethods: (g.assessmentMethods ?? undefined) as object | undefined,
        notes: (g.notes ?? undefined) as object | undefined,
      })),
    });
    const criteria = await from.criterion.findMany();
    await into.criterion.createMany({
      data: criteria.map((c) => ({
        ...c,
        rangeGuidance: (c.rangeGuidance ?? undefined) as object | undefined,
        guidance: (c.guidance ?? undefined) as object | undefined,
      })),
    });
    await into.rangeItem.createMany({ data: await from.rangeItem.findMany() });
    const requirements = await from.evidenceRequirement.findMany();
    await into.evidenceRequirement.createMany({
      data: requirements.map((r) => ({ ...r, items: r.items as object, checks: r.checks as object })),
    });
  } finally {
    await from.$disconnect();
    await source.drop();
  }
}
let db: Db;
/** The cached figures as the migrations left them. */
let migrated: Awaited<ReturnType<typeof cached>>;
const centreId = "backfill-centre";

async function insertEnrolment(
  id: string,
  candidateId: string,
  unitVersionId: string,
  startDaysAgo: number,
  lengthDays: number,
  status = "ACTIVE",
) {
  const start = new Date(NOW - startDaysAgo * DAY);
  const end = new Date(start.getTime() + lengthDays * DAY);
  // The Enrolment columns before the progress migrations.
  await db.$executeRaw`INSERT INTO "Enrolment" ("id", "centreId", "candidateId", "unitVersionId", "startDate", "plannedEndDate", "status", "createdAt", "updatedAt")
    VALUES (${id}, ${centreId}, ${candidateId}, ${unitVersionId}, ${start}, ${end}, ${status}, ${start}, ${start})`;
}

async function insertDecision(
  id: string,
  enrolmentId: string,
  criterionId: string,
  signedAt: Date,
  outcome: "MET" | "NOT_YET_MET",
  current = true,
) {
  // The Decision columns before the progress migrations (no centreId).
  await db.$executeRaw`INSERT INTO "Decision" ("id", "enrolmentId", "criterionId", "outcome", "signedById", "signedAt", "evidenceSnapshot", "signatureHash", "currentSlot", "revokedAt")
    VALUES (${id}, ${enrolmentId}, ${criterionId}, ${outcome}, ${"backfill-assessor"}, ${signedAt}, ${"[]"}, ${`hash-${id}`}, ${current ? "current" : null}, ${current ? null : signedAt})`;
}

beforeAll(async () => {
  database = await createEmptyDatabase();
  const all = readMigrations(provider);
  const cut = all.findIndex((m) => m.name.endsWith(BEFORE_FIRST_BACKFILL));
  expect(cut).toBeGreaterThan(0);
  await migrate(database.url, () => {}, all.slice(0, cut));
  db = createDb(database.url);

  // The standards tables are not changed by the later migrations, so their rows can be written
  // with the app's client; but the importer itself now also writes tables of later migrations
  // (the search index, the audit chain), so the units are imported into a fully migrated
  // database and copied across.
  await copyStandards(db);
  await db.centre.create({ data: { id: centreId, name: "Backfill", slug: "backfill" } });
  const people: Array<[string, string]> = [
    ["backfill-assessor", "Asha Assessor"],
    ["backfill-cand-1", "Cand One"],
    ["backfill-cand-2", "Cand Two"],
  ];
  // Users and memberships with the columns of before the membership-lifecycle migration too.
  const passwordOf: Record<string, string | null> = {
    "backfill-assessor": "hash",
    "backfill-cand-1": null,
    "backfill-cand-2": "hash",
  };
  const deactivatedOf: Record<string, Date | null> = { "backfill-cand-2": new Date(NOW - DAY) };
  for (const [id, name] of people) {
    const at = new Date(NOW - 500 * DAY);
    await db.$executeRaw`INSERT INTO "User" ("id", "email", "name", "passwordHash", "deactivatedAt", "createdAt", "updatedAt")
      VALUES (${id}, ${`${id}@backfill.example`}, ${name}, ${passwordOf[id] ?? null}, ${deactivatedOf[id] ?? null}, ${at}, ${at})`;
    await db.$executeRaw`INSERT INTO "Membership" ("id", "userId", "centreId", "role", "createdAt")
      VALUES (${`m-${id}`}, ${id}, ${centreId}, ${id === "backfill-assessor" ? "ASSESSOR" : "CANDIDATE"}, ${at})`;
  }
  const versions = await db.unitVersion.findMany({
    include: { unit: true, criteria: { orderBy: { position: "asc" } } },
  });
  const cs34 = versions.find((v) => v.unit.code === "CS34");
  const cu782 = versions.find((v) => v.unit.code === "CU782");
  if (!cs34 || !cu782) throw new Error("units not imported");

  await insertEnrolment("enr-active", "backfill-cand-1", cs34.id, 100, 300);
  await insertEnrolment("enr-behind", "backfill-cand-1", cu782.id, 250, 300);
  await insertEnrolment("enr-future", "backfill-cand-2", cs34.id, -20, 200);
  await insertEnrolment("enr-done", "backfill-cand-2", cu782.id, 400, 300, "COMPLETED");
  await insertEnrolment("enr-odd", "backfill-cand-2", cs34.id, 10, 0); // ends on its start date

  const at = (daysAgo: number, minutes = 0) => new Date(NOW - daysAgo * DAY + minutes * 60_000);
  // Met, not yet met, revoked; two in one quarter hour; some on the other enrolment.
  const c = cs34.criteria;
  const u = cu782.criteria;
  await insertDecision("d1", "enr-active", c[0]!.id, at(50), "MET");
  await insertDecision("d2", "enr-active", c[1]!.id, at(40, 1), "MET");
  await insertDecision("d3", "enr-active", c[2]!.id, at(40, 7), "MET");
  await insertDecision("d4", "enr-active", c[3]!.id, at(30), "NOT_YET_MET");
  await insertDecision("d5", "enr-active", c[4]!.id, at(20), "MET", false);
  await insertDecision("d6", "enr-behind", u[0]!.id, at(200), "MET");
  for (let i = 0; i < u.length; i++) await insertDecision(`d-done-${i}`, "enr-done", u[i]!.id, at(150 - i), "MET");

  // Evidence and mappings: the latest mapping change is "last activity". The evidence row has
  // the columns of before the revisions migration (no version), so it is written as SQL.
  const evidence = { id: "backfill-evidence-1" };
  await db.$executeRaw`INSERT INTO "Evidence" ("id", "centreId", "candidateId", "title", "method", "activityDate", "description", "createdAt", "updatedAt")
    VALUES (${evidence.id}, ${centreId}, ${"backfill-cand-1"}, ${"Shift log"}, ${"Workplace document"}, ${at(60)}, ${"Log"}, ${at(60)}, ${at(60)})`;
  const reviewed = await db.mapping.create({
    data: {
      evidenceId: evidence.id,
      criterionId: c[5]!.id,
      enrolmentId: "enr-active",
      updatedAt: at(5),
      createdAt: at(6),
    },
  });
  // A review, with the MappingReview columns of before (no evidence, criterion or enrolment of its own).
  await db.$executeRaw`INSERT INTO "MappingReview" ("id", "mappingId", "round", "status", "feedback", "rangeItemIds", "reviewerId", "at")
    VALUES (${"review-1"}, ${reviewed.id}, ${1}, ${"REJECTED"}, ${"Say more."}, ${"[]"}, ${"backfill-assessor"}, ${at(5)})`;
  await db.mapping.create({
    data: {
      evidenceId: evidence.id,
      criterionId: c[0]!.id,
      enrolmentId: "enr-future",
      updatedAt: at(1),
      createdAt: at(1),
    },
  });

  await migrate(database.url);
  migrated = await cached();
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function cached() {
  const enrolments = await db.enrolment.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      startDate: true,
      plannedEndDate: true,
      startMs: true,
      endMs: true,
      metCount: true,
      lastActivityAt: true,
      greenUntilMs: true,
      amberUntilMs: true,
    },
  });
  const decisions = await db.decision.findMany({ orderBy: { id: "asc" }, select: { id: true, centreId: true } });
  const tally = await db.metTally.findMany({
    orderBy: { slot: "asc" },
    select: { centreId: true, slot: true, count: true },
  });
  return { enrolments, decisions, tally };
}

describe(`membership lifecycle migration on a database in use (${provider})`, () => {
  it("makes the roles of people who never set a password wait for acceptance, and turns a centre's deactivation into ended memberships", async () => {
    const rows = await db.membership.findMany({
      orderBy: { userId: "asc" },
      select: { userId: true, awaitingAcceptance: true, endedAt: true },
    });
    expect(rows).toEqual([
      { userId: "backfill-assessor", awaitingAcceptance: false, endedAt: null },
      { userId: "backfill-cand-1", awaitingAcceptance: true, endedAt: null },
      { userId: "backfill-cand-2", awaitingAcceptance: false, endedAt: new Date(NOW - DAY) },
    ]);
    const users = await db.user.findMany({
      where: { id: { startsWith: "backfill-" } },
      select: { deactivatedAt: true, sessionVersion: true },
    });
    expect(users.every((u) => u.deactivatedAt === null && u.sessionVersion === 0)).toBe(true);
  });
});

describe(`progress migrations on a database in use (${provider})`, () => {
  it("fill every cached figure exactly as the app's recount does", async () => {
    expect(migrated.enrolments).toHaveLength(5);
    expect(migrated.tally.length).toBeGreaterThan(0);

    await refreshCentreCounters(db, centreId);
    await db.metTally.deleteMany({});
    await refreshCentreMetTally(db, provider, centreId);
    expect(await cached()).toEqual(migrated);
  });

  it("fill the figures the rows say, not just self-consistent ones", async () => {
    const { enrolments, decisions, tally } = migrated;
    const byId = new Map(enrolments.map((e) => [e.id, e]));
    const active = byId.get("enr-active");
    expect(active?.metCount).toBe(3); // two of the four decisions are not standing MET
    expect(active?.lastActivityAt?.getTime()).toBe(NOW - 5 * DAY); // the mapping, after the last decision
    expect(byId.get("enr-future")?.metCount).toBe(0);
    expect(byId.get("enr-future")?.lastActivityAt?.getTime()).toBe(NOW - DAY);
    for (const e of enrolments) {
      expect(e.startMs, e.id).toBe(BigInt(e.startDate.getTime()));
      expect(e.endMs, e.id).toBe(BigInt(e.plannedEndDate.getTime()));
    }
    const cs34Total = await db.criterion.count({ where: { unitVersion: { unit: { code: "CS34" } } } });
    expect(active && { greenUntilMs: active.greenUntilMs, amberUntilMs: active.amberUntilMs }).toEqual(
      ragDeadlines({ startMs: active!.startMs, endMs: active!.endMs, met: 3, total: cs34Total }),
    );
    expect(new Set(decisions.map((d) => d.centreId))).toEqual(new Set([centreId]));
    // A review keeps what it reviewed, copied from its mapping.
    const review = await db.mappingReview.findUniqueOrThrow({ where: { id: "review-1" }, include: { mapping: true } });
    expect([review.evidenceId, review.criterionId, review.enrolmentId]).toEqual([
      review.mapping?.evidenceId,
      review.mapping?.criterionId,
      "enr-active",
    ]);
    // d2 and d3 fall in one quarter hour; the revoked and the not-yet-met do not count.
    const standingMet = 3 + 1 + (await db.decision.count({ where: { enrolmentId: "enr-done" } }));
    expect(tally.reduce((sum, t) => sum + t.count, 0)).toBe(standingMet);
    expect(tally).toHaveLength(standingMet - 1);
  });
});
