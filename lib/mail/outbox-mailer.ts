import { enqueueDelivery } from "./deliver-job";
import { outboxRow, type MailMessage, type Mailer, type OutboxClient } from "./mailer";

/**
 * "Sends" by writing an OutboxMessage row. Given the transaction client of a change, the
 * message exists exactly when the change does, and so does its `mail.deliver` job, which sends it
 * on when SMTP is configured (lib/mail/deliver-job.ts); an admin reads it at /admin/outbox.
 */
export class OutboxMailer implements Mailer {
  constructor(private readonly client: OutboxClient) {}

  async send(msg: MailMessage): Promise<void> {
    await this.queue(msg);
  }

  /** Like send, and says which row it wrote. */
  async queue(msg: MailMessage): Promise<{ id: string }> {
    const row = await this.client.outboxMessage.create({
      data: outboxRow(msg),
      select: { id: true },
    });
    await enqueueDelivery(this.client, row.id);
    return row;
  }
}
