import { recordAudit } from "../audit";
import { roleLabels } from "../authz/labels";
import { authorize, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { OutboxMailer } from "../mail/outbox-mailer";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { isUniqueViolation, parseOrThrow } from "./errors";
import { addedToCentreMessage, issueInvitation, mayIssueLink } from "./invitation";
import { personInputSchema } from "./schemas";

export type InvitePersonResult = {
  userId: string;
  name: string;
  email: string;
  rolesAdded: Role[];
  /** The email already had an account; it was given the roles rather than a second account made. */
  existingAccount: boolean;
  /** The link for the admin to pass on; null when the person already has a password or another centre's invitation. */
  invitationLink: string | null;
  expiresAt: string | null;
  /** What happened, in words for the admin. */
  message: string;
  /** Outbox rows written, for delivery after commit when SMTP is configured. */
  outboxMessageIds: string[];
};

/**
 * Adds a person to the admin's centre with the roles given. A new email gets an account
 * without a password and a 7-day invitation link; an existing account just gets the roles.
 */
export async function invitePerson(
  db: Db,
  actor: CentreActor,
  rawInput: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<InvitePersonResult> {
  const centreId = actingCentreId(actor, "user.invite");
  authorize(actor, "user.invite", { kind: "centre", centreId });
  const input = parseOrThrow(personInputSchema, rawInput);
  const now = options.now ?? new Date();

  try {
    return await db.$transaction(async (tx) => {
      const centre = await tx.centre.findUniqueOrThrow({ where: { id: centreId }, select: { id: true, name: true, timeZone: true } });
      const existing = await tx.user.findUnique({
        where: { email: input.email },
        select: { id: true, name: true, email: true, passwordHash: true, deactivatedAt: true, memberships: { select: { centreId: true, role: true } } },
      });

      let user: { id: string; name: string; email: string };
      let rolesAdded: Role[];
      let canLink: boolean;
      if (existing) {
        const held = new Set(existing.memberships.filter((m) => m.centreId === centreId).map((m) => m.role));
        rolesAdded = input.roles.filter((role) => !held.has(role));
        if (rolesAdded.length === 0) {
          throw new AppError(
            `${existing.name} (${existing.email}) already has ${input.roles.length === 1 ? "that role" : "those roles"} at ${centre.name}. To change their roles, open their page from People.`,
          );
        }
        user = existing;
        canLink = mayIssueLink(existing, centreId) && !existing.deactivatedAt;
      } else {
        user = await tx.user.create({ data: { email: input.email, name: input.name, createdAt: now }, select: { id: true, name: true, email: true } });
        rolesAdded = input.roles;
        canLink = true;
      }
      await tx.membership.createMany({ data: rolesAdded.map((role) => ({ userId: user.id, centreId, role, createdAt: now })) });

      const invitation = canLink
        ? await issueInvitation(tx, { user, centre, roles: rolesAdded, createdById: actor.userId, baseUrl: options.baseUrl, now })
        : null;
      const notice = invitation
        ? null
        : await new OutboxMailer(tx).queue({
            to: user.email,
            centreId,
            ...addedToCentreMessage({ name: user.name, centre, roles: rolesAdded, signInUrl: `${options.baseUrl.replace(/\/+$/, "")}/login` }),
          });

      await recordAudit(tx, {
        actorId: actor.userId,
        centreId,
        action: "person.invite",
        entityType: "User",
        entityId: user.id,
        before: existing ? { roles: existing.memberships.filter((m) => m.centreId === centreId).map((m) => m.role) } : undefined,
        after: {
          email: user.email,
          name: user.name,
          rolesAdded,
          existingAccount: Boolean(existing),
          invitationId: invitation?.invitationId ?? null,
          expiresAt: invitation?.expiresAt.toISOString() ?? null,
        },
      });

      const added = rolesAdded.map((role) => roleLabels[role]).join(", ");
      const already = `${user.email} already had an account (${user.name}), so no second account was made. They now also have: ${added}.`;
      const message = !existing
        ? `${user.name} has been added as ${added}. Send them the invitation link below; it works once and expires in 7 days.`
        : invitation
          ? `${already} They have not set a password yet: send them the new invitation link below.`
          : existing.deactivatedAt
            ? `${already} Their account is deactivated, so they cannot sign in until you reactivate it on their page.`
            : existing.passwordHash
              ? `${already} They will see ${centre.name} the next time they sign in with their usual password.`
              : `${already} They have not set a password yet; they should use the invitation from their other centre, or ask that centre for a new one.`;

      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        rolesAdded,
        existingAccount: Boolean(existing),
        invitationLink: invitation?.link ?? null,
        expiresAt: invitation?.expiresAt.toISOString() ?? null,
        message,
        outboxMessageIds: [invitation?.outboxMessageId ?? notice?.id].filter((id): id is string => Boolean(id)),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("Someone else added this person at the same moment. Search for them in People before trying again.", String(error));
    }
    throw error;
  }
}
