import { z } from "zod";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError, parseInput } from "../errors";
import { jobStatuses, type JobStatus } from "./definitions";
import { requeueFailed } from "./queue";

// The platform admin's view of the queue (/platform/jobs): failed jobs with their errors, the
// recent ones, and Retry. docs/decisions/0024-durable-jobs.md.

export const JOBS_PAGE_SIZE = 25;

export const jobListFilter = z.object({
  status: z.enum(jobStatuses, { error: `must be one of ${jobStatuses.join(", ")}` }).default("failed"),
  page: z.coerce.number().int().min(1).catch(1),
});
/** Straight from the query string: checked here. */
export type JobListFilter = { status?: unknown; page?: unknown };

export type JobRow = {
  id: string;
  name: string;
  payload: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export type JobList = {
  jobs: JobRow[];
  status: JobStatus;
  page: number;
  pageCount: number;
  total: number;
  counts: Record<JobStatus, number>;
};

/** One page of jobs in a status, newest change first, with how many are in each status. */
export async function listJobs(db: Pick<Db, "job">, actor: Actor, raw: JobListFilter): Promise<JobList> {
  authorize(actor, "job.list", { kind: "job" });
  const { status, page: requested } = parseInput(jobListFilter, raw);
  const grouped = await db.job.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(jobStatuses.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const group of grouped) if (group.status in counts) counts[group.status as JobStatus] = group._count._all;
  const total = counts[status];
  const pageCount = Math.max(1, Math.ceil(total / JOBS_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  const jobs = await db.job.findMany({
    where: { status },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * JOBS_PAGE_SIZE,
    take: JOBS_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      payload: true,
      status: true,
      attempts: true,
      maxAttempts: true,
      runAfter: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
      finishedAt: true,
    },
  });
  return { jobs: jobs as JobRow[], status, page, pageCount, total, counts };
}

const retryInput = z.object({ jobId: z.string().min(1, "Say which job to retry.").max(100) });

/** Queues a failed job again with all its attempts; recorded in the platform's audit log. */
export async function retryJob(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<{ name: string }> {
  authorize(actor, "job.retry", { kind: "job" });
  const { jobId } = parseInput(retryInput, raw);
  return db.$transaction(async (tx) => {
    const job = await tx.job.findUnique({
      where: { id: jobId },
      select: { name: true, status: true, lastError: true },
    });
    if (!job) throw new NotFoundError("There is no such job. It may have been removed; reload the page.");
    if (!(await requeueFailed(tx, jobId, now)))
      throw new ConflictError(`That job is ${job.status}, not failed, so there is nothing to retry. Reload the page.`);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: null,
      action: "job.retry",
      entityType: "Job",
      entityId: jobId,
      before: { status: job.status, lastError: job.lastError },
      after: { status: "queued" },
      at: now,
    });
    return { name: job.name };
  });
}
