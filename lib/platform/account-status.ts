import { z } from "zod";
import { recordAudit } from "../audit";
import { endSessions } from "../auth/end-sessions";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { emailSchema } from "../people/schemas";

const input = z.object({ email: emailSchema, disabled: z.boolean() });

/**
 * Disables (or enables) an account everywhere: it cannot sign in at any centre and its sessions
 * end. Only a platform admin may; a centre admin ends a membership instead (ADR 0009).
 */
export async function setAccountDisabled(
  db: Db,
  actor: Actor,
  raw: unknown,
  now: Date = new Date(),
): Promise<{ email: string; changed: boolean }> {
  authorize(actor, "account.disable", { kind: "centre", centreId: "*" });
  const { email, disabled } = parseInput(input, raw);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, deactivatedAt: true, isPlatformAdmin: true },
    });
    if (!user) throw new AppError(`There is no account for ${email}. Check the address.`);
    if (user.id === actor.userId)
      throw new AppError("You cannot disable your own account. Ask another platform admin.");
    if (Boolean(user.deactivatedAt) === disabled) return { email, changed: false };
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: disabled ? now : null } });
    if (disabled) await endSessions(tx, user.id);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: null,
      action: disabled ? "account.disable" : "account.enable",
      entityType: "User",
      entityId: user.id,
      before: { deactivatedAt: user.deactivatedAt?.toISOString() ?? null },
      after: { deactivatedAt: disabled ? now.toISOString() : null },
    });
    return { email, changed: true };
  });
}
