import type { Prisma } from "../../generated/sqlite/client";

type Tx = Pick<Prisma.TransactionClient, "user">;

/**
 * Ends every session of the account: each session token carries the account's session version
 * from sign-in, and the jwt callback (lib/auth/options.ts) refuses a token whose version is
 * older. Used on sign-out, password change or reset, and when an account is disabled.
 */
export async function endSessions(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Thrown by the jwt callback for a token that sign-out, a password change or disabling ended. */
export class EndedSessionError extends Error {
  constructor() {
    super("session ended: signed out, password changed or account disabled");
  }
}

/** The account's session version, or null if it cannot have sessions (gone or disabled). */
export async function liveSessionVersion(
  db: { user: Pick<Prisma.TransactionClient["user"], "findUnique"> },
  userId: string,
): Promise<number | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { sessionVersion: true, deactivatedAt: true },
  });
  return user && !user.deactivatedAt ? user.sessionVersion : null;
}

/**
 * The jwt callback's rule: at sign-in the token takes the account's session version; on every
 * later use it must still carry the current one, or the session has ended.
 */
export async function sessionToken<T extends { sub?: string; sv?: unknown }>(
  db: { user: Pick<Prisma.TransactionClient["user"], "findUnique"> },
  token: T,
  signedIn?: { id: string },
): Promise<T> {
  const userId = signedIn?.id ?? token.sub;
  const version = userId ? await liveSessionVersion(db, userId) : null;
  if (signedIn && version !== null) return { ...token, sub: signedIn.id, sv: version };
  if (version === null || token.sv !== version) throw new EndedSessionError();
  return token;
}
