import type { Db } from "../db/client";
import { enqueue, type EnqueueClient } from "../jobs/queue";
import type { SmtpMailer } from "./smtp-mailer";

/** The message's delivery job, one per message (its key names the message). */
export function enqueueDelivery(client: EnqueueClient, outboxMessageId: string): Promise<{ id: string }> {
  return enqueue(client, "mail.deliver", { outboxMessageId }, { singletonKey: `mail.deliver:${outboxMessageId}` });
}

/**
 * The `mail.deliver` job: sends one outbox message through SMTP. Without SMTP_URL (smtp null)
 * there is nothing to do: the message stays in the outbox, where admins read it. A message
 * already sent is skipped, so running the job twice sends once; a refused send throws, and the
 * job is retried with backoff.
 */
export async function deliverOutboxMessage(
  smtp: SmtpMailer | null,
  db: Pick<Db, "outboxMessage">,
  outboxMessageId: string,
): Promise<void> {
  if (!smtp) return;
  await smtp.deliverOne(db, outboxMessageId);
}
