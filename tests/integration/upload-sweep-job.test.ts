import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobHandlers } from "@/lib/jobs/worker";
import type { ClaimedJob } from "@/lib/jobs/queue";
import { useMigratedDb } from "../helpers/test-db";

// The daily uploads.sweep job runs the same sweep as the server's start (instrumentation-node.ts):
// it must take resumable uploads abandoned in UPLOAD_STAGING_DIR too, not only the storage's
// partial uploads, or a server that runs for weeks keeps every abandoned upload's bytes and the
// allowance it reserved. Run as the worker runs it: the handler, with the worker's client.

const state = useMigratedDb();
const day = 24 * 60 * 60 * 1000;
const savedEnv = { ...process.env };
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-sweep-job-store-"));
const stagingDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cp-sweep-job-")), "staging");

let handlers: JobHandlers;
let evidenceId: string;
let candidateId: string;
let centreId: string;

beforeAll(async () => {
  // lib/env is read once, when first imported: only now, with the test database made.
  Object.assign(process.env, {
    DATABASE_URL: state.url,
    STORAGE_DRIVER: "disk",
    STORAGE_DIR: storageDir,
    UPLOAD_STAGING_DIR: stagingDir,
  });
  const { sweepAbandonedUploads } = await import("../../instrumentation-node");
  const { jobHandlers } = await import("@/lib/jobs/handlers");
  // As lib/jobs/runtime.ts wires it, from what instrumentation.ts gives it.
  handlers = jobHandlers({ smtp: null, sweepUploads: sweepAbandonedUploads });

  const centre = await state.db.centre.create({ data: { slug: "sweep", name: "Sweep Centre" } });
  const candidate = await state.db.user.create({ data: { email: "sweep@example.org", name: "Sam Sweep" } });
  const evidence = await state.db.evidence.create({
    data: {
      centreId: centre.id,
      candidateId: candidate.id,
      title: "Stock count",
      method: "product",
      activityDate: new Date("2026-03-01"),
      description: "Count sheets",
    },
  });
  ({ id: evidenceId } = evidence);
  centreId = centre.id;
  candidateId = candidate.id;
});

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
  fs.rmSync(storageDir, { recursive: true, force: true });
  fs.rmSync(path.dirname(stagingDir), { recursive: true, force: true });
});

beforeEach(async () => {
  await state.db.uploadSession.deleteMany();
  fs.rmSync(stagingDir, { recursive: true, force: true });
  fs.mkdirSync(stagingDir, { recursive: true });
});

/** Staged bytes and tus's JSON beside them, as @tus/file-store leaves them, last written `ageMs` ago. */
function stage(id: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  const files: [string, string][] = [
    [path.join(stagingDir, id), "%PDF-1.4 half of it"],
    [path.join(stagingDir, `${id}.json`), JSON.stringify({ id, size: 2000, offset: 19 })],
  ];
  for (const [file, content] of files) {
    fs.writeFileSync(file, content);
    fs.utimesSync(file, when, when);
  }
}

async function session(id: string, touchedAgoMs: number): Promise<void> {
  await state.db.uploadSession.create({
    data: {
      id,
      centreId,
      candidateId,
      evidenceId,
      ownerId: candidateId,
      fileName: "stock.pdf",
      length: BigInt(2000),
      touchedAt: new Date(Date.now() - touchedAgoMs),
    },
  });
}

function runSweepJob(): Promise<void> {
  const now = new Date();
  const job = { id: "job-1", name: "uploads.sweep", attempts: 1 } as unknown as ClaimedJob;
  const sweep = handlers["uploads.sweep"];
  if (!sweep) throw new Error("no uploads.sweep handler");
  return sweep({ day: now.toISOString().slice(0, 10) }, { db: state.db, job, now });
}

const ids = { abandoned: "a".repeat(32), orphan: "b".repeat(32), active: "c".repeat(32) };

describe("the daily uploads.sweep job", () => {
  it("removes resumable uploads abandoned for a day (session and staged files) and staged files left without a session, and keeps one in progress", async () => {
    await session(ids.abandoned, 2 * day);
    stage(ids.abandoned, 2 * day);
    stage(ids.orphan, 2 * day);
    await session(ids.active, 60_000);
    stage(ids.active, 60_000);

    await runSweepJob();

    expect(fs.readdirSync(stagingDir).sort()).toEqual([ids.active, `${ids.active}.json`]);
    expect((await state.db.uploadSession.findMany({ select: { id: true } })).map((s) => s.id)).toEqual([ids.active]);
  });

  it("fails when the staging directory cannot be swept, so the job is retried and shown failed rather than passing unseen", async () => {
    await session(ids.abandoned, 2 * day);
    stage(ids.abandoned, 2 * day);
    // Not a directory any more: reading it fails.
    fs.rmSync(stagingDir, { recursive: true, force: true });
    fs.writeFileSync(stagingDir, "not a directory");
    try {
      await expect(runSweepJob()).rejects.toThrow(/ENOTDIR/);
    } finally {
      fs.rmSync(stagingDir, { force: true });
    }
  });
});
