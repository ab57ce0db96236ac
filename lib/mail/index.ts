export type { MailMessage, Mailer, OutboxClient } from "./mailer";
export { OutboxMailer } from "./outbox-mailer";
export { SmtpMailer } from "./smtp-mailer";

// Sending: OutboxMailer writes the message and its mail.deliver job in the change's transaction;
// the job worker (lib/jobs) sends it through SMTP when SMTP_URL is set (lib/mail/deliver-job.ts).
