import type { Db } from "../db/client";
import type { Actor, Role } from "../authz/policy";
import { effectiveMembership } from "../people/membership";

/** The role the header's switcher chose, as "<centreId>:<role>". */
export const activeRoleCookie = "cp_active_role";

export type SessionActor = Actor & {
  name: string;
  email: string;
  /** The membership the header's role switcher has selected; drives which home the user sees. */
  active: { centreId: string; centreName: string; role: Role } | null;
  roles: ReadonlyArray<{ centreId: string; centreName: string; role: Role }>;
};

/**
 * Reads a user's roles from the database, so a removed role or a deactivation takes effect on
 * the next request rather than when the session token expires. Null for deactivated users.
 */
export async function loadActor(db: Db, userId: string, preferred?: string | null): Promise<SessionActor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      isPlatformAdmin: true,
      deactivatedAt: true,
      // Only roles the person accepted and the centre has not ended (lib/people/membership.ts).
      memberships: {
        where: effectiveMembership,
        select: { centreId: true, role: true, centre: { select: { name: true } } },
        orderBy: [{ createdAt: "asc" }],
      },
    },
  });
  if (!user || user.deactivatedAt) return null;
  const roles = user.memberships.map((m) => ({
    centreId: m.centreId,
    centreName: m.centre.name,
    role: m.role as Role,
  }));
  const active = roles.find((r) => `${r.centreId}:${r.role}` === preferred) ?? roles[0] ?? null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships: roles.map(({ centreId, role }) => ({ centreId, role })),
    roles,
    active,
  };
}
