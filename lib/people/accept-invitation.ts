import type { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import { hashPassword, newPasswordSchema } from "../auth/password";
import type { Db } from "../db/client";
import { AppError, fieldErrorsOf, InputError } from "../errors";
import { findInvitation, invitationMessages, type InvitationLookup } from "./find-invitation";

export type AcceptInvitationInput = { token: string; password: string; confirmPassword: string };

type Found = Extract<InvitationLookup, { ok: true }>;

/**
 * Uses the link once and gives the person this centre's waiting roles, and no other centre's
 * (docs/decisions/0009-membership-lifecycle.md). Re-checked inside the transaction: of two
 * simultaneous uses of one link, only one wins.
 */
async function claim(tx: Prisma.TransactionClient, found: Found, now: Date, how: "password" | "signedIn") {
  const claimed = await tx.invitation.updateMany({
    where: { id: found.invitationId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) throw new AppError(invitationMessages.used);
  // Other links this centre sent the same person are spent too; other centres' links are theirs.
  await tx.invitation.updateMany({
    where: { userId: found.userId, centreId: found.centreId, usedAt: null },
    data: { usedAt: now },
  });
  await tx.membership.updateMany({
    where: { userId: found.userId, centreId: found.centreId, awaitingAcceptance: true },
    data: { awaitingAcceptance: false, invitedName: null },
  });
  await recordAudit(tx, {
    actorId: found.userId,
    centreId: found.centreId,
    action: "invitation.accept",
    entityType: "User",
    entityId: found.userId,
    after: { invitationId: found.invitationId, how },
  });
}

/**
 * A new account's first password, from a valid link. Never for an account that already has a
 * password: the link may have been passed on by an admin, and setting the password would hand
 * them the account with every other centre's roles. That person signs in and accepts instead.
 */
export async function acceptInvitation(
  db: Db,
  input: AcceptInvitationInput,
  now: Date = new Date(),
): Promise<{ email: string }> {
  const found = await findInvitation(db, input.token, now);
  if (!found.ok) throw new AppError(found.message);
  if (!found.needsPassword) throw new AppError(invitationMessages.signInToAccept);

  const parsed = newPasswordSchema(found.email).safeParse({
    password: input.password,
    confirmPassword: input.confirmPassword,
  });
  if (!parsed.success)
    throw new InputError(
      "Your password was not set. Check the messages beside the fields.",
      fieldErrorsOf(parsed.error),
    );

  // Hashing is deliberately slow: do it before the transaction, not inside it.
  const passwordHash = await hashPassword(parsed.data.password);

  await db.$transaction(async (tx) => {
    // Only while the account still has no password: someone else may have set one meanwhile.
    const set = await tx.user.updateMany({
      where: { id: found.userId, passwordHash: null, deactivatedAt: null },
      data: { passwordHash },
    });
    if (set.count !== 1) throw new AppError(invitationMessages.signInToAccept);
    await claim(tx, found, now, "password");
  });
  return { email: found.email };
}

/** Accepts the invitation for the account signed in now, which must be the one it was sent to. */
export async function acceptInvitationSignedIn(
  db: Db,
  signedInUserId: string,
  token: string,
  now: Date = new Date(),
): Promise<{ centreName: string }> {
  const found = await findInvitation(db, token, now);
  if (!found.ok) throw new AppError(found.message);
  if (found.userId !== signedInUserId) throw new AppError(invitationMessages.otherAccount);
  await db.$transaction((tx) => claim(tx, found, now, "signedIn"));
  return { centreName: found.centreName };
}
