import { verifyPassword } from "../auth/password";
import type { Db } from "../db/client";
import { loadEnrolmentResource, type IdentifiedEnrolmentResource } from "../enrolments/enrolment-resource";
import { AppError } from "../errors";
import { enrolmentNotFound } from "../enrolments/guards";
import { formatDateTime } from "../format/date";
import { recordSigningFailure, signingWaitMinutes } from "../auth/throttle";

// Small rules shared by the assessment operations.

export const wrongPasswordMessage = "Your password was not accepted; the decision was not signed.";
export const wrongPasswordSignOffMessage = "Your password was not accepted; the unit was not signed off.";
export const wrongPasswordRevokeMessage = "Your password was not accepted; nothing was revoked.";

/** The facts the policy needs about an enrolment, or a not-found refusal. */
export async function requireEnrolmentResource(
  db: Pick<Db, "enrolment" | "eqaShare">,
  enrolmentId: string,
): Promise<IdentifiedEnrolmentResource> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource) throw enrolmentNotFound("your list of candidates");
  return resource;
}

/**
 * The signer proves it is them by typing their password again (revoking a decision too: it
 * undoes a signature, so it is as weighty). Checked before the transaction
 * (argon2 is deliberately slow); a wrong password writes nothing but a failed attempt for the
 * account, which locks signing and sign-in from any address alike (lib/auth/throttle.ts), so the
 * signing form cannot be used to guess a password either.
 */
export async function requireSigningPassword(
  db: Pick<Db, "user" | "signInAttempt">,
  userId: string,
  password: string,
  refusal: string,
  now = new Date(),
  /** What a lockout did not do, in the refusal's words: signing and revoking share the rules. */
  notDone = "nothing was signed",
): Promise<void> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true, deactivatedAt: true },
  });
  if (!user) throw new AppError(refusal, "signing password not accepted: no such user");
  const minutes = await signingWaitMinutes(db, user.email, now);
  if (minutes !== null) {
    throw new AppError(
      `Too many wrong passwords for your account, so ${notDone}. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password: sign out and choose "Forgotten your password?" on the sign-in page.`,
      "signing refused: account locked out",
    );
  }
  const accepted = !!user.passwordHash && !user.deactivatedAt && (await verifyPassword(user.passwordHash, password));
  if (!accepted) {
    await recordSigningFailure(db, user.email, now);
    throw new AppError(refusal, "signing password not accepted");
  }
}

export async function nameOf(db: Pick<Db, "user">, userId: string | null): Promise<string> {
  if (!userId) return "someone";
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? "someone";
}

export function when(date: Date, timeZone: string): string {
  return formatDateTime(date, timeZone);
}

/** "1.2, 1.5 and 2.1". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
