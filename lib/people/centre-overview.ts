import { authorize, roles, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { effectiveMembership } from "./membership";
import { actingCentreId, type CentreActor } from "./acting-centre";

export type CentreOverview = {
  centre: { id: string; name: string };
  /** Members with an account that is not deactivated, per role (a person with two roles counts in both). */
  activeByRole: { role: Role; count: number }[];
  people: { total: number; invited: number; deactivated: number };
  activeEnrolments: number;
  unsentMessages: number;
};

/** The numbers on the centre admin's home page, each counted by the database. */
export async function getCentreOverview(db: Db, actor: CentreActor): Promise<CentreOverview> {
  const centreId = actingCentreId(actor, "centre.readDashboard");
  authorize(actor, "centre.readDashboard", { kind: "centre", centreId });
  const member = { memberships: { some: { centreId } } };
  const here = { centreId, ...effectiveMembership };

  const [centre, byRole, total, invited, deactivated, activeEnrolments, unsentMessages] = await Promise.all([
    db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { id: true, name: true } }),
    db.membership.groupBy({ by: ["role"], where: here, _count: { _all: true } }),
    db.user.count({ where: member }),
    db.user.count({ where: { memberships: { some: { centreId, awaitingAcceptance: true, endedAt: null } } } }),
    db.user.count({ where: { memberships: { some: { centreId, endedAt: { not: null } } } } }),
    db.enrolment.count({ where: { centreId, status: "ACTIVE" } }),
    db.outboxMessage.count({ where: { centreId, sentAt: null } }),
  ]);
  const counts = new Map(byRole.map((row) => [row.role as Role, row._count._all]));
  return {
    centre,
    activeByRole: roles.map((role) => ({ role, count: counts.get(role) ?? 0 })),
    people: { total, invited, deactivated },
    activeEnrolments,
    unsentMessages,
  };
}
