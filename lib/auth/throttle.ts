import type { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import { unknownClientAddress } from "./client-address";

// How many wrong passwords are allowed, and from where. The figures follow the reasoning of
// OWASP's Authentication Cheat Sheet: locking an account after a few failures from anywhere
// lets anyone who knows an email lock its owner out (a denial of service), so the tight limit
// counts failures per email *and* client address. A looser ceiling per email from all addresses
// together still bounds a guessing attack spread across many addresses (a botnet), and a limit
// per address across all emails slows password spraying (one likely password tried against
// many accounts). Every limit only makes further attempts wait; the account is never disabled.
//
// Signing a decision asks for the password again; those failures are stored without a client
// address and belong to the account: enough of them lock signing, and sign-in from every address.

export const throttleWindowMinutes = 15;
/** Failures for one email from one address before that address waits. */
export const maxFailuresPerEmailFromAddress = 5;
/** Failures for one email from all addresses together before every address waits. */
export const maxFailuresPerEmail = 50;
/** Failures from one address across all emails before that address waits. */
export const maxFailuresPerAddress = 100;
/** Wrong signing passwords before the account waits, for signing and for sign-in. */
export const maxSigningFailures = 5;

export type SignInWait = { minutes: number; reason: "email" | "network" };

type Attempts = Pick<Db, "signInAttempt">;

/**
 * Minutes until fewer than `limit` failures matching `where` lie within the window (when the
 * oldest of the latest `limit` has aged out), or null when there are fewer now.
 */
async function minutesUntilBelow(
  db: Attempts,
  where: Prisma.SignInAttemptWhereInput,
  limit: number,
  now: Date,
): Promise<number | null> {
  const windowMs = throttleWindowMinutes * 60_000;
  const oldestCounted = await db.signInAttempt.findFirst({
    where: { ...where, succeeded: false, at: { gt: new Date(now.getTime() - windowMs), lte: now } },
    orderBy: { at: "desc" },
    skip: limit - 1,
    select: { at: true },
  });
  if (!oldestCounted) return null;
  return Math.max(1, Math.ceil((oldestCounted.at.getTime() + windowMs - now.getTime()) / 60_000));
}

/**
 * Whether a sign-in for `email` from `clientAddress` (a normalised address, or
 * `unknownClientAddress`) must wait, and why; the longest wait when several limits are reached.
 */
export async function signInWait(
  db: Attempts,
  email: string,
  clientAddress: string,
  now: Date,
): Promise<SignInWait | null> {
  const [fromThisAddress, fromAnywhere, acrossEmails] = await Promise.all([
    // This address's failures plus the account's signing failures, which count from everywhere.
    minutesUntilBelow(
      db,
      { email, OR: [{ clientAddress }, { clientAddress: null }] },
      maxFailuresPerEmailFromAddress,
      now,
    ),
    minutesUntilBelow(db, { email }, maxFailuresPerEmail, now),
    // Requests with no known address share one bucket: limiting it would stop everyone.
    clientAddress === unknownClientAddress
      ? null
      : minutesUntilBelow(db, { clientAddress }, maxFailuresPerAddress, now),
  ]);
  const waits = [
    { minutes: fromThisAddress, reason: "email" },
    { minutes: fromAnywhere, reason: "email" },
    { minutes: acrossEmails, reason: "network" },
  ] as const;
  let longest: SignInWait | null = null;
  for (const { minutes, reason } of waits)
    if (minutes !== null && minutes > (longest?.minutes ?? 0)) longest = { minutes, reason };
  return longest;
}

/** Minutes until the account may try a signing password again, or null when it may now. */
export function signingWaitMinutes(db: Attempts, email: string, now: Date): Promise<number | null> {
  return minutesUntilBelow(db, { email, clientAddress: null }, maxSigningFailures, now);
}

export function recordSigningFailure(db: Attempts, email: string, now: Date) {
  return db.signInAttempt.create({ data: { email, clientAddress: null, succeeded: false, at: now } });
}
