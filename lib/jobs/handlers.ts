import type { Db } from "../db/client";
import type { SmtpMailer } from "../mail/smtp-mailer";
import { deliverOutboxMessage } from "../mail/deliver-job";
import { pruneSucceeded } from "./queue";
import type { JobHandlers } from "./worker";

/** How long a succeeded job is kept (for the admin view's "recent"), in days. */
export const KEEP_SUCCEEDED_DAYS = 14;

export type HandlerDeps = {
  /** The SMTP mailer when SMTP_URL is set; null: mail stays in the outbox. */
  smtp: SmtpMailer | null;
  /**
   * The abandoned-upload sweep the server also runs at start (instrumentation-node.ts): the
   * storage provider's pending marks and the resumable uploads staged in UPLOAD_STAGING_DIR, on
   * the worker's client. It throws on failure, so the job is retried.
   */
  sweepUploads: (db: Db) => Promise<unknown>;
  /** Notification emails (lib/notify/email.ts); left out, those jobs are not run here. */
  notifications?: Pick<JobHandlers, "notify.email" | "notify.digest">;
};

/** What each job does (their payloads: lib/jobs/definitions.ts). */
export function jobHandlers(deps: HandlerDeps): JobHandlers {
  return {
    "mail.deliver": ({ outboxMessageId }, { db }) => deliverOutboxMessage(deps.smtp, db, outboxMessageId),
    "uploads.sweep": async (_, { db }) => {
      await deps.sweepUploads(db);
    },
    "jobs.prune": async (_, { db, now }) => {
      await pruneSucceeded(db, new Date(now.getTime() - KEEP_SUCCEEDED_DAYS * 24 * 60 * 60 * 1000));
    },
    ...deps.notifications,
  };
}
