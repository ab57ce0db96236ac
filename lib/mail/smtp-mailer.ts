import type { Db } from "../db/client";
import { log } from "../ops/log";
import { outboxRow, type MailMessage, type Mailer, type OutboxClient } from "./mailer";
import { createSmtpTransport, type SmtpTimeouts } from "./smtp-transport";

/** The one part of a nodemailer transport this uses; tests pass a fake. */
export type MailTransport = {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
};

/**
 * The headers that let a mail program unsubscribe with one click (RFC 8058): it POSTs
 * "List-Unsubscribe=One-Click" to the address, which needs no sign-in (app/api/unsubscribe).
 */
export function listUnsubscribeHeaders(unsubscribeUrl: string | null | undefined): Record<string, string> {
  if (!unsubscribeUrl) return {};
  return { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export type SmtpMailerOptions = {
  /** smtp://user:password@host:587 or smtps://...:465, as in SMTP_URL. */
  url: string;
  from: string;
  /** Where the copy of each sent message is recorded. */
  client: OutboxClient;
  transport?: MailTransport;
  /** How long to wait on the mail server; the defaults (lib/mail/smtp-transport.ts) suit a job worker. */
  timeouts?: SmtpTimeouts;
};

/**
 * Delivers through an SMTP server (used only when SMTP_URL is set) and keeps a copy in the
 * outbox with the time it was sent, so admins see the same list whichever mailer is in use.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: MailTransport;
  private readonly from: string;
  private readonly client: OutboxClient;

  constructor(options: SmtpMailerOptions) {
    this.transport = options.transport ?? createSmtpTransport(options.url, options.timeouts);
    this.from = options.from;
    this.client = options.client;
  }

  /** Sends now, then records the outbox row with sentAt. Throws if the server refuses it. */
  async send(msg: MailMessage): Promise<void> {
    const headers = listUnsubscribeHeaders(msg.unsubscribeUrl);
    await this.transport.sendMail({ from: this.from, to: msg.to, subject: msg.subject, text: msg.text, headers });
    const { id } = await this.client.outboxMessage.create({
      data: { ...outboxRow(msg), sentAt: new Date() },
      select: { id: true },
    });
    log.info({ outboxMessageId: id }, "mail sent");
  }

  /**
   * Delivers outbox rows that a change wrote in its transaction (OutboxMailer) and that are not
   * sent yet; a failure is logged and leaves its row unsent, where the admin still sees it.
   */
  async deliverQueued(
    db: Pick<Db, "outboxMessage">,
    ids: ReadonlyArray<string>,
  ): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        if (await this.deliverOne(db, id)) sent++;
      } catch (error) {
        failed++;
        // The recipient and the body stay out of the log: the outbox row has them.
        log.error(
          { outboxMessageId: id, reason: error instanceof Error ? error.message : String(error) },
          "mail not delivered; the message is back in the outbox, unsent",
        );
      }
    }
    return { sent, failed };
  }

  /**
   * Sends one outbox row unless it is sent already (false then). The row is claimed (sentAt set)
   * before sending, so two servers never send it twice; if the server refuses it, the row is put
   * back to unsent and the error thrown (the mail.deliver job then tries again later).
   */
  async deliverOne(db: Pick<Db, "outboxMessage">, id: string): Promise<boolean> {
    const message = await db.outboxMessage.findUnique({ where: { id } });
    if (!message || message.sentAt) return false;
    const claimed = await db.outboxMessage.updateMany({ where: { id, sentAt: null }, data: { sentAt: new Date() } });
    if (claimed.count !== 1) return false;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        headers: listUnsubscribeHeaders(message.unsubscribeUrl),
      });
    } catch (error) {
      await db.outboxMessage.update({ where: { id }, data: { sentAt: null } });
      throw error;
    }
    log.info({ outboxMessageId: id }, "mail sent");
    return true;
  }
}
