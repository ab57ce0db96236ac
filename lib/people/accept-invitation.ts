import { z } from "zod";
import { recordAudit } from "../audit";
import { hashPassword, passwordSchema } from "../auth/password";
import type { Db } from "../db/client";
import { AppError, fieldErrorsOf } from "../errors";
import { InvalidInputError } from "./errors";
import { findInvitation, invitationMessages } from "./find-invitation";

export type AcceptInvitationInput = { token: string; password: string; confirmPassword: string };

function passwordsFor(email: string) {
  return z
    .object({
      password: passwordSchema(email),
      confirmPassword: z.string({ error: "Type the password again." }).min(1, "Type the password again."),
    })
    .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are different. Type the same password in both boxes." });
}

/**
 * Sets the invited person's password from a valid link, once. Any other outstanding links for
 * the same account stop working, so an old link cannot later reset the password.
 */
export async function acceptInvitation(db: Db, input: AcceptInvitationInput, now: Date = new Date()): Promise<{ email: string }> {
  const found = await findInvitation(db, input.token, now);
  if (!found.ok) throw new AppError(found.message);

  const parsed = passwordsFor(found.email).safeParse({ password: input.password, confirmPassword: input.confirmPassword });
  if (!parsed.success) throw new InvalidInputError(fieldErrorsOf(parsed.error), "Your password was not set. Check the messages beside the fields.");

  // Hashing is deliberately slow: do it before the transaction, not inside it.
  const passwordHash = await hashPassword(parsed.data.password);

  await db.$transaction(async (tx) => {
    // Re-checked inside the transaction: of two simultaneous uses of one link, only one wins.
    const claimed = await tx.invitation.updateMany({
      where: { id: found.invitationId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError(invitationMessages.used);
    await tx.invitation.updateMany({ where: { userId: found.userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({ where: { id: found.userId }, data: { passwordHash }, select: { deactivatedAt: true } });
    if (user.deactivatedAt) throw new AppError(invitationMessages.deactivated);
    await recordAudit(tx, {
      actorId: found.userId,
      centreId: found.centreId,
      action: "invitation.accept",
      entityType: "User",
      entityId: found.userId,
      after: { invitationId: found.invitationId },
    });
  });
  return { email: found.email };
}
