import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";

// The SMTP transport with time limits, for the mailer and npm run doctor. Nothing here reads
// lib/env: the doctor must run (and report) with a configuration that lib/env would refuse.

export type SmtpTimeouts = { connectMs: number; greetingMs: number; socketMs: number };

/**
 * nodemailer waits 2 minutes to connect and 10 minutes on a silent socket: a mail server that
 * hangs would hold a job worker (and every job behind it) that long. A failed send is retried by
 * the mail.deliver job with backoff, so failing sooner loses nothing.
 */
export const smtpTimeouts: SmtpTimeouts = { connectMs: 10_000, greetingMs: 10_000, socketMs: 60_000 };

/**
 * A nodemailer transport for SMTP_URL with time limits. The URL is parsed here because nodemailer
 * ignores every other option given beside a `url` (and a second argument is message defaults,
 * not transport options); settings in the URL's query (?greetingTimeout=30000) still win.
 */
export function createSmtpTransport(url: string, timeouts: SmtpTimeouts = smtpTimeouts) {
  return nodemailer.createTransport({
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    ...parseConnectionUrl(url),
  });
}
