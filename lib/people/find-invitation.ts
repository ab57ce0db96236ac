import type { Db } from "../db/client";
import { hashInvitationToken, invitationTokenPattern } from "./invitation";

export const invitationMessages = {
  unknown:
    "This invitation link is not valid. Check that you copied the whole link, or ask your centre admin for a new one.",
  expired: "This invitation link has expired. Ask your centre admin for a new one.",
  used: "This invitation link has already been used. Sign in with your email and password, or ask your centre admin for a new link.",
  deactivated:
    "This account has been disabled, so the invitation cannot be used. Ask your centre admin if you think this is a mistake.",
  signInToAccept:
    "This email already has an account with a password. Sign in with it, then open this link again to accept. If you have forgotten the password, reset it from the sign-in page.",
  otherAccount:
    "This invitation was sent to a different email address from the one you are signed in with. Sign out, then sign in with the invited email to accept.",
} as const;

type Refusal = "unknown" | "expired" | "used" | "deactivated";

export type InvitationLookup =
  | {
      ok: true;
      invitationId: string;
      userId: string;
      centreId: string;
      /** The name the inviting centre typed, until accepted (never another centre's view of the account). */
      name: string;
      email: string;
      centreName: string;
      expiresAt: string;
      /** The account has no password yet: accepting sets one. Otherwise the person signs in to accept. */
      needsPassword: boolean;
    }
  | { ok: false; reason: Refusal; message: string };

/** What the public invitation page needs to know about a token: whose it is, or why it cannot be used. */
export async function findInvitation(
  db: Pick<Db, "invitation">,
  token: string,
  now: Date = new Date(),
): Promise<InvitationLookup> {
  const refuse = (reason: Refusal): InvitationLookup => ({ ok: false, reason, message: invitationMessages[reason] });
  if (!invitationTokenPattern.test(token)) return refuse("unknown");
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    select: {
      id: true,
      userId: true,
      centreId: true,
      expiresAt: true,
      usedAt: true,
      user: {
        select: {
          name: true,
          email: true,
          deactivatedAt: true,
          passwordHash: true,
          memberships: { select: { centreId: true, invitedName: true } },
        },
      },
      centre: { select: { name: true } },
    },
  });
  if (!invitation) return refuse("unknown");
  if (invitation.usedAt) return refuse("used");
  if (invitation.expiresAt <= now) return refuse("expired");
  if (invitation.user.deactivatedAt) return refuse("deactivated");
  const invitedName = invitation.user.memberships.find(
    (m) => m.centreId === invitation.centreId && m.invitedName,
  )?.invitedName;
  return {
    ok: true,
    invitationId: invitation.id,
    userId: invitation.userId,
    centreId: invitation.centreId,
    name: invitedName ?? invitation.user.name,
    email: invitation.user.email,
    centreName: invitation.centre.name,
    expiresAt: invitation.expiresAt.toISOString(),
    needsPassword: !invitation.user.passwordHash,
  };
}
