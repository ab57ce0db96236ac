import type { Metadata } from "next";
import { TestimonyForm } from "@/components/witness/testimony-form";
import { h1Class, noticeClass } from "@/components/ui/styles";
import { db } from "@/lib/db";
import { findWitnessRequestByToken } from "@/lib/witness/find-request";
import type { LinkRefusal } from "@/lib/witness/state";

// The witness's page, opened from the link in their email: no account, the token is the only key
// (proxy.ts sends no one from here to sign-in). It shows only what the witness needs, never sends
// the token on as a referrer, and is kept out of search engines. A link that cannot be used says
// which state it is in and what to do, and nothing else.

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Witness testimony",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
};

const refusalTitles: Record<LinkRefusal, string> = {
  invalid: "This link is not valid",
  used: "Testimony submitted",
  expired: "This link has expired",
  revoked: "This request has been withdrawn",
};

/** The token as typed into the address bar; a malformed escape is just an invalid token. */
function tokenOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}

export default async function WitnessPage({ params }: { params: Promise<{ token: string }> }) {
  const token = tokenOf((await params).token);
  const link = await findWitnessRequestByToken(db, token);

  if (link.state !== "open") {
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className={h1Class}>{refusalTitles[link.state]}</h1>
        <p className={noticeClass}>{link.message}</p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="space-y-3">
        <h1 className={`${h1Class} break-words`}>Witness testimony for {link.candidateName}</h1>
        <p>
          Hello {link.witnessName}. {link.candidateName}, a candidate at {link.centreName}, is working towards a
          qualification at work. You have been asked to say what you saw them do, for the criteria below, and to sign it
          by typing your name.
        </p>
        <p>
          An assessor reads your statement and judges it; it does not sign anything off by itself. This page works once:
          after you send your testimony, the link stops working.
        </p>
      </div>
      <TestimonyForm token={token} witnessName={link.witnessName} criteria={link.criteria} />
    </div>
  );
}
