import { createDb } from "../db/client";
import { env } from "../env";
import { SmtpMailer } from "../mail/smtp-mailer";
import { emailNotification, sendDigests } from "../notify/email";
import { log } from "../ops/log";
import { jobHandlers, type HandlerDeps } from "./handlers";
import { dailySchedules } from "./schedules";
import { JobWorker } from "./worker";

// This server process's job worker: started by instrumentation-node.ts unless JOBS_WORKER=off,
// kept on globalThis because Next loads this module once per bundle (the server actions that
// wake it are in another). docs/decisions/0024-durable-jobs.md.

const key = Symbol.for("competence-portfolio.jobWorker");
const holder = globalThis as { [key]?: JobWorker };

/** NEXTAUTH_SECRET signs the unsubscribe links; development and tests without one use a fixed secret. */
export function emailLinkSecret(): string {
  return env.NEXTAUTH_SECRET ?? "development-only-secret-for-unsubscribe-links";
}

/** The app's public address for links in emails a job writes (there is no request to read it from). */
export function jobBaseUrl(): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}

/**
 * Starts the worker (once per process). `sweepUploads`: the boot-time sweep (staged resumable
 * uploads included), run daily too on the worker's client; it must throw when it fails.
 */
export function startJobWorker(deps: Pick<HandlerDeps, "sweepUploads">): JobWorker | null {
  if (env.JOBS_WORKER === "off") {
    log.info({}, "JOBS_WORKER=off: this server runs no background jobs");
    return null;
  }
  if (holder[key]) return holder[key];
  // A client of its own, so jobs never wait for the requests' connections (and lib/db is server-only).
  const db = createDb(env.DATABASE_URL);
  const smtp = env.SMTP_URL ? new SmtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM, client: db }) : null;
  const links = () => ({ baseUrl: jobBaseUrl(), secret: emailLinkSecret() });
  const worker = new JobWorker({
    db,
    log,
    schedules: dailySchedules,
    handlers: jobHandlers({
      smtp,
      sweepUploads: deps.sweepUploads,
      notifications: {
        "notify.email": ({ notificationId }, { now }) => emailNotification(db, notificationId, links(), now),
        "notify.digest": async (_, { now }) => {
          // Without SMTP nobody would receive a digest: the outbox is for admins.
          if (smtp) await sendDigests(db, links(), now);
        },
      },
    }),
  });
  worker.start();
  holder[key] = worker;
  log.info({ workerId: worker.workerId }, "background job worker started");
  return worker;
}

/** Has this process's worker look at the queue now (after a change enqueued mail, say). */
export function wakeJobWorker(): void {
  holder[key]?.wake();
}
