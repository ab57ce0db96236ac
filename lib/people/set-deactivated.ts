import { recordAudit } from "../audit";
import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { loadMemberOfCentre } from "./member-of-centre";
import { statusOf, type PersonStatus } from "./schemas";

export type SetDeactivatedResult = { userId: string; name: string; status: PersonStatus; changed: boolean };

/**
 * Deactivates (or reactivates) a member of the admin's centre. Nothing is deleted: the person
 * cannot sign in, and their open sessions stop working on the next request, because the
 * session's actor is read from the database each time and deactivated users have none.
 */
export async function setDeactivated(
  db: Db,
  actor: CentreActor,
  input: { userId: string; deactivated: boolean },
  now: Date = new Date(),
): Promise<SetDeactivatedResult> {
  const centreId = actingCentreId(actor, "user.deactivate");
  authorize(actor, "user.deactivate", { kind: "person", centreId, userId: input.userId });

  return db.$transaction(async (tx) => {
    const person = await loadMemberOfCentre(tx, input.userId, centreId, "user.deactivate");
    if (Boolean(person.deactivatedAt) === input.deactivated) {
      return { userId: person.id, name: person.name, status: statusOf(person), changed: false };
    }
    const deactivatedAt = input.deactivated ? now : null;
    const updated = await tx.user.update({ where: { id: person.id }, data: { deactivatedAt }, select: { passwordHash: true, deactivatedAt: true } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: input.deactivated ? "person.deactivate" : "person.reactivate",
      entityType: "User",
      entityId: person.id,
      before: { deactivatedAt: person.deactivatedAt?.toISOString() ?? null },
      after: { deactivatedAt: deactivatedAt?.toISOString() ?? null },
    });
    return { userId: person.id, name: person.name, status: statusOf(updated), changed: true };
  });
}
