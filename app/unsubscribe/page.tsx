import type { Metadata } from "next";
import Link from "next/link";
import { UnsubscribeForm } from "@/components/account/unsubscribe-form";
import { PageHeader } from "@/components/ui/page-header";
import { alertClass, linkClass } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stop notification emails" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Where the link at the foot of every notification email leads: one button turns those emails
 * off, without signing in. A button rather than the link itself, so a mail scanner that opens
 * links does not unsubscribe anybody.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { token } = await searchParams;
  const value = Array.isArray(token) ? token[0] : token;
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader
        title="Stop notification emails"
        lead="You will still see your notifications when you sign in; only the emails about them stop."
      />
      {value ? (
        <UnsubscribeForm token={value} />
      ) : (
        <p className={alertClass}>
          This link is missing its token: copy the whole link from the email. Or{" "}
          <Link href="/account" className={linkClass}>
            sign in and change your choice under Your account
          </Link>
          .
        </p>
      )}
    </div>
  );
}
