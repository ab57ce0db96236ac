import type { Metadata } from "next";
import Link from "next/link";
import { ChoosePasswordForm } from "@/components/auth/choose-password-form";
import { linkClass } from "@/components/ui/styles";
import { resetPasswordAction } from "@/lib/actions/password-reset";
import { passwordRules } from "@/lib/auth/password";
import { findPasswordReset } from "@/lib/auth/password-reset";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Choose a new password",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const reset = await findPasswordReset(db, token);
  return (
    <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-bold">{reset.ok ? "Choose a new password" : "This link cannot be used"}</h1>
      {reset.ok ? (
        <>
          <p className="text-slate-700">Choosing a new password signs you out on every other device.</p>
          <ChoosePasswordForm
            action={resetPasswordAction}
            token={token}
            email={reset.email}
            rules={passwordRules}
            doneTitle="Your new password is set."
          />
        </>
      ) : (
        <>
          <p className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">{reset.message}</p>
          <p>
            <Link href="/reset-password" className={linkClass}>
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
