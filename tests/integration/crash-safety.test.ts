import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChains } from "@/lib/audit/verify";
import type { Db } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/provider";
import { refreshCentreCounters } from "@/lib/progress/enrolment-counters";
import { refreshCentreMetTally } from "@/lib/progress/met-tally";
import { sweepAbandonedUploadFiles } from "@/lib/evidence/sweep-abandoned-uploads";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { DRIVER_APPLICATION_NAME, IMPORT_ROWS, type DriverConfig } from "../helpers/crash/config";
import { DriverProcess, waitUntil } from "../helpers/crash/driver-process";
import { seedCrashFixture, type CrashFixture } from "../helpers/crash/fixture";
import { provider, useMigratedDb } from "../helpers/test-db";

// Issue 21, crash safety: a server killed with SIGKILL in the middle of an upload, a decision,
// a unit sign-off or a CSV import leaves nothing half-written. A child process (the driver,
// tests/helpers/crash/driver.ts) runs those operations in turn through the app's own functions;
// the test kills it at chosen moments (mid-stream, or while the database shows one of its write
// transactions open), "restarts" (what the server does at boot), and checks that every table
// agrees with itself and with the files in storage. Docs: docs/decisions/0014-crash-safety.md.

const state = useMigratedDb();
let fixture: CrashFixture;
let storageDir: string;
let observer: pg.Client | undefined;
let runs = 0;

beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-crash-"));
  fixture = await seedCrashFixture(state.db, provider, 10);
  if (provider === "postgresql") {
    observer = new pg.Client({ connectionString: state.url });
    await observer.connect();
  }
});

afterAll(async () => {
  await observer?.end();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

function startDriver(): DriverProcess {
  const run = ++runs;
  const config: DriverConfig = {
    ...fixture,
    run,
    databaseUrl: provider === "postgresql" ? `${state.url}?application_name=${applicationName(run)}` : state.url,
    storageDir,
  };
  return new DriverProcess(config);
}

/** Each driver's own, as the next one is already connected while this one works. */
function applicationName(run: number): string {
  return `${DRIVER_APPLICATION_NAME}-${run}`;
}

/**
 * Whether the driver is inside a database transaction that has written something (and not
 * committed): on PostgreSQL a connection of its with a transaction id; on SQLite (rollback
 * journal mode) the journal file, which exists from a transaction's first write to its commit.
 */
async function driverWriting(driver: DriverProcess): Promise<boolean> {
  if (!observer) return fs.existsSync(`${sqliteFilePath(state.url)}-journal`);
  const { rows } = await observer.query(
    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND backend_xid IS NOT NULL",
    [applicationName(driver.run)],
  );
  return rows.length > 0;
}

/**
 * What the server's start does for these tables and files. PostgreSQL rolls back the killed
 * process's transactions once it notices its connections closed: wait for that, as a restarted
 * server would find them gone. SQLite rolls back a hot journal when the next connection reads.
 * Then the boot sweep of uploads (instrumentation-node.ts), with no age limit: the driver is
 * dead, so nothing of its is still streaming.
 */
async function restart(killed: DriverProcess): Promise<void> {
  const client = observer;
  if (client) {
    const gone = async () =>
      (
        await client.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
          [applicationName(killed.run)],
        )
      ).rows.length === 0;
    await waitUntil(gone, () => "PostgreSQL still shows the killed driver's connections");
  }
  await sweepAbandonedUploadFiles(state.db, new LocalDiskStorage(storageDir), 0);
}

/** Every stored object (by key) and every file left under tmp/. */
function storageContents(): { objects: string[]; temporary: string[] } {
  const objects: string[] = [];
  const temporary: string[] = [];
  for (const entry of fs.readdirSync(storageDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (path.basename(entry.parentPath) === "tmp") temporary.push(entry.name);
    else objects.push(entry.name);
  }
  return { objects: objects.sort(), temporary };
}

function sha256Of(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function auditedIds(action: string): Promise<string[]> {
  const events = await state.db.auditEvent.findMany({ where: { action }, select: { entityId: true } });
  return events.map((e) => e.entityId ?? "(no entity)").sort();
}

async function expectUploadsWholeOrAbsent(): Promise<void> {
  const rows = await state.db.evidenceFile.findMany({
    where: { evidenceId: fixture.uploadEvidenceId },
    select: { id: true, storageKey: true, size: true, sha256: true },
  });
  const { objects, temporary } = storageContents();
  // No row without its file, no file without its row, nothing left half-written in tmp/.
  expect(objects).toEqual(rows.map((r) => r.storageKey).sort());
  expect(temporary).toEqual([]);
  const store = new LocalDiskStorage(storageDir);
  for (const row of rows) {
    expect(fs.statSync(store.pathOf(row.storageKey)).size).toBe(Number(row.size));
    expect(sha256Of(store.pathOf(row.storageKey))).toBe(row.sha256);
  }
  expect(await auditedIds("evidence.addFile")).toEqual(rows.map((r) => r.id).sort());
}

async function expectDecisionsWholeOrAbsent(): Promise<void> {
  const decisions = await state.db.decision.findMany({
    where: { enrolmentId: fixture.decideEnrolmentId },
    select: { id: true },
  });
  expect(await auditedIds("decision.sign")).toEqual(decisions.map((d) => d.id).sort());
  expect(await state.db.notification.count({ where: { userId: fixture.candidateId, kind: "decision.made" } })).toBe(
    decisions.length,
  );
}

async function expectSignOffsWholeOrAbsent(): Promise<void> {
  const pool = { in: fixture.signOffEnrolmentIds };
  const signOffs = await state.db.unitSignOff.findMany({
    where: { enrolmentId: pool },
    select: { id: true, enrolmentId: true },
  });
  const completed = await state.db.enrolment.findMany({
    where: { id: pool, status: "COMPLETED" },
    select: { id: true },
  });
  expect(completed.map((e) => e.id).sort()).toEqual(signOffs.map((s) => s.enrolmentId).sort());
  expect(await auditedIds("unit.signOff")).toEqual(signOffs.map((s) => s.id).sort());
  expect(await state.db.notification.count({ where: { kind: "unit.signedOff" } })).toBe(signOffs.length);
}

/** Each import is one transaction (lib/people/import-candidates-csv.ts): all its people, or none. */
async function expectImportsWholeOrAbsent(): Promise<void> {
  const people = await state.db.user.findMany({
    where: { email: { endsWith: "@import.example" } },
    select: {
      email: true,
      memberships: { where: { centreId: fixture.centreId, role: "CANDIDATE" }, select: { id: true } },
      _count: { select: { invitations: true } },
    },
  });
  const perFile = new Map<string, number>();
  for (const person of people) {
    const file = person.email.split("-").slice(1, 3).join("-");
    perFile.set(file, (perFile.get(file) ?? 0) + 1);
    expect(person.memberships).toHaveLength(1);
    expect(person._count.invitations).toBe(1);
  }
  for (const count of perFile.values()) expect(count).toBe(IMPORT_ROWS);
  expect(await state.db.outboxMessage.count({ where: { to: { endsWith: "@import.example" } } })).toBe(people.length);
  expect(await state.db.auditEvent.count({ where: { action: "person.importCandidate" } })).toBe(people.length);
  expect(await state.db.auditEvent.count({ where: { action: "people.importCandidates" } })).toBe(perFile.size);
}

class RolledBack extends Error {}

/**
 * The enrolments' stored figures and the centre's met tally next to the same figures recounted
 * from the rows by the app's own recount (ADR 0007), which is then rolled back: nothing here
 * repairs what it checks.
 */
async function storedAndRecounted() {
  const read = (db: Pick<Db, "enrolment" | "metTally">) =>
    Promise.all([
      db.enrolment.findMany({
        where: { centreId: fixture.centreId },
        select: { id: true, metCount: true, lastActivityAt: true, greenUntilMs: true, amberUntilMs: true },
        orderBy: { id: "asc" },
      }),
      db.metTally.findMany({
        where: { centreId: fixture.centreId, count: { gt: 0 } },
        select: { slot: true, count: true },
        orderBy: { slot: "asc" },
      }),
    ]);
  let figures: { stored: unknown; recounted: unknown } | undefined;
  await state.db
    .$transaction(async (tx) => {
      const stored = await read(tx);
      await refreshCentreCounters(tx, fixture.centreId);
      await refreshCentreMetTally(tx, provider, fixture.centreId);
      figures = { stored, recounted: await read(tx) };
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  if (!figures) throw new Error("the recount did not run");
  return figures;
}

async function expectConsistent(): Promise<void> {
  await expectUploadsWholeOrAbsent();
  await expectDecisionsWholeOrAbsent();
  await expectSignOffsWholeOrAbsent();
  await expectImportsWholeOrAbsent();
  const { stored, recounted } = await storedAndRecounted();
  expect(stored).toEqual(recounted);
  const audit = await verifyAuditChains(state.db);
  expect(audit.problems).toEqual([]);
  expect(audit.ok).toBe(true);
}

type Moment = {
  when: string;
  reached: (driver: DriverProcess) => Promise<void>;
  /** What the kill must have left for the restart to deal with, checked before it. */
  leftBehind?: () => void;
};

/** Inside a write transaction of `operation` (the driver's last line names it), in its `turn`-th turn or later. */
const writing =
  (operation: string, turn = 0) =>
  async (driver: DriverProcess) =>
    driver.until(
      async () =>
        driver.count(`${operation}:done`) >= turn &&
        driver.currentOperation() === operation &&
        (await driverWriting(driver)),
    );

const moments: Moment[] = [
  {
    when: "an upload is half sent",
    reached: (driver) => driver.until(() => driver.count("upload:sent") >= 2),
    leftBehind: () => expect(storageContents().temporary).toHaveLength(1),
  },
  { when: "an upload's file is stored and its row is being written", reached: writing("upload") },
  { when: "a criterion decision is being signed", reached: writing("decide") },
  { when: "a unit sign-off is being signed", reached: writing("signOff") },
  { when: "a CSV import of candidates is being written", reached: writing("import") },
  { when: "an upload's row is being written, in the second turn", reached: writing("upload", 1) },
  { when: "it has worked for 600 ms", reached: () => new Promise((resolve) => setTimeout(resolve, 600)) },
];

/** Drivers started ahead: each takes seconds to start, so the next ones start while one works. */
const ahead: DriverProcess[] = [];

describe("a server killed with SIGKILL leaves nothing half-written", () => {
  beforeAll(() => {
    ahead.push(startDriver(), startDriver());
  });

  afterAll(async () => {
    await Promise.all(ahead.splice(0).map((driver) => driver.kill()));
  });

  it("starts consistent", async () => {
    await expectConsistent();
  });

  moments.forEach((moment, index) => {
    it(`after a kill while ${moment.when}`, { timeout: 120_000 }, async () => {
      const driver = ahead.shift() ?? startDriver();
      if (index + ahead.length + 1 < moments.length) ahead.push(startDriver());
      try {
        await driver.go();
        await moment.reached(driver);
      } finally {
        await driver.kill();
      }
      expect((await driver.kill()).signal).toBe("SIGKILL");
      moment.leftBehind?.();

      await restart(driver);
      await expectConsistent();
    });
  });
});
