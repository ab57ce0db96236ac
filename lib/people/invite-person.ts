import type { z } from "zod";
import { recordAudit } from "../audit";
import { roleLabels } from "../authz/labels";
import { authorize, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, isUniqueViolation, parseInput } from "../errors";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { issueInvitation } from "./invitation";
import { memberAtCentre, membershipFields } from "./membership";
import { personInputSchema } from "./schemas";

export type InvitePersonResult = {
  userId: string;
  /** The name as the admin typed it: the centre never learns the name on an existing account. */
  name: string;
  email: string;
  rolesAdded: Role[];
  /** The link for the admin to pass on (it is also mailed to the person). */
  invitationLink: string;
  expiresAt: string;
  /** What happened, in words for the admin: the same whether or not the email had an account. */
  message: string;
  /** Outbox rows written, for delivery after commit when SMTP is configured. */
  outboxMessageIds: string[];
};

/**
 * Invites a person to the admin's centre with the roles given. The roles wait for them to accept
 * this centre's invitation (docs/decisions/0009-membership-lifecycle.md): a new email gets an
 * account without a password; an existing account is neither named nor changed beyond the
 * waiting roles, and the admin's report reads the same either way.
 */
export async function invitePerson(
  db: Db,
  actor: CentreActor,
  rawInput: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<InvitePersonResult> {
  const centreId = actingCentreId(actor, "user.invite");
  authorize(actor, "user.invite", { kind: "centre", centreId });
  return inviteToCentre(
    db,
    { actorId: actor.userId, centreId, auditAction: "person.invite" },
    parseInput(personInputSchema, rawInput),
    options,
  );
}

/**
 * The invitation itself, for a centre the caller has already authorized the actor for: a centre
 * admin for their own centre (invitePerson), or a platform admin inviting a centre's first admin
 * (lib/platform/invite-centre-admin.ts). The audit action says which.
 */
/** The account with this email, with its memberships at the centre; made (with none) if there is none yet. */
async function accountFor(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  input: { email: string; name: string },
  centreId: string,
  now: Date,
) {
  return (
    (await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, memberships: { where: { centreId }, select: membershipFields } },
    })) ?? {
      ...(await tx.user.create({
        data: { email: input.email, name: input.name, createdAt: now },
        select: { id: true, email: true },
      })),
      memberships: [],
    }
  );
}

/** The roles the invitation adds; refused when the person was deactivated here or has them all already. */
function rolesToAdd<R extends string>(
  here: { status: string; roles: readonly string[] },
  input: { email: string; roles: readonly R[] },
  centreName: string,
): R[] {
  if (here.status === "deactivated") {
    throw new AppError(
      `${input.email} was deactivated at ${centreName}. To let them back in, reactivate them on their page in People.`,
    );
  }
  const rolesAdded = input.roles.filter((role) => !here.roles.includes(role));
  if (rolesAdded.length === 0) {
    throw new AppError(
      `${input.email} already has ${input.roles.length === 1 ? "that role" : "those roles"} at ${centreName}. To change their roles, open their page from People.`,
    );
  }
  return rolesAdded;
}

/** The roles as memberships, waiting for acceptance (under the invited name) or in force at once. */
async function addRoles(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  at: { userId: string; centreId: string; now: Date },
  roles: readonly Role[],
  waiting: { awaitingAcceptance: boolean; invitedName: string | null },
): Promise<void> {
  await tx.membership.createMany({
    data: roles.map((role) => ({
      userId: at.userId,
      centreId: at.centreId,
      role,
      createdAt: at.now,
      awaitingAcceptance: waiting.awaitingAcceptance,
      invitedName: waiting.invitedName,
    })),
  });
}

export async function inviteToCentre(
  db: Db,
  by: { actorId: string; centreId: string; auditAction: "person.invite" | "centre.inviteAdmin" },
  input: z.output<typeof personInputSchema>,
  options: { baseUrl: string; now?: Date },
): Promise<InvitePersonResult> {
  const { actorId, centreId } = by;
  const now = options.now ?? new Date();

  try {
    return await db.$transaction(async (tx) => {
      const centre = await tx.centre.findUnique({
        where: { id: centreId },
        select: { id: true, name: true, timeZone: true },
      });
      if (!centre) throw new AppError("That centre does not exist any more. Reload the page and choose it again.");
      const user = await accountFor(tx, input, centreId, now);

      // Only this centre's rows are looked at, and only they can refuse the invitation.
      const here = memberAtCentre({ name: input.name }, user.memberships);
      const rolesAdded = rolesToAdd(here, input, centre.name);
      // A person who has accepted here gets the new roles at once; otherwise they wait with the rest.
      const awaitingAcceptance = user.memberships.length === 0 || here.awaiting;
      await addRoles(tx, { userId: user.id, centreId, now }, rolesAdded, {
        awaitingAcceptance,
        invitedName: awaitingAcceptance ? input.name : null,
      });
      const shownName = awaitingAcceptance ? (here.roles.length ? here.name : input.name) : here.name;
      const invitation = await issueInvitation(tx, {
        user: { id: user.id, name: shownName, email: user.email },
        centre,
        roles: awaitingAcceptance ? [...here.roles, ...rolesAdded] : rolesAdded,
        createdById: actorId,
        baseUrl: options.baseUrl,
        now,
      });

      await recordAudit(tx, {
        actorId,
        centreId,
        action: by.auditAction,
        entityType: "User",
        entityId: user.id,
        before: { roles: here.roles },
        after: {
          email: user.email,
          name: shownName,
          rolesAdded,
          invitationId: invitation.invitationId,
          expiresAt: invitation.expiresAt.toISOString(),
        },
      });

      const added = rolesAdded.map((role) => roleLabels[role]).join(", ");
      return {
        userId: user.id,
        name: shownName,
        email: user.email,
        rolesAdded,
        invitationLink: invitation.link,
        expiresAt: invitation.expiresAt.toISOString(),
        message: `${shownName} has been invited as ${added}. The invitation has been sent to ${user.email}; you can also pass on the link below. It works once and expires in 7 days. The roles start when they accept it.`,
        outboxMessageIds: [invitation.outboxMessageId],
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "Someone else invited this person at the same moment. Search for them in People before trying again.",
        String(error),
      );
    }
    throw error;
  }
}
