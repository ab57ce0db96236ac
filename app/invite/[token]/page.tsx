import type { Metadata } from "next";
import Link from "next/link";
import { ChoosePasswordForm } from "@/components/auth/choose-password-form";
import { AcceptSignedInForm } from "@/components/people/accept-signed-in-form";
import { linkClass } from "@/components/ui/styles";
import { acceptInvitationAction } from "@/lib/actions/people-accept-invitation";
import { passwordRules } from "@/lib/auth/password";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findInvitation, invitationMessages } from "@/lib/people/find-invitation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Your invitation",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

const box = "mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = decodeURIComponent(raw);
  const [invitation, actor] = await Promise.all([findInvitation(db, token), getActor()]);

  if (!invitation.ok) {
    return (
      <div className={box}>
        <h1 className="text-2xl font-bold">This invitation link cannot be used</h1>
        <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">{invitation.message}</p>
        <p>
          Already have a password?{" "}
          <Link href="/login" className={linkClass}>
            Go to sign in
          </Link>
          .
        </p>
      </div>
    );
  }

  // An account that already has a password accepts by signing in as itself (ADR 0009).
  if (!invitation.needsPassword) {
    const here = `/invite/${encodeURIComponent(token)}`;
    return (
      <div className={box}>
        <h1 className="text-2xl font-bold">Join {invitation.centreName}</h1>
        <p className="text-slate-700">
          {invitation.centreName} has invited {invitation.email} to its competence portfolio.
        </p>
        {actor?.userId === invitation.userId ? (
          <AcceptSignedInForm token={token} centreName={invitation.centreName} />
        ) : actor ? (
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
            {invitationMessages.otherAccount}
          </p>
        ) : (
          <>
            <p>This email already has an account. Sign in with it, and you will come back here to accept.</p>
            <p className="flex flex-wrap gap-4">
              <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} className={linkClass}>
                Sign in to accept
              </Link>
              <Link href="/reset-password" className={linkClass}>
                Forgotten your password?
              </Link>
            </p>
          </>
        )}
      </div>
    );
  }

  return (
    <div className={box}>
      <h1 className="text-2xl font-bold">Choose your password</h1>
      <p className="text-slate-700">
        Hello {invitation.name}. {invitation.centreName} has invited you to its competence portfolio. Choose a password
        to finish setting up your account; you will sign in with your email and this password.
      </p>
      {actor ? (
        <p className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">
          You are signed in as {actor.name} in this browser. If this invitation is for someone else, let them open the
          link on their own device.
        </p>
      ) : null}
      <ChoosePasswordForm
        action={acceptInvitationAction}
        token={token}
        email={invitation.email}
        rules={passwordRules}
        doneTitle="Your password is set."
      />
    </div>
  );
}
