import type { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, fieldErrorsOf, InputError } from "../errors";
import { OutboxMailer } from "../mail/outbox-mailer";
import { actingCentreId, type CentreActor } from "../people/acting-centre";
import { loadMemberOfCentre } from "../people/member-of-centre";
import { emailSchema } from "../people/schemas";
import { endSessions } from "./end-sessions";
import { hashLinkToken, linkTokenPattern, newLinkToken } from "./link-token";
import { hashPassword, newPasswordSchema } from "./password";

// Self-service password reset by a one-time link sent to the account's email (1 hour), and the
// same link sent at a centre admin's request. An admin never sets, sees or receives a password or
// a reset link: the account may belong to other centres too, so that would be a takeover path.
// The message is queued without a centre, so it never shows in any centre's outbox.

export const RESET_VALID_MINUTES = 60;
/** Links one account may be sent per hour, whoever asks: enough for a lost mail, not for flooding. */
export const RESETS_PER_HOUR = 3;
const minute = 60_000;

export const resetMessages = {
  requested:
    "If that email belongs to an account, we have sent it a link to choose a new password. It works once, for an hour. Check your inbox and spam folder.",
  invalid: "This password reset link is not valid or has already been used. Ask for a new one from the sign-in page.",
  expired: "This password reset link has expired (links last an hour). Ask for a new one from the sign-in page.",
} as const;

function resetMail(args: { to: string; link: string; byAdmin: boolean }) {
  return {
    to: args.to,
    centreId: null,
    subject: "Choose a new password",
    text: [
      args.byAdmin
        ? "Your centre admin has asked us to send you a link to choose a new password."
        : "Someone asked to reset the password of your account.",
      "",
      `Open this link within ${RESET_VALID_MINUTES} minutes to choose a new password. It works once, and signs you out everywhere else:`,
      args.link,
      "",
      "If you did not ask for this, you can ignore this message: your password stays as it is.",
    ].join("\n"),
  };
}

/** Writes a reset link and its message in the caller's transaction, unless the hourly limit is reached. */
async function issueReset(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string },
  options: { baseUrl: string; now: Date; createdById: string | null },
) {
  const recent = await tx.passwordReset.count({
    where: { userId: user.id, createdAt: { gt: new Date(options.now.getTime() - 60 * minute) } },
  });
  if (recent >= RESETS_PER_HOUR) return null;
  const { token, tokenHash } = newLinkToken();
  await tx.passwordReset.create({
    data: {
      tokenHash,
      userId: user.id,
      createdById: options.createdById,
      expiresAt: new Date(options.now.getTime() + RESET_VALID_MINUTES * minute),
      createdAt: options.now,
    },
  });
  const link = `${options.baseUrl.replace(/\/+$/, "")}/reset-password/${token}`;
  return new OutboxMailer(tx).queue(resetMail({ to: user.email, link, byAdmin: options.createdById !== null }));
}

/**
 * Someone asked for a reset link for this email. What they are told never depends on whether the
 * email has an account (resetMessages.requested either way). Returns the outbox rows to deliver.
 */
export async function requestPasswordReset(
  db: Db,
  rawEmail: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<{ outboxMessageIds: string[] }> {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success) throw new InputError("Enter the email address you sign in with.", fieldErrorsOf(parsed.error));
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: parsed.data },
      select: { id: true, email: true, deactivatedAt: true },
    });
    if (!user || user.deactivatedAt) return { outboxMessageIds: [] };
    const queued = await issueReset(tx, user, { baseUrl: options.baseUrl, now, createdById: null });
    return { outboxMessageIds: queued ? [queued.id] : [] };
  });
}

/** A centre admin sends one of their members a reset link, to the member's own email. */
export async function sendPasswordResetLink(
  db: Db,
  actor: CentreActor,
  input: { userId: string },
  options: { baseUrl: string; now?: Date },
): Promise<{ name: string; email: string; outboxMessageIds: string[] }> {
  const centreId = actingCentreId(actor, "user.sendPasswordReset");
  authorize(actor, "user.sendPasswordReset", { kind: "person", centreId, userId: input.userId });
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const person = await loadMemberOfCentre(tx, input.userId, centreId, "user.sendPasswordReset");
    if (person.status !== "active") {
      throw new AppError(
        person.status === "invited"
          ? `${person.name} has not accepted their invitation yet, so there is no password to reset. Send them a new invitation link instead.`
          : `${person.name} is deactivated at this centre. Reactivate them first.`,
      );
    }
    const queued = await issueReset(tx, person, { baseUrl: options.baseUrl, now, createdById: actor.userId });
    if (!queued)
      throw new AppError(
        `${person.name} has been sent ${RESETS_PER_HOUR} reset links in the last hour. Ask them to check their inbox and spam folder, or try again later.`,
      );
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "password.resetSent",
      entityType: "User",
      entityId: person.id,
    });
    return { name: person.name, email: person.email, outboxMessageIds: [queued.id] };
  });
}

export type ResetLookup = { ok: true; resetId: string; userId: string; email: string } | { ok: false; message: string };

export async function findPasswordReset(
  db: Pick<Db, "passwordReset">,
  token: string,
  now: Date = new Date(),
): Promise<ResetLookup> {
  if (!linkTokenPattern.test(token)) return { ok: false, message: resetMessages.invalid };
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      userId: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { email: true, deactivatedAt: true } },
    },
  });
  if (!reset || reset.usedAt || reset.user.deactivatedAt) return { ok: false, message: resetMessages.invalid };
  if (reset.expiresAt <= now) return { ok: false, message: resetMessages.expired };
  return { ok: true, resetId: reset.id, userId: reset.userId, email: reset.user.email };
}

/** Sets the new password from a valid link, once, and ends every session of the account. */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; confirmPassword: string },
  now: Date = new Date(),
): Promise<{ email: string }> {
  const found = await findPasswordReset(db, input.token, now);
  if (!found.ok) throw new AppError(found.message);
  const parsed = newPasswordSchema(found.email).safeParse(input);
  if (!parsed.success)
    throw new InputError(
      "Your password was not changed. Check the messages beside the fields.",
      fieldErrorsOf(parsed.error),
    );
  const passwordHash = await hashPassword(parsed.data.password);
  await db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: found.resetId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError(resetMessages.invalid);
    // Any other link sent to this account stops working too.
    await tx.passwordReset.updateMany({ where: { userId: found.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: found.userId }, data: { passwordHash } });
    await endSessions(tx, found.userId);
    await recordAudit(tx, {
      actorId: found.userId,
      centreId: null,
      action: "password.reset",
      entityType: "User",
      entityId: found.userId,
    });
  });
  return { email: found.email };
}

/**
 * A one-time link to choose the password of an account, returned rather than mailed: for the
 * first platform admin (npm run admin:create), whom the operator hands it to, when the app may
 * not have mail set up yet. It opens the same /reset-password page; `validMinutes` may be longer
 * than a reset's hour, since the operator has to pass it on first.
 */
export async function issueSetPasswordLink(
  db: Pick<Db, "passwordReset">,
  userId: string,
  options: { baseUrl: string; validMinutes: number; now?: Date },
): Promise<{ link: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + options.validMinutes * minute);
  await db.passwordReset.create({ data: { tokenHash, userId, createdById: null, expiresAt, createdAt: now } });
  return { link: `${options.baseUrl.replace(/\/+$/, "")}/reset-password/${token}`, expiresAt };
}
