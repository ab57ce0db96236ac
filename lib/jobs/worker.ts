import crypto from "node:crypto";
import os from "node:os";
import type { Db } from "../db/client";
import type { BackoffPolicy } from "./backoff";
import { isJobName, jobDefinitions, type JobName, type JobPayload } from "./definitions";
import { claim, complete, fail, type ClaimedJob } from "./queue";
import { enqueueDue, type Schedule } from "./schedules";

/** What a handler gets besides its payload. */
export type JobContext = { db: Db; job: ClaimedJob; now: Date };

/** The handlers a worker runs, by job name; a worker claims only jobs it has a handler for. */
export type JobHandlers = { [N in JobName]?: (payload: JobPayload<N>, context: JobContext) => Promise<void> };

/** A failure another attempt cannot fix (a malformed payload, say): the job fails at once. */
export class PermanentJobError extends Error {}

export type JobLog = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};

export type WorkerOptions = {
  db: Db;
  handlers: JobHandlers;
  log: JobLog;
  /** Recurring jobs this worker enqueues when their period comes (lib/jobs/schedules.ts). */
  schedules?: ReadonlyArray<Schedule>;
  workerId?: string;
  /** How long to wait after finding nothing to do. */
  pollMs?: number;
  batch?: number;
  /** How long a claimed job is held: a job still running after this may be taken by another worker. */
  leaseMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  clock?: () => Date;
};

/** Why a job failed, for the admin view: the error's message (a stack trace would only say "here"). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Polls the queue and runs what it claims, a batch at a time, each job of a batch at once (the
 * lease counts from the claim). Its timer is unref'd, so it never keeps a process alive, and
 * stop() waits for the batch in hand to finish.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly names: string[];
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> | undefined;
  private stopped = true;
  private busy = false;
  private wakeAgain = false;

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
    this.names = Object.keys(options.handlers).filter(isJobName);
  }

  private get now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the jobs in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current?.catch(() => undefined);
  }

  /**
   * Looks at the queue now instead of at the next poll (a change just enqueued mail). While a
   * batch is running, the next look comes straight after it.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.wakeAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick();
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let claimed = 0;
    this.busy = true;
    this.wakeAgain = false;
    try {
      if (this.options.schedules) await enqueueDue(this.options.db, this.options.schedules, this.now);
      claimed = await this.runOnce();
    } catch (error) {
      this.options.log.error({ err: error, workerId: this.workerId }, "job worker could not poll the queue");
    }
    this.busy = false;
    // A full batch suggests more is waiting: look again at once.
    const more = this.wakeAgain || claimed >= (this.options.batch ?? 5);
    this.schedule(more ? 0 : (this.options.pollMs ?? 2000));
  }

  /** Claims one batch and runs it; says how many jobs it claimed. */
  async runOnce(): Promise<number> {
    const jobs = await claim(this.options.db, {
      workerId: this.workerId,
      names: this.names,
      batch: this.options.batch ?? 5,
      leaseMs: this.options.leaseMs ?? 15 * 60 * 1000,
      now: this.now,
    });
    await Promise.all(jobs.map((job) => this.run(job)));
    return jobs.length;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const { db, log } = this.options;
    try {
      await this.handle(job);
      const done = await complete(db, job, this.workerId, this.now);
      if (done) log.info({ jobId: job.id, job: job.name, attempt: job.attempts }, "job done");
      else log.warn({ jobId: job.id, job: job.name }, "job finished after its lease ran out; another worker has it");
    } catch (error) {
      const outcome = await fail(db, job, this.workerId, describe(error), {
        now: this.now,
        backoff: this.options.backoff,
        random: this.options.random,
        permanent: error instanceof PermanentJobError,
      });
      const fields = { jobId: job.id, job: job.name, attempt: job.attempts, reason: describe(error) };
      if (outcome === "failed") log.error(fields, "job failed and will not be retried; a platform admin can retry it");
      else
        log.warn(
          fields,
          outcome === "retrying" ? "job failed; it will be retried" : "job failed after its lease ran out",
        );
    }
  }

  private async handle(job: ClaimedJob): Promise<void> {
    if (!isJobName(job.name)) throw new PermanentJobError(`No handler for job "${job.name}".`);
    const handler = this.options.handlers[job.name] as
      ((payload: unknown, context: JobContext) => Promise<void>) | undefined;
    if (!handler) throw new PermanentJobError(`No handler for job "${job.name}".`);
    let payload: unknown;
    try {
      payload = jobDefinitions[job.name].schema.parse(JSON.parse(job.payload));
    } catch (error) {
      throw new PermanentJobError(`The job's payload is not valid for ${job.name}: ${describe(error)}`);
    }
    await handler(payload, { db: this.options.db, job, now: this.now });
  }
}
