import { z } from "zod";

// The jobs there are, each with the schema its payload must match: checked when a job is
// enqueued (a caller's mistake fails its change) and again when it runs (a row edited by hand,
// or left by an older version, fails the job with the reason instead of running on bad input).
// What each one does is in lib/jobs/handlers.ts. docs/decisions/0024-durable-jobs.md.

const id = z.string().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, YYYY-MM-DD");

export const jobDefinitions = {
  /** Send one outbox message through SMTP (nothing to do without SMTP_URL). */
  "mail.deliver": { schema: z.object({ outboxMessageId: id }), maxAttempts: 8 },
  /** Email one notification to a person who chose "immediate". */
  "notify.email": { schema: z.object({ notificationId: id }), maxAttempts: 5 },
  /** The daily digest of unread notifications, to everyone who chose "daily". */
  "notify.digest": { schema: z.object({ day }), maxAttempts: 5 },
  /** Remove partial uploads a crash or restart left behind (lib/evidence/sweep-abandoned-uploads.ts). */
  "uploads.sweep": { schema: z.object({ day }), maxAttempts: 3 },
  /** Delete jobs that succeeded long ago. */
  "jobs.prune": { schema: z.object({ day }), maxAttempts: 3 },
} as const;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.output<(typeof jobDefinitions)[N]["schema"]>;

export const jobNames = Object.keys(jobDefinitions) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDefinitions, name);
}

export const jobStatuses = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];
