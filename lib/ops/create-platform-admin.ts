import { z } from "zod";
import { recordAudit } from "../audit";
import { issueSetPasswordLink } from "../auth/password-reset";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { emailSchema, nameSchema } from "../people/schemas";

/** How long the first-run link lasts: a day, as the operator may hand it to someone else. */
export const SET_PASSWORD_LINK_HOURS = 24;

const input = z.object({ email: emailSchema, name: nameSchema });

/**
 * Creates a platform admin without a password (npm run admin:create) and returns a one-time link
 * to choose it. A password never goes on a command line, where shell history and `ps` keep it.
 * An email that already has an account is refused: this makes accounts, it never takes one over.
 */
export async function createPlatformAdmin(
  db: Db,
  raw: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<{ userId: string; email: string; link: string; expiresAt: Date }> {
  const { email, name } = parseInput(input, raw);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError(
        `${email} already has an account, so nothing was created. Use another email, or sign in with that account.`,
      );
    }
    const user = await tx.user.create({
      data: { email, name, isPlatformAdmin: true, createdAt: now },
      select: { id: true },
    });
    const { link, expiresAt } = await issueSetPasswordLink(tx, user.id, {
      baseUrl: options.baseUrl,
      validMinutes: SET_PASSWORD_LINK_HOURS * 60,
      now,
    });
    // No actor: the operator at the server's command line, not an account.
    await recordAudit(tx, {
      actorId: null,
      centreId: null,
      action: "account.createPlatformAdmin",
      entityType: "User",
      entityId: user.id,
      after: { email, name },
    });
    return { userId: user.id, email, link, expiresAt };
  });
}
