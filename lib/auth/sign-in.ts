import type { Db } from "../db/client";
import { dummyPasswordHash, verifyPassword } from "./password";

export const maxFailedAttempts = 5;
export const throttleWindowMinutes = 15;

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string };

export const wrongCredentialsMessage = "That email and password do not match an active account. Check them and try again.";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Minutes until the account may try a password again, or null when it may now: after 5 wrong
 * passwords within 15 minutes, at sign-in or when signing a decision (both record failures
 * here), the account waits until the oldest of those 5 is 15 minutes old.
 */
export async function lockedOutMinutes(db: Pick<Db, "signInAttempt">, email: string, now = new Date()): Promise<number | null> {
  const windowStart = new Date(now.getTime() - throttleWindowMinutes * 60_000);
  const recentFailures = await db.signInAttempt.findMany({
    where: { email, succeeded: false, at: { gt: windowStart } },
    orderBy: { at: "asc" },
    select: { at: true },
  });
  if (recentFailures.length < maxFailedAttempts) return null;
  const oldest = recentFailures[recentFailures.length - maxFailedAttempts]?.at ?? now;
  return Math.max(1, Math.ceil((oldest.getTime() + throttleWindowMinutes * 60_000 - now.getTime()) / 60_000));
}

/**
 * Checks an email and password. After 5 failures for an address within 15 minutes, further
 * attempts wait. Unknown addresses, wrong passwords and deactivated accounts get the same
 * message and take the same time, so the form does not reveal who has an account.
 */
export async function signInWithPassword(db: Db, rawEmail: string, password: string, now = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const minutes = await lockedOutMinutes(db, email, now);
  if (minutes !== null) {
    await dummyPasswordHash().then((h) => verifyPassword(h, password));
    return { ok: false, message: `Too many failed attempts for this email. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or ask your centre admin to reset your password.` };
  }

  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deactivatedAt: true } });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const ok = Boolean(user && user.passwordHash && matches && !user.deactivatedAt);

  await db.$transaction([
    db.signInAttempt.create({ data: { email, succeeded: ok, at: now } }),
    db.auditEvent.create({
      data: {
        actorId: user?.id ?? null,
        action: ok ? "auth.signIn" : "auth.signInFailed",
        entityType: "User",
        entityId: user?.id ?? null,
        after: ok ? undefined : { email, reason: !user ? "unknown email" : user.deactivatedAt ? "deactivated" : "wrong password" },
        at: now,
      },
    }),
  ]);
  return ok && user ? { ok: true, userId: user.id } : { ok: false, message: wrongCredentialsMessage };
}
