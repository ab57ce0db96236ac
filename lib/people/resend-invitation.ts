import { recordAudit } from "../audit";
import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { issueInvitation } from "./invitation";
import { loadMemberOfCentre } from "./member-of-centre";

export type ResendInvitationResult = {
  userId: string;
  invitationLink: string;
  expiresAt: string;
  outboxMessageIds: string[];
};

/**
 * A fresh 7-day link for someone who has not accepted this centre's invitation yet (their last one
 * expired or was lost). Earlier links stay valid until they expire or any one of them is used.
 */
export async function resendInvitation(
  db: Db,
  actor: CentreActor,
  input: { userId: string },
  options: { baseUrl: string; now?: Date },
): Promise<ResendInvitationResult> {
  const centreId = actingCentreId(actor, "user.invite");
  authorize(actor, "user.invite", { kind: "centre", centreId });
  const now = options.now ?? new Date();

  return db.$transaction(async (tx) => {
    const person = await loadMemberOfCentre(tx, input.userId, centreId, "user.invite");
    if (person.status === "deactivated")
      throw new AppError(`${person.name} is deactivated at this centre. Reactivate them first.`);
    if (person.status === "active")
      throw new AppError(
        `${person.name} has already accepted, so they do not need an invitation. They can sign in as ${person.email}.`,
      );
    const centre = await tx.centre.findUniqueOrThrow({
      where: { id: centreId },
      select: { id: true, name: true, timeZone: true },
    });
    const invitation = await issueInvitation(tx, {
      user: person,
      centre,
      roles: person.roles,
      createdById: actor.userId,
      baseUrl: options.baseUrl,
      now,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "invitation.resend",
      entityType: "User",
      entityId: person.id,
      after: { invitationId: invitation.invitationId, expiresAt: invitation.expiresAt.toISOString() },
    });
    return {
      userId: person.id,
      invitationLink: invitation.link,
      expiresAt: invitation.expiresAt.toISOString(),
      outboxMessageIds: [invitation.outboxMessageId],
    };
  });
}
