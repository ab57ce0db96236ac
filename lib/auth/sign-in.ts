import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import { log } from "../ops/log";
import { normaliseClientAddress, unknownClientAddress } from "./client-address";
import { dummyPasswordHash, verifyPassword } from "./password";
import { signInWait, type SignInWait } from "./throttle";

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string };

export const wrongCredentialsMessage =
  "That email and password do not match an active account. Check them and try again.";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function waitMessage({ minutes, reason }: SignInWait): string {
  const wait = `Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again`;
  return reason === "network"
    ? `Too many failed sign-in attempts from your network. ${wait}.`
    : `Too many failed attempts for this email. ${wait}, or reset your password: choose "Forgotten your password?" on the sign-in page.`;
}

/**
 * Checks an email and password. Too many recent failures make further attempts wait: for this
 * email from this client address, for this email from anywhere, or from this address for any
 * email (the limits and why: lib/auth/throttle.ts). Unknown addresses, wrong passwords and
 * deactivated accounts get the same message and take the same time, and unknown emails are
 * throttled alike, so the form does not reveal who has an account. `clientAddress` is the
 * client's address when known (lib/auth/client-address.ts); without it the email's limit
 * applies to everyone whose address is unknown.
 */
export async function signInWithPassword(
  db: Db,
  rawEmail: string,
  password: string,
  { now = new Date(), clientAddress }: { now?: Date; clientAddress?: string | null } = {},
): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const from = normaliseClientAddress(clientAddress) ?? unknownClientAddress;
  const wait = await signInWait(db, email, from, now);
  if (wait) {
    await dummyPasswordHash().then((h) => verifyPassword(h, password));
    log.warn({ userId: "unknown", throttled: wait.reason }, "sign-in failed: too many recent failures");
    return { ok: false, message: waitMessage(wait) };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, deactivatedAt: true },
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const ok = Boolean(user && user.passwordHash && matches && !user.deactivatedAt);

  // An account belongs to no centre, so every attempt (an unknown email's too) is on the platform chain.
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email, clientAddress: from, succeeded: ok, at: now } });
    await recordAudit(tx, {
      actorId: user?.id ?? null,
      centreId: null,
      action: ok ? "auth.signIn" : "auth.signInFailed",
      entityType: "User",
      entityId: user?.id ?? null,
      after: ok
        ? undefined
        : { email, reason: !user ? "unknown email" : user.deactivatedAt ? "deactivated" : "wrong password" },
      at: now,
    });
  });
  // The log names the account by id only ("unknown" for an email without one), never the email.
  if (ok && user) log.info({ userId: user.id }, "signed in");
  else log.warn({ userId: user?.id ?? "unknown" }, "sign-in failed");
  return ok && user ? { ok: true, userId: user.id } : { ok: false, message: wrongCredentialsMessage };
}
