import "server-only";
import { db } from "../db";
import { env } from "../env";
import { SmtpMailer } from "./smtp-mailer";

export type { MailMessage, Mailer, OutboxClient } from "./mailer";
export { OutboxMailer } from "./outbox-mailer";
export { SmtpMailer } from "./smtp-mailer";

let smtp: SmtpMailer | undefined;

/** The SMTP mailer when SMTP_URL is set; null (the default) when mail only goes to the outbox. */
export function smtpMailer(): SmtpMailer | null {
  if (!env.SMTP_URL) return null;
  smtp ??= new SmtpMailer({ url: env.SMTP_URL, from: env.MAIL_FROM, client: db });
  return smtp;
}

/**
 * Server actions call this after their transaction commits, with the outbox rows the change
 * wrote. Sending happens outside the transaction so a slow mail server never holds the
 * database, and a rolled-back change never sends mail. Without SMTP_URL it does nothing.
 */
export async function deliverQueuedMail(ids: ReadonlyArray<string>): Promise<void> {
  const mailer = smtpMailer();
  if (!mailer || ids.length === 0) return;
  await mailer.deliverQueued(db, ids);
}
