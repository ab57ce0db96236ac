import type { Db } from "../db/client";
import { hashInvitationToken, invitationTokenPattern } from "./invitation";

export const invitationMessages = {
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask your centre admin for a new one.",
  expired: "This invitation link has expired. Ask your centre admin for a new one.",
  used: "This invitation link has already been used. Sign in with the password you chose, or ask your centre admin for a new link.",
  deactivated: "This account has been deactivated, so the invitation cannot be used. Ask your centre admin if you think this is a mistake.",
} as const;

export type InvitationLookup =
  | { ok: true; invitationId: string; userId: string; centreId: string; name: string; email: string; centreName: string; expiresAt: string }
  | { ok: false; reason: keyof typeof invitationMessages; message: string };

/** What the public invitation page needs to know about a token: whose it is, or why it cannot be used. */
export async function findInvitation(db: Pick<Db, "invitation">, token: string, now: Date = new Date()): Promise<InvitationLookup> {
  const refuse = (reason: keyof typeof invitationMessages): InvitationLookup => ({ ok: false, reason, message: invitationMessages[reason] });
  if (!invitationTokenPattern.test(token)) return refuse("unknown");
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      userId: true,
      centreId: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { name: true, email: true, deactivatedAt: true } },
      centre: { select: { name: true } },
    },
  });
  if (!invitation) return refuse("unknown");
  if (invitation.usedAt) return refuse("used");
  if (invitation.expiresAt <= now) return refuse("expired");
  if (invitation.user.deactivatedAt) return refuse("deactivated");
  return {
    ok: true,
    invitationId: invitation.id,
    userId: invitation.userId,
    centreId: invitation.centreId,
    name: invitation.user.name,
    email: invitation.user.email,
    centreName: invitation.centre.name,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
