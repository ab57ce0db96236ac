import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { parseInput } from "../errors";
import { enqueue } from "../jobs/queue";
import { OutboxMailer } from "../mail/outbox-mailer";

// Emails about in-app notifications (docs/decisions/0024-durable-jobs.md). Each person chooses
// none, one email per notification ("immediate") or a daily digest ("daily", the default); every
// such email ends with a link that turns them off without signing in.

export const notificationEmailChoices = ["none", "immediate", "daily"] as const;
export type NotificationEmailChoice = (typeof notificationEmailChoices)[number];
export const notificationEmailSchema = z.enum(notificationEmailChoices, {
  error: "Choose one of: no emails, an email for each notification, or a daily digest.",
});

/** What the jobs need to write an email: the app's public address and the secret links are signed with. */
export type EmailLinks = { baseUrl: string; secret: string };

// ---- the unsubscribe link ----

function mac(userId: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`notification-email-unsubscribe:v1:${userId}`).digest("base64url");
}

/** A token naming the person, signed so that nobody can make one for someone else. */
export function unsubscribeToken(userId: string, secret: string): string {
  return `${userId}.${mac(userId, secret)}`;
}

/** The person a token names, or null when it was not made with this secret (edited, truncated, forged). */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0 || token.length > 300) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(userId, secret));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? userId : null;
}

/** `path` on the app's public address with the person's signed unsubscribe token. */
function withToken(path: string, userId: string, links: EmailLinks): string {
  return `${links.baseUrl}${path}?token=${encodeURIComponent(unsubscribeToken(userId, links.secret))}`;
}

/** The page the link in the email opens: a button, so a mail scanner opening links unsubscribes nobody. */
export function unsubscribeUrl(userId: string, links: EmailLinks): string {
  return withToken("/unsubscribe", userId, links);
}

/** Where a mail program POSTs a one-click unsubscribe (RFC 8058; the List-Unsubscribe header). */
export function oneClickUnsubscribeUrl(userId: string, links: EmailLinks): string {
  return withToken("/api/unsubscribe", userId, links);
}

/** Turns a token's person's notification emails off; false when the token is not genuine. */
export async function unsubscribe(db: Pick<Db, "user">, token: string, secret: string): Promise<boolean> {
  const userId = verifyUnsubscribeToken(token, secret);
  if (!userId) return false;
  await db.user.updateMany({ where: { id: userId }, data: { notificationEmail: "none" } });
  return true;
}

function footer(userId: string, links: EmailLinks, why: string): string {
  return [
    "",
    "--",
    `${why} Change this under Your account: ${links.baseUrl}/account`,
    `To stop these emails, open: ${unsubscribeUrl(userId, links)}`,
  ].join("\n");
}

// ---- immediate emails ----

type NotifyTx = Pick<Db, "user" | "$queryRaw">;

/** Called by notify() in the change's transaction: a notify.email job for each notification whose person chose "immediate". */
export async function enqueueImmediateEmails(
  tx: NotifyTx,
  notifications: ReadonlyArray<{ id: string; userId: string }>,
): Promise<void> {
  if (notifications.length === 0) return;
  const wanting = await tx.user.findMany({
    where: { id: { in: [...new Set(notifications.map((n) => n.userId))] }, notificationEmail: "immediate" },
    select: { id: true },
  });
  const ids = new Set(wanting.map((u) => u.id));
  for (const n of notifications.filter((n) => ids.has(n.userId))) {
    await enqueue(tx, "notify.email", { notificationId: n.id }, { singletonKey: `notify.email:${n.id}` });
  }
}

type EmailDb = Pick<Db, "$transaction">;

/**
 * The notify.email job: one notification by email, unless its person has since chosen otherwise
 * or it went out already (emailedAt, set in the same transaction as the outbox message).
 */
export async function emailNotification(db: EmailDb, notificationId: string, links: EmailLinks, now: Date) {
  await db.$transaction(async (tx) => {
    const n = await tx.notification.findUnique({ where: { id: notificationId } });
    if (!n || n.emailedAt) return;
    const user = await tx.user.findUnique({ where: { id: n.userId } });
    if (!user || user.deactivatedAt || user.notificationEmail !== "immediate") return;
    const taken = await tx.notification.updateMany({ where: { id: n.id, emailedAt: null }, data: { emailedAt: now } });
    if (taken.count !== 1) return;
    const lines = [n.body, ...(n.link ? ["", `Open it: ${links.baseUrl}${n.link}`] : [])];
    const why = "You get an email for each notification.";
    await new OutboxMailer(tx).queue({
      to: user.email,
      subject: n.title,
      text: [...lines, footer(user.id, links, why)].join("\n"),
      unsubscribeUrl: oneClickUnsubscribeUrl(user.id, links),
    });
  });
}

// ---- the daily digest ----

/** A digest looks back this far: switching to "daily" does not send months of old notifications. */
export const DIGEST_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;
const DIGEST_LISTED = 20;

/**
 * The notify.digest job: one email per person who chose "daily" with unread notifications not
 * emailed yet. Each person's digest is its own transaction, marking what it listed, so a digest
 * job run twice (or retried after failing half way) sends nobody two.
 */
export async function sendDigests(
  db: Pick<Db, "notification" | "user" | "$transaction">,
  links: EmailLinks,
  now: Date,
) {
  const pending = {
    emailedAt: null,
    readAt: null,
    createdAt: { lt: now, gte: new Date(now.getTime() - DIGEST_LOOKBACK_MS) },
  };
  const waiting = await db.notification.groupBy({ by: ["userId"], where: pending });
  const users = await db.user.findMany({
    where: { id: { in: waiting.map((w) => w.userId) }, notificationEmail: "daily", deactivatedAt: null },
    select: { id: true, email: true },
  });
  let sent = 0;
  for (const user of users) if (await sendDigest(db, user, pending, links, now)) sent++;
  return sent;
}

async function sendDigest(
  db: Pick<Db, "$transaction">,
  user: { id: string; email: string },
  pending: object,
  links: EmailLinks,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const items = await tx.notification.findMany({
      where: { ...pending, userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    if (items.length === 0) return false;
    const taken = await tx.notification.updateMany({
      where: { id: { in: items.map((n) => n.id) }, emailedAt: null },
      data: { emailedAt: now },
    });
    if (taken.count !== items.length) throw new Error("another digest took some of these notifications; trying again");
    const listed = items
      .slice(0, DIGEST_LISTED)
      .map((n) => `- ${n.title}${n.link ? ` (${links.baseUrl}${n.link})` : ""}`);
    const more = items.length > DIGEST_LISTED ? [`...and ${items.length - DIGEST_LISTED} more.`] : [];
    const text = [
      `You have ${items.length} unread notification${items.length === 1 ? "" : "s"}:`,
      "",
      ...listed,
      ...more,
      "",
      `Read them all: ${links.baseUrl}/notifications`,
      footer(user.id, links, "You get this digest once a day."),
    ].join("\n");
    const subject = items.length === 1 ? "1 new notification" : `${items.length} new notifications`;
    await new OutboxMailer(tx).queue({
      to: user.email,
      subject,
      text,
      unsubscribeUrl: oneClickUnsubscribeUrl(user.id, links),
    });
    return true;
  });
}

// ---- the person's own choice ----

const choiceInput = z.object({ notificationEmail: notificationEmailSchema });

/** Sets the signed-in person's own choice (only ever their own row: the id is the session's). */
export async function setNotificationEmail(
  db: Pick<Db, "user">,
  actor: { userId: string },
  raw: unknown,
): Promise<NotificationEmailChoice> {
  const { notificationEmail } = parseInput(choiceInput, raw);
  // Written only when it changes (a save without a change touches nothing, updatedAt included).
  await db.user.updateMany({
    where: { id: actor.userId, notificationEmail: { not: notificationEmail } },
    data: { notificationEmail },
  });
  return notificationEmail;
}
