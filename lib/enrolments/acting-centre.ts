import type { SessionActor } from "../auth/actor";
import type { Role } from "../authz/policy";

/**
 * The centre a page acts on for a role: the centre of the person's active role (the header's
 * "Acting as"), if they hold this role there; otherwise null, and the page says to switch. The
 * same rule as actingCentreId (lib/people/acting-centre.ts), so the admin pages of one person
 * never disagree about which centre they are in.
 */
export function centreForRole(actor: SessionActor, role: Role): { centreId: string; centreName: string } | null {
  const active = actor.active;
  if (!active || !actor.roles.some((r) => r.centreId === active.centreId && r.role === role)) return null;
  return { centreId: active.centreId, centreName: active.centreName };
}
