import type { MailMessage, Mailer, OutboxClient } from "./mailer";

/**
 * "Sends" by writing an OutboxMessage row. Given the transaction client of a change, the
 * message exists exactly when the change does; an admin reads it at /admin/outbox, and
 * deliverPendingMail sends it on when SMTP is configured.
 */
export class OutboxMailer implements Mailer {
  constructor(private readonly client: OutboxClient) {}

  async send(msg: MailMessage): Promise<void> {
    await this.queue(msg);
  }

  /** Like send, and says which row it wrote. */
  async queue(msg: MailMessage): Promise<{ id: string }> {
    return this.client.outboxMessage.create({
      data: { centreId: msg.centreId ?? null, to: msg.to, subject: msg.subject, body: msg.text },
      select: { id: true },
    });
  }
}
