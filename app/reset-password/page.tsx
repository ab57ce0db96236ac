import type { Metadata } from "next";
import { RequestResetForm } from "@/components/auth/request-reset-form";
import { linkClass } from "@/components/ui/styles";
import { BackLink } from "@/components/ui/back-link";

export const metadata: Metadata = { title: "Reset your password" };
export const dynamic = "force-dynamic";

export default function RequestResetPage() {
  return (
    <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-bold">Reset your password</h1>
      <p className="text-slate-700">
        Enter the email you sign in with. We will send it a link to choose a new password; the link works once, for an
        hour.
      </p>
      <RequestResetForm />
      <BackLink href="/login" className={linkClass}>
        Back to sign in
      </BackLink>
    </div>
  );
}
