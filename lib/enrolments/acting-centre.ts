import type { SessionActor } from "../auth/actor";
import type { Role } from "../authz/policy";

/**
 * The centre a page acts on for a role: the centre the person is acting in, if they hold the
 * role there; otherwise the first centre where they hold it; null if they hold it nowhere.
 */
export function centreForRole(actor: SessionActor, role: Role): { centreId: string; centreName: string } | null {
  const held = actor.roles.filter((r) => r.role === role);
  const chosen = held.find((r) => r.centreId === actor.active?.centreId) ?? held[0];
  return chosen ? { centreId: chosen.centreId, centreName: chosen.centreName } : null;
}
