import type { Metadata } from "next";
import { VerifyForm } from "@/components/credentials/verify-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Verify a credential" };

/** Public on purpose: an employer checks a credential a candidate gave them, without an account. */
export default function VerifyPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Verify a credential"
        lead="Check an Open Badge issued by a centre on this service: that its issuer signed it, that nobody has changed it since, that it has not been revoked or expired, and that it is a valid Open Badges 3.0 credential."
      >
        <p className="max-w-3xl text-slate-700">
          Only credentials issued here can be checked here: this page does not contact other sites. Nothing you paste is
          stored.
        </p>
      </PageHeader>
      <VerifyForm />
    </div>
  );
}
