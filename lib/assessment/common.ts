import { verifyPassword } from "../auth/password";
import type { Db } from "../db/client";
import { loadEnrolmentResource, type IdentifiedEnrolmentResource } from "../enrolments/enrolment-resource";
import { AppError } from "../errors";
import { formatDateTime } from "../format/date";
import { recordSigningFailure, signingWaitMinutes } from "../auth/throttle";

// Small rules shared by the assessment operations.

export const wrongPasswordMessage = "Your password was not accepted; the decision was not signed.";
export const wrongPasswordSignOffMessage = "Your password was not accepted; the unit was not signed off.";
export const wrongPasswordRevokeMessage = "Your password was not accepted; nothing was revoked.";

export function enrolmentNotFound(): AppError {
  return new AppError("That enrolment was not found. It may have been removed; go back to your list of candidates.", "enrolment not found");
}

/** The facts the policy needs about an enrolment, or a not-found refusal. */
export async function requireEnrolmentResource(db: Pick<Db, "enrolment" | "eqaShare">, enrolmentId: string): Promise<IdentifiedEnrolmentResource> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource) throw enrolmentNotFound();
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
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, deactivatedAt: true } });
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

/**
 * A unique index refused the row. With the driver adapters both databases report Prisma's
 * P2002 with the model named in `meta.modelName` (SQLite names the columns, PostgreSQL the
 * index), so the model is what we compare.
 */
export function isUniqueViolationOn(error: unknown, modelName: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: unknown };
  if (code !== "P2002") return false;
  const model = typeof meta === "object" && meta !== null ? (meta as { modelName?: unknown }).modelName : undefined;
  return model === undefined || model === modelName;
}

/** Refuses assessment work on an enrolment that is completed or withdrawn, saying why. */
export function requireOpenForAssessment(status: string, whatYouTried: string): void {
  if (status === "WITHDRAWN") throw new AppError(`This enrolment has been withdrawn, so you cannot ${whatYouTried}. Its record is kept as it was.`);
  if (status === "COMPLETED") {
    throw new AppError(`This unit has been signed off, so you cannot ${whatYouTried}. To reopen it, revoke the unit sign-off with a reason first.`);
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
