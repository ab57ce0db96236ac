import crypto from "node:crypto";
import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import { providerOfClient } from "../db/provider";
import { backoffMs, defaultBackoff, type BackoffPolicy } from "./backoff";
import { jobDefinitions, type JobName, type JobPayload } from "./definitions";

// The queue: one table (Job) on both databases, in the same migrations and backups as the rest.
// docs/decisions/0024-durable-jobs.md says why this and not pg-boss, and how claiming works.

/** The client enqueue needs: the database client or the transaction client of a change. */
export type EnqueueClient = Pick<Db, "$queryRaw">;
type QueueClient = Pick<Db, "$queryRaw" | "$executeRaw">;

export type EnqueueOptions = {
  /** At most one job with this key is ever made; enqueueing it again does nothing. */
  singletonKey?: string;
  /** Not before this time (default: now). */
  runAfter?: Date;
  /** Attempts before it is left `failed` (default: the job's own, lib/jobs/definitions.ts). */
  maxAttempts?: number;
  now?: Date;
};

/**
 * Adds a job. Given the transaction client of a change, the job exists exactly when the change
 * does. With a singletonKey that exists already it adds nothing (INSERT ... ON CONFLICT DO
 * NOTHING, which neither fails nor aborts the caller's transaction) and returns that job's id.
 */
export async function enqueue<N extends JobName>(
  client: EnqueueClient,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<{ id: string; created: boolean }> {
  const definition = jobDefinitions[name];
  const checked = definition.schema.parse(payload);
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? definition.maxAttempts;
  const inserted = await client.$queryRaw<{ id: string }[]>`
    INSERT INTO "Job" ("id", "name", "payload", "singletonKey", "status", "attempts", "maxAttempts", "runAfter", "createdAt", "updatedAt")
    VALUES (${crypto.randomUUID()}, ${name}, ${JSON.stringify(checked)}, ${options.singletonKey ?? null}, 'queued', 0,
            ${maxAttempts}, ${options.runAfter ?? now}, ${now}, ${now})
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const existing = await client.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Job" WHERE "singletonKey" = ${options.singletonKey ?? null}`;
  if (!existing[0]) throw new Error(`job ${name} was neither added nor found (singletonKey ${options.singletonKey})`);
  return { id: existing[0].id, created: false };
}

/** A job a worker holds: it runs it, then completes or fails it while its lease lasts. */
export type ClaimedJob = { id: string; name: string; payload: string; attempts: number; maxAttempts: number };

export type ClaimOptions = {
  workerId: string;
  names: ReadonlyArray<string>;
  batch: number;
  leaseMs: number;
  now: Date;
};

const claimedColumns = Prisma.sql`"id", "name", "payload", "attempts", "maxAttempts"`;

/**
 * Takes up to `batch` due jobs for this worker: queued ones whose time has come, and running
 * ones whose worker's lease ran out (it died, or hangs) that have attempts left. Each claim
 * counts an attempt and holds the job until now + leaseMs. A job is never held by two workers.
 */
export async function claim(db: QueueClient, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (options.names.length === 0 || options.batch < 1) return [];
  await failAbandonedLastAttempts(db, options.now);
  const rows =
    providerOfClient(db) === "postgresql" ? await claimSkipLocked(db, options) : await claimGuarded(db, options);
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts) }));
}

function due(options: ClaimOptions): Prisma.Sql {
  return Prisma.sql`"name" IN (${Prisma.join([...options.names])}) AND (
    ("status" = 'queued' AND "runAfter" <= ${options.now})
    OR ("status" = 'running' AND "lockedUntil" < ${options.now} AND "attempts" < "maxAttempts"))`;
}

function lease(options: ClaimOptions): Prisma.Sql {
  return Prisma.sql`"status" = 'running', "lockedBy" = ${options.workerId},
    "lockedUntil" = ${new Date(options.now.getTime() + options.leaseMs)}, "attempts" = "attempts" + 1, "updatedAt" = ${options.now}`;
}

/** PostgreSQL: rows another worker is claiming are skipped, not waited for. */
function claimSkipLocked(db: QueueClient, options: ClaimOptions): Promise<ClaimedJob[]> {
  return db.$queryRaw<ClaimedJob[]>`
    WITH "next" AS (
      SELECT "id" FROM "Job" WHERE ${due(options)}
      ORDER BY "runAfter", "id" LIMIT ${options.batch}
      FOR UPDATE SKIP LOCKED)
    UPDATE "Job" SET ${lease(options)}
    FROM "next" WHERE "Job"."id" = "next"."id"
    RETURNING "Job"."id", "Job"."name", "Job"."payload", "Job"."attempts", "Job"."maxAttempts"`;
}

/**
 * SQLite (one writer at a time): read the due jobs, then take each with an update guarded by
 * what was read (its status and attempts). Another worker that took it first changed both, so
 * the guard matches nothing and this worker moves on.
 */
async function claimGuarded(db: QueueClient, options: ClaimOptions): Promise<ClaimedJob[]> {
  const candidates = await db.$queryRaw<{ id: string; status: string; attempts: number | bigint }[]>`
    SELECT "id", "status", "attempts" FROM "Job" WHERE ${due(options)}
    ORDER BY "runAfter", "id" LIMIT ${options.batch}`;
  const claimed: ClaimedJob[] = [];
  for (const candidate of candidates) {
    const [row] = await db.$queryRaw<ClaimedJob[]>`
      UPDATE "Job" SET ${lease(options)}
      WHERE "id" = ${candidate.id} AND "status" = ${candidate.status} AND "attempts" = ${Number(candidate.attempts)}
      AND ${due(options)}
      RETURNING ${claimedColumns}`;
    if (row) claimed.push(row);
  }
  return claimed;
}

/** A job whose worker died during its last attempt is not run again: it fails, for an admin to see. */
async function failAbandonedLastAttempts(db: QueueClient, now: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "Job" SET "status" = 'failed', "lockedBy" = NULL, "lockedUntil" = NULL, "finishedAt" = ${now}, "updatedAt" = ${now},
      "lastError" = ${"The worker running its last attempt stopped before it finished (its lease ran out)."}
    WHERE "status" = 'running' AND "lockedUntil" < ${now} AND "attempts" >= "maxAttempts"`;
}

/** Only the worker holding the job's current attempt may finish it. */
function held(job: ClaimedJob, workerId: string): Prisma.Sql {
  return Prisma.sql`"id" = ${job.id} AND "status" = 'running' AND "lockedBy" = ${workerId} AND "attempts" = ${job.attempts}`;
}

/** Marks the job done. False when this worker had lost it (its lease ran out and another took it). */
export async function complete(db: QueueClient, job: ClaimedJob, workerId: string, now = new Date()): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "Job" SET "status" = 'succeeded', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL,
      "finishedAt" = ${now}, "updatedAt" = ${now}
    WHERE ${held(job, workerId)}`;
  return changed === 1;
}

const MAX_ERROR_LENGTH = 4000;

export type FailOptions = { now?: Date; backoff?: BackoffPolicy; random?: () => number; permanent?: boolean };

/**
 * Records a failed attempt: the job waits its backoff and is queued again, or, after its last
 * attempt (or a permanent failure), stays `failed` with the error for a platform admin.
 */
export async function fail(
  db: QueueClient,
  job: ClaimedJob,
  workerId: string,
  error: string,
  options: FailOptions = {},
): Promise<"retrying" | "failed" | "lost"> {
  const now = options.now ?? new Date();
  const lastError = error.slice(0, MAX_ERROR_LENGTH);
  const final = options.permanent === true || job.attempts >= job.maxAttempts;
  const delay = backoffMs(job.attempts, options.backoff ?? defaultBackoff, options.random);
  const changed = final
    ? await db.$executeRaw`
        UPDATE "Job" SET "status" = 'failed', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${lastError},
          "finishedAt" = ${now}, "updatedAt" = ${now}
        WHERE ${held(job, workerId)}`
    : await db.$executeRaw`
        UPDATE "Job" SET "status" = 'queued', "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${lastError},
          "runAfter" = ${new Date(now.getTime() + delay)}, "updatedAt" = ${now}
        WHERE ${held(job, workerId)}`;
  if (changed !== 1) return "lost";
  return final ? "failed" : "retrying";
}

/**
 * Queues a failed job again with all its attempts (a platform admin's Retry; lib/jobs/admin.ts).
 * Its last error stays until the next attempt finishes. False when it is not failed (any more).
 */
export async function requeueFailed(db: Pick<Db, "$executeRaw">, jobId: string, now = new Date()): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "Job" SET "status" = 'queued', "attempts" = 0, "runAfter" = ${now}, "finishedAt" = NULL, "updatedAt" = ${now}
    WHERE "id" = ${jobId} AND "status" = 'failed'`;
  return changed === 1;
}

/** Deletes jobs that succeeded before `before` (failed ones stay until an admin has seen to them). */
export async function pruneSucceeded(db: Pick<Db, "job">, before: Date): Promise<number> {
  const { count } = await db.job.deleteMany({ where: { status: "succeeded", finishedAt: { lt: before } } });
  return count;
}
