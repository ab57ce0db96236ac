import { authorize, can, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { describePersonEvent } from "./describe-event";
import { loadMemberOfCentre } from "./member-of-centre";
import type { PersonStatus } from "./schemas";

export type PersonAuditEntry = {
  id: string;
  at: string;
  action: string;
  description: string;
  actorName: string | null;
};

export type PersonDetail = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: PersonStatus;
  /** When this centre ended their membership. */
  deactivatedAt: string | null;
  addedAt: string;
  centre: { id: string; name: string; timeZone: string };
  /** The latest invitation from this centre, if any. */
  invitation: { createdAt: string; expiresAt: string; usedAt: string | null } | null;
  may: { changeRoles: boolean; deactivate: boolean; resendInvitation: boolean; sendPasswordReset: boolean };
  isSelf: boolean;
  recentEvents: PersonAuditEntry[];
};

/** One member of the admin's centre, with what this admin may do to them and their recent history here. */
export async function getPerson(
  db: Db,
  actor: CentreActor,
  userId: string,
  now: Date = new Date(),
): Promise<PersonDetail> {
  const centreId = actingCentreId(actor, "user.list");
  const resource = { kind: "person", centreId, userId } as const;
  authorize(actor, "user.list", resource, now);

  const [person, centre, latestInvitation] = await Promise.all([
    loadMemberOfCentre(db, userId, centreId, "user.list"),
    db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { id: true, name: true, timeZone: true } }),
    db.invitation.findFirst({
      where: { userId, centreId },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, expiresAt: true, usedAt: true },
    }),
  ]);

  // History kept by this centre only. Sign-ins belong to the account, not to any centre: showing
  // them would tell this centre about the person's use of other centres.
  const events = await db.auditEvent.findMany({
    where: { entityType: "User", entityId: userId, centreId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, at: true, action: true, actorId: true, before: true, after: true },
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const actors = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];
  const actorNames = new Map(actors.map((a) => [a.id, a.name]));

  return {
    id: person.id,
    name: person.name,
    email: person.email,
    roles: person.roles,
    status: person.status,
    deactivatedAt: person.endedAt?.toISOString() ?? null,
    addedAt: person.addedAt.toISOString(),
    centre,
    invitation: latestInvitation
      ? {
          createdAt: latestInvitation.createdAt.toISOString(),
          expiresAt: latestInvitation.expiresAt.toISOString(),
          usedAt: latestInvitation.usedAt?.toISOString() ?? null,
        }
      : null,
    may: {
      changeRoles: can(actor, "user.changeRoles", resource, now),
      deactivate: can(actor, "user.deactivate", resource, now),
      resendInvitation: can(actor, "user.invite", { kind: "centre", centreId }, now) && person.status === "invited",
      sendPasswordReset: can(actor, "user.sendPasswordReset", resource, now) && person.status === "active",
    },
    isSelf: actor.userId === person.id,
    recentEvents: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      description: describePersonEvent(e),
      actorName: e.actorId ? (actorNames.get(e.actorId) ?? "a former user") : null,
    })),
  };
}
