import { z } from "zod";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { parseInput } from "../errors";
import { inviteToCentre, type InvitePersonResult } from "../people/invite-person";
import { emailSchema, nameSchema } from "../people/schemas";

const input = z.object({
  centreId: z
    .string({ error: "Choose the centre." })
    .trim()
    .min(1, "Choose the centre.")
    .max(64, "Choose the centre from the list."),
  name: nameSchema,
  email: emailSchema,
});

/**
 * A platform admin invites a centre's admin (usually its first: a new centre has nobody who
 * could). The platform admin holds no role at the centre, so this is its own permission
 * (centre.inviteAdmin); the invitation is the one a centre admin sends (inviteToCentre), with
 * the role waiting for the person to accept it, and is audited as centre.inviteAdmin.
 */
export async function inviteCentreAdmin(
  db: Db,
  actor: Actor,
  raw: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<InvitePersonResult> {
  const parsed = parseInput(input, raw);
  authorize(actor, "centre.inviteAdmin", { kind: "centre", centreId: parsed.centreId });
  return inviteToCentre(
    db,
    { actorId: actor.userId, centreId: parsed.centreId, auditAction: "centre.inviteAdmin" },
    { name: parsed.name, email: parsed.email, roles: ["CENTRE_ADMIN"] },
    options,
  );
}
