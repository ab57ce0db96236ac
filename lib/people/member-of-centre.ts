import type { Prisma } from "../../generated/sqlite/client";
import { ForbiddenError, type Action, type Role } from "../authz/policy";
import { NotFoundError } from "./errors";
import { sortRoles } from "./schemas";

export const unknownPersonMessage = "There is no such person. Go back to People and choose someone from the list.";

/**
 * The target person with their roles in the actor's centre. Someone who belongs only to other
 * centres is another centre's business: ForbiddenError, as for any other centre's data.
 */
export async function loadMemberOfCentre(tx: Pick<Prisma.TransactionClient, "user">, userId: string, centreId: string, action: Action) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      passwordHash: true,
      deactivatedAt: true,
      memberships: { select: { centreId: true, role: true, createdAt: true } },
    },
  });
  if (!user) throw new NotFoundError(unknownPersonMessage, `no user ${userId}`);
  const here = user.memberships.filter((m) => m.centreId === centreId);
  if (here.length === 0) throw new ForbiddenError(action);
  const roles: Role[] = sortRoles(here.map((m) => m.role));
  const addedAt = here.reduce((first, m) => (m.createdAt < first ? m.createdAt : first), here[0]?.createdAt ?? new Date(0));
  return { ...user, roles, addedAt };
}
