import crypto from "node:crypto";
import type { Prisma } from "../../generated/sqlite/client";
import { roleLabels } from "../authz/labels";
import type { Role } from "../authz/policy";
import { OutboxMailer } from "../mail/outbox-mailer";

export const INVITATION_VALID_DAYS = 7;
const day = 86_400_000;

type Tx = Prisma.TransactionClient;

/** A random 32-byte token for the link; only its SHA-256 is stored, so the database cannot reveal it. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 bytes in base64url, as newInvitationToken makes them. */
export const invitationTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/invite/${token}`;
}

/**
 * Whether this centre may hand out a set-password link for the account. Never for someone who
 * already has a password (the link would let the admin take the account over), nor for someone
 * who belongs to another centre too: their own centre's invitation is theirs to use.
 */
export function mayIssueLink(user: { passwordHash: string | null; memberships: ReadonlyArray<{ centreId: string }> }, centreId: string): boolean {
  return !user.passwordHash && user.memberships.every((m) => m.centreId === centreId);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatInCentre(date: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "long", timeStyle: "short" });
    formatters.set(timeZone, format);
  }
  return format.format(date);
}

function roleList(roles: ReadonlyArray<Role>): string {
  const labels = roles.map((role) => roleLabels[role].toLowerCase());
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

export type Centre = { id: string; name: string; timeZone: string };

export function invitationMessage(args: { name: string; centre: Centre; roles: ReadonlyArray<Role>; link: string; expiresAt: Date }) {
  return {
    subject: `Your invitation to ${args.centre.name}`,
    text: [
      `Hello ${args.name},`,
      "",
      `${args.centre.name} has added you to its competence portfolio as ${roleList(args.roles)}.`,
      "",
      "Open this link to choose your password. It works once, and until " + formatInCentre(args.expiresAt, args.centre.timeZone) + ":",
      args.link,
      "",
      "If you were not expecting this message, you can ignore it.",
    ].join("\n"),
  };
}

export function addedToCentreMessage(args: { name: string; centre: Centre; roles: ReadonlyArray<Role>; signInUrl: string }) {
  return {
    subject: `You have been added to ${args.centre.name}`,
    text: [
      `Hello ${args.name},`,
      "",
      `${args.centre.name} has added you to its competence portfolio as ${roleList(args.roles)}.`,
      `Sign in with your usual email and password at ${args.signInUrl}, then choose the role to act in at the top of the page.`,
    ].join("\n"),
  };
}

export type IssuedInvitation = { invitationId: string; link: string; expiresAt: Date; outboxMessageId: string };

/** Creates the invitation and its message, inside the caller's transaction. */
export async function issueInvitation(
  tx: Tx,
  args: { user: { id: string; name: string; email: string }; centre: Centre; roles: ReadonlyArray<Role>; createdById: string; baseUrl: string; now: Date },
): Promise<IssuedInvitation> {
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(args.now.getTime() + INVITATION_VALID_DAYS * day);
  const invitation = await tx.invitation.create({
    data: { tokenHash, userId: args.user.id, centreId: args.centre.id, createdById: args.createdById, expiresAt, createdAt: args.now },
    select: { id: true },
  });
  const link = invitationLink(args.baseUrl, token);
  const message = invitationMessage({ name: args.user.name, centre: args.centre, roles: args.roles, link, expiresAt });
  const queued = await new OutboxMailer(tx).queue({ to: args.user.email, centreId: args.centre.id, ...message });
  return { invitationId: invitation.id, link, expiresAt, outboxMessageId: queued.id };
}
