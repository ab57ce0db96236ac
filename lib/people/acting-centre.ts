import { forbidden, type Action, type Actor } from "../authz/policy";

/** An actor with the centre they are acting in (SessionActor has this shape). */
export type CentreActor = Actor & { active: { centreId: string } | null };

/**
 * The centre the admin is working in: the one of their role switcher. People operations act on
 * that centre only; with no active role there is no centre, so the action is refused.
 */
export function actingCentreId(actor: CentreActor, action: Action): string {
  const centreId = actor.active?.centreId;
  if (!centreId) throw forbidden(action);
  return centreId;
}
