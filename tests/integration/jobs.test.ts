import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { createDb, type Db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { listJobs, retryJob } from "@/lib/jobs/admin";
import { backoffMs } from "@/lib/jobs/backoff";
import { claim, complete, enqueue } from "@/lib/jobs/queue";
import { enqueueDue, dailySchedules } from "@/lib/jobs/schedules";
import { JobWorker, type JobHandlers, type JobLog } from "@/lib/jobs/worker";
import { deliverOutboxMessage } from "@/lib/mail/deliver-job";
import { OutboxMailer } from "@/lib/mail/outbox-mailer";
import { SmtpMailer } from "@/lib/mail/smtp-mailer";
import { useMigratedDb } from "../helpers/test-db";

// The durable job queue (lib/jobs; docs/decisions/0024-durable-jobs.md) on the real database of
// this run: several workers on separate clients, as separate server processes would be.

const state = useMigratedDb();
const quiet: JobLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const t0 = new Date("2026-12-12T09:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const backoff = { baseMs: 60_000, maxMs: 3_600_000 };
const noJitter = () => 1;

let second: Db;
beforeAll(() => {
  second = createDb(state.url);
});
afterAll(async () => {
  await second?.$disconnect();
});

function worker(db: Db, handlers: JobHandlers, clock: () => Date = () => t0, id = "worker-a"): JobWorker {
  return new JobWorker({ db, handlers, log: quiet, workerId: id, clock, backoff, random: noJitter, batch: 4 });
}

beforeEach(async () => {
  await state.db.job.deleteMany();
});

async function jobOf(key: string) {
  return state.db.job.findUniqueOrThrow({ where: { singletonKey: key } });
}

const platformAdmin: Actor = { userId: "platform-admin", isPlatformAdmin: true, memberships: [] };
const centreAdmin: Actor = {
  userId: "centre-admin",
  isPlatformAdmin: false,
  memberships: [{ centreId: "c", role: "CENTRE_ADMIN" }],
};

describe("running jobs", () => {
  it("runs each job exactly once while two workers on separate clients poll the same queue", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `once-${i}`);
    for (const key of keys)
      await enqueue(state.db, "mail.deliver", { outboxMessageId: key }, { singletonKey: key, now: t0 });
    const runs: string[] = [];
    const handlers: JobHandlers = {
      "mail.deliver": async ({ outboxMessageId }) => {
        runs.push(outboxMessageId);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    };
    const drain = async (w: JobWorker) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all([
      drain(worker(state.db, handlers, () => t0, "worker-a")),
      drain(worker(second, handlers, () => t0, "worker-b")),
    ]);
    expect(runs.sort()).toEqual([...keys].sort());
    const jobs = await state.db.job.findMany({ where: { singletonKey: { in: keys } } });
    expect(jobs.map((j) => [j.status, j.attempts])).toEqual(keys.map(() => ["succeeded", 1]));
  });

  it("retries a failed job after its backoff, and it succeeds on a later attempt", async () => {
    await enqueue(state.db, "mail.deliver", { outboxMessageId: "flaky" }, { singletonKey: "flaky", now: t0 });
    let calls = 0;
    const handlers: JobHandlers = {
      "mail.deliver": async () => {
        if (++calls === 1) throw new Error("mail server said 421, try later");
      },
    };
    let now = t0;
    const w = worker(state.db, handlers, () => now);
    expect(await w.runOnce()).toBe(1);
    const waiting = await jobOf("flaky");
    expect(waiting).toMatchObject({ status: "queued", attempts: 1, lastError: "mail server said 421, try later" });
    expect(waiting.runAfter).toEqual(at(backoffMs(1, backoff, noJitter)));

    now = at(backoffMs(1, backoff, noJitter) - 1);
    expect(await w.runOnce()).toBe(0);
    now = waiting.runAfter;
    expect(await w.runOnce()).toBe(1);
    expect(await jobOf("flaky")).toMatchObject({ status: "succeeded", attempts: 2, lastError: null });
    expect(calls).toBe(2);
  });

  it("leaves a job failed with its error after maxAttempts; a platform admin's retry runs it again", async () => {
    await enqueue(
      state.db,
      "mail.deliver",
      { outboxMessageId: "doomed" },
      { singletonKey: "doomed", maxAttempts: 3, now: t0 },
    );
    let broken = true;
    let calls = 0;
    const handlers: JobHandlers = {
      "mail.deliver": async () => {
        calls++;
        if (broken) throw new Error("550 mailbox unavailable");
      },
    };
    let now = t0;
    const w = worker(state.db, handlers, () => now);
    // Each pass comes after the longest backoff (an hour here).
    for (let i = 0; i < 5; i++, now = at(i * 2 * 3_600_000)) await w.runOnce();
    const later = now;
    expect(calls).toBe(3);
    const failed = await jobOf("doomed");
    expect(failed).toMatchObject({ status: "failed", attempts: 3, lastError: "550 mailbox unavailable" });

    const listed = await listJobs(state.db, platformAdmin, { status: "failed" });
    expect(listed.jobs.map((j) => [j.id, j.lastError])).toContainEqual([failed.id, "550 mailbox unavailable"]);
    await expect(listJobs(state.db, centreAdmin, {})).rejects.toThrowError(ForbiddenError);
    await expect(retryJob(state.db, centreAdmin, { jobId: failed.id })).rejects.toThrowError(ForbiddenError);

    broken = false;
    await retryJob(state.db, platformAdmin, { jobId: failed.id }, later);
    expect(await jobOf("doomed")).toMatchObject({ status: "queued", attempts: 0 });
    expect(await w.runOnce()).toBe(1);
    expect(await jobOf("doomed")).toMatchObject({ status: "succeeded", attempts: 1, lastError: null });
    expect(calls).toBe(4);
    const audit = await state.db.auditEvent.findFirst({ where: { action: "job.retry", entityId: failed.id } });
    expect(audit?.actorId).toBe(platformAdmin.userId);
    // Only a failed job can be retried.
    await expect(retryJob(state.db, platformAdmin, { jobId: failed.id }, later)).rejects.toThrowError(/not failed/);
  });

  it("gives a running job whose worker stopped to another worker once its lease runs out", async () => {
    await enqueue(state.db, "mail.deliver", { outboxMessageId: "orphan" }, { singletonKey: "orphan", now: t0 });
    const options = { names: ["mail.deliver"], batch: 10, leaseMs: 60_000 };
    const [held] = await claim(state.db, { ...options, workerId: "died", now: t0 });
    expect(held).toMatchObject({ attempts: 1 });
    expect(await claim(second, { ...options, workerId: "alive", now: at(59_999) })).toEqual([]);
    const [reclaimed] = await claim(second, { ...options, workerId: "alive", now: at(60_001) });
    expect(reclaimed).toMatchObject({ id: held!.id, attempts: 2 });
    // The first worker comes back to life: its attempt no longer counts.
    expect(await complete(state.db, held!, "died", at(60_002))).toBe(false);
    expect(await complete(second, reclaimed!, "alive", at(60_003))).toBe(true);
    expect(await jobOf("orphan")).toMatchObject({ status: "succeeded", attempts: 2, lockedBy: null });
  });

  it("fails, without running it again, a job whose worker stopped during its last attempt", async () => {
    await enqueue(
      state.db,
      "mail.deliver",
      { outboxMessageId: "last" },
      { singletonKey: "last", maxAttempts: 1, now: t0 },
    );
    const options = { names: ["mail.deliver"], batch: 10, leaseMs: 60_000 };
    await claim(state.db, { ...options, workerId: "died", now: t0 });
    expect(await claim(second, { ...options, workerId: "alive", now: at(120_000) })).toEqual([]);
    expect(await jobOf("last")).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/lease ran out/),
    });
  });
});

describe("enqueueing", () => {
  it("makes one job for a singletonKey however often it is enqueued, from any client", async () => {
    const first = await enqueue(state.db, "uploads.sweep", { day: "2026-12-12" }, { singletonKey: "sweep-once" });
    const again = await enqueue(second, "uploads.sweep", { day: "2026-12-12" }, { singletonKey: "sweep-once" });
    const inTx = await state.db.$transaction((tx) =>
      enqueue(tx, "uploads.sweep", { day: "2026-12-12" }, { singletonKey: "sweep-once" }),
    );
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(inTx).toEqual({ id: first.id, created: false });
    expect(await state.db.job.count({ where: { singletonKey: "sweep-once" } })).toBe(1);
  });

  it("schedules each daily job once per day though two servers look many times", async () => {
    await state.db.job.deleteMany({ where: { name: { in: dailySchedules.map((s) => s.name) } } });
    for (let i = 0; i < 3; i++) {
      await enqueueDue(state.db, dailySchedules, at(i * 60_000));
      await enqueueDue(second, [...dailySchedules], at(i * 60_000));
    }
    const jobs = await state.db.job.findMany({ where: { name: { in: dailySchedules.map((s) => s.name) } } });
    expect(jobs.map((j) => j.singletonKey).sort()).toEqual([
      "jobs.prune:2026-12-12",
      "notify.digest:2026-12-12",
      "uploads.sweep:2026-12-12",
    ]);
    expect(jobs.find((j) => j.name === "uploads.sweep")?.runAfter).toEqual(new Date("2026-12-12T03:00:00.000Z"));
  });

  it("leaves no job when the transaction that enqueued it rolls back", async () => {
    await expect(
      state.db.$transaction(async (tx) => {
        await enqueue(tx, "mail.deliver", { outboxMessageId: "rolled-back" }, { singletonKey: "rolled-back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await state.db.job.count({ where: { singletonKey: "rolled-back" } })).toBe(0);
  });

  it("refuses a payload that does not match the job's schema", async () => {
    // @ts-expect-error: the wrong payload on purpose
    await expect(enqueue(state.db, "mail.deliver", { messageId: "x" })).rejects.toThrow(/outboxMessageId/);
  });
});

describe("mail.deliver", () => {
  it("is enqueued with its outbox message and sends it once even when run twice", async () => {
    const sent: string[] = [];
    const smtp = new SmtpMailer({
      url: "smtp://localhost:2525",
      from: "p@example.org",
      client: state.db,
      transport: { sendMail: async (mail) => void sent.push(mail.to) },
    });
    const message = await state.db.$transaction((tx) =>
      new OutboxMailer(tx).queue({ to: "once@example.org", subject: "Hello", text: "Hi" }),
    );
    const job = await jobOf(`mail.deliver:${message.id}`);
    expect(JSON.parse(job.payload)).toEqual({ outboxMessageId: message.id });

    const handlers: JobHandlers = {
      "mail.deliver": ({ outboxMessageId }, { db }) => deliverOutboxMessage(smtp, db, outboxMessageId),
    };
    await worker(state.db, handlers, () => new Date()).runOnce();
    await deliverOutboxMessage(smtp, second, message.id);
    expect(sent).toEqual(["once@example.org"]);
    expect(await jobOf(`mail.deliver:${message.id}`)).toMatchObject({ status: "succeeded" });
    expect((await state.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).sentAt).not.toBeNull();
  });

  it("puts a refused message back to unsent and retries the job", async () => {
    const smtp = new SmtpMailer({
      url: "smtp://localhost:2525",
      from: "p@example.org",
      client: state.db,
      transport: { sendMail: async () => Promise.reject(new Error("connection refused")) },
    });
    const message = await new OutboxMailer(state.db).queue({ to: "later@example.org", subject: "Hello", text: "Hi" });
    const handlers: JobHandlers = {
      "mail.deliver": ({ outboxMessageId }, { db }) => deliverOutboxMessage(smtp, db, outboxMessageId),
    };
    await worker(state.db, handlers, () => new Date()).runOnce();
    expect(await jobOf(`mail.deliver:${message.id}`)).toMatchObject({
      status: "queued",
      attempts: 1,
      lastError: "connection refused",
    });
    expect((await state.db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).sentAt).toBeNull();
  });
});
