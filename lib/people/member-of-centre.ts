import type { Prisma } from "../../generated/sqlite/client";
import { forbidden, type Action } from "../authz/policy";
import { NotFoundError } from "../errors";
import { memberAtCentre, membershipFields } from "./membership";

export const unknownPersonMessage = "There is no such person. Go back to People and choose someone from the list.";

/**
 * The target person as the actor's centre knows them: their rows here, with the name this centre
 * shows. Someone who belongs only to other centres is another centre's business: ForbiddenError,
 * as for any other centre's data. Nothing about other centres' memberships is returned.
 */
export async function loadMemberOfCentre(
  tx: Pick<Prisma.TransactionClient, "user">,
  userId: string,
  centreId: string,
  action: Action,
) {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, memberships: { where: { centreId }, select: membershipFields } },
  });
  if (!user) throw new NotFoundError(unknownPersonMessage, `no user ${userId}`);
  if (user.memberships.length === 0) throw forbidden(action);
  return { id: user.id, email: user.email, ...memberAtCentre(user, user.memberships) };
}
