import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/people/accept-invitation-form";
import { linkClass } from "@/components/people/styles";
import { passwordRules } from "@/lib/auth/password";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findInvitation } from "@/lib/people/find-invitation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your invitation", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, actor] = await Promise.all([findInvitation(db, decodeURIComponent(token)), getActor()]);

  if (!invitation.ok) {
    return (
      <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
        <h1 className="text-2xl font-bold">This invitation link cannot be used</h1>
        <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">{invitation.message}</p>
        <p>
          Already set your password?{" "}
          <Link href="/login" className={linkClass}>
            Go to sign in
          </Link>
          .
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-bold">Choose your password</h1>
      <p className="text-slate-700">
        Hello {invitation.name}. {invitation.centreName} has invited you to its competence portfolio. Choose a password to finish setting up your account;
        you will sign in with your email and this password.
      </p>
      {actor ? (
        <p className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">
          You are signed in as {actor.name} in this browser. If this invitation is for someone else, let them open the link on their own device.
        </p>
      ) : null}
      <AcceptInvitationForm token={decodeURIComponent(token)} email={invitation.email} rules={passwordRules} />
    </div>
  );
}
