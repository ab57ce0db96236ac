import type { Prisma } from "../../generated/sqlite/client";
import { roleLabels } from "../authz/labels";
import type { Role } from "../authz/policy";
import { OutboxMailer } from "../mail/outbox-mailer";

export const INVITATION_VALID_DAYS = 7;
const day = 86_400_000;

type Tx = Prisma.TransactionClient;

export {
  newLinkToken as newInvitationToken,
  hashLinkToken as hashInvitationToken,
  linkTokenPattern as invitationTokenPattern,
} from "../auth/link-token";
import { newLinkToken } from "../auth/link-token";

export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/invite/${token}`;
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

export function invitationMessage(args: {
  name: string;
  centre: Centre;
  roles: ReadonlyArray<Role>;
  link: string;
  expiresAt: Date;
}) {
  return {
    subject: `Your invitation to ${args.centre.name}`,
    text: [
      `Hello ${args.name},`,
      "",
      `${args.centre.name} has added you to its competence portfolio as ${roleList(args.roles)}.`,
      "",
      "Open this link to accept. If you are new here you will choose a password; if you already have an account, you will sign in with it. The link works once, and until " +
        formatInCentre(args.expiresAt, args.centre.timeZone) +
        ":",
      args.link,
      "",
      "If you were not expecting this message, you can ignore it.",
    ].join("\n"),
  };
}

export type IssuedInvitation = { invitationId: string; link: string; expiresAt: Date; outboxMessageId: string };

/** Creates the invitation and its message, inside the caller's transaction. */
export async function issueInvitation(
  tx: Tx,
  args: {
    user: { id: string; name: string; email: string };
    centre: Centre;
    roles: ReadonlyArray<Role>;
    createdById: string;
    baseUrl: string;
    now: Date;
  },
): Promise<IssuedInvitation> {
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(args.now.getTime() + INVITATION_VALID_DAYS * day);
  const invitation = await tx.invitation.create({
    data: {
      tokenHash,
      userId: args.user.id,
      centreId: args.centre.id,
      createdById: args.createdById,
      expiresAt,
      createdAt: args.now,
    },
    select: { id: true },
  });
  const link = invitationLink(args.baseUrl, token);
  const message = invitationMessage({ name: args.user.name, centre: args.centre, roles: args.roles, link, expiresAt });
  const queued = await new OutboxMailer(tx).queue({ to: args.user.email, centreId: args.centre.id, ...message });
  return { invitationId: invitation.id, link, expiresAt, outboxMessageId: queued.id };
}
