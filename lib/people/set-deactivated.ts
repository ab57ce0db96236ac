import { recordAudit } from "../audit";
import { endSessions } from "../auth/end-sessions";
import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { effectiveMembership } from "./membership";
import { loadMemberOfCentre } from "./member-of-centre";
import type { PersonStatus } from "./schemas";

export type SetDeactivatedResult = { userId: string; name: string; status: PersonStatus; changed: boolean };

/**
 * Ends (or restores) a person's membership of the admin's centre: every role they hold here.
 * The account is not the centre's to disable (it may belong to other centres too; only a
 * platform admin disables accounts). Roles are read on every request, so the person loses this
 * centre at once. If no centre is left to them, their sessions end as well; when they still
 * belong elsewhere they stay signed in there, so one centre cannot sign people out of another.
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
    if ((person.status === "deactivated") === input.deactivated) {
      return { userId: person.id, name: person.name, status: person.status, changed: false };
    }
    const endedAt = input.deactivated ? now : null;
    await tx.membership.updateMany({ where: { userId: person.id, centreId }, data: { endedAt } });
    if (input.deactivated) {
      const left = await tx.membership.count({ where: { userId: person.id, ...effectiveMembership } });
      const account = await tx.user.findUniqueOrThrow({ where: { id: person.id }, select: { isPlatformAdmin: true } });
      if (left === 0 && !account.isPlatformAdmin) await endSessions(tx, person.id);
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: input.deactivated ? "person.deactivate" : "person.reactivate",
      entityType: "User",
      entityId: person.id,
      before: { endedAt: person.endedAt?.toISOString() ?? null },
      after: { endedAt: endedAt?.toISOString() ?? null },
    });
    return {
      userId: person.id,
      name: person.name,
      status: input.deactivated ? "deactivated" : person.awaiting ? "invited" : "active",
      changed: true,
    };
  });
}
