import type { Db } from "../db/client";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  /** The centre the message is about; admins of that centre see it in their outbox. */
  centreId?: string | null;
  /** Notification emails: where a one-click unsubscribe (RFC 8058) is POSTed (List-Unsubscribe). */
  unsubscribeUrl?: string | null;
};

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

/**
 * The database client, or the transaction client of the change the message belongs to
 * ($queryRaw: the message's delivery job is enqueued with it, lib/mail/deliver-job.ts).
 */
export type OutboxClient = Pick<Db, "outboxMessage" | "$queryRaw">;

/** The outbox row of a message (OutboxMailer queues it; SmtpMailer records it once sent). */
export function outboxRow(msg: MailMessage) {
  return {
    centreId: msg.centreId ?? null,
    to: msg.to,
    subject: msg.subject,
    body: msg.text,
    unsubscribeUrl: msg.unsubscribeUrl ?? null,
  };
}
