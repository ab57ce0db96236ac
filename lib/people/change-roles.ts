import { recordAudit } from "../audit";
import { authorize, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { parseInput } from "../errors";
import { loadMemberOfCentre } from "./member-of-centre";
import { rolesSchema } from "./schemas";

export type ChangeRolesResult = { userId: string; before: Role[]; after: Role[]; changed: boolean };

/** Replaces a member's roles in the admin's centre (at least one); roles in other centres are untouched. */
export async function changeRoles(
  db: Db,
  actor: CentreActor,
  input: { userId: string; roles: unknown },
): Promise<ChangeRolesResult> {
  const centreId = actingCentreId(actor, "user.changeRoles");
  authorize(actor, "user.changeRoles", { kind: "person", centreId, userId: input.userId });
  const roles = parseInput(rolesSchema, input.roles);

  return db.$transaction(async (tx) => {
    const person = await loadMemberOfCentre(tx, input.userId, centreId, "user.changeRoles");
    const before = person.roles;
    const removed = before.filter((role) => !roles.includes(role));
    const added = roles.filter((role) => !before.includes(role));
    if (removed.length === 0 && added.length === 0) return { userId: person.id, before, after: before, changed: false };

    if (removed.length > 0)
      await tx.membership.deleteMany({ where: { userId: person.id, centreId, role: { in: removed } } });
    if (added.length > 0)
      await tx.membership.createMany({ data: added.map((role) => ({ userId: person.id, centreId, role })) });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "person.changeRoles",
      entityType: "User",
      entityId: person.id,
      before: { roles: before },
      after: { roles },
    });
    return { userId: person.id, before, after: roles, changed: true };
  });
}
