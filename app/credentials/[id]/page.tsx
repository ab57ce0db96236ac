import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { VerificationAnswer } from "@/components/credentials/verification-answer";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkClass } from "@/components/ui/styles";
import { orNotFound } from "@/lib/authz/hidden-or-missing";
import { publicCredential } from "@/lib/credentials/read-credentials";
import { verifyIssued } from "@/lib/credentials/verify-request";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => orNotFound(publicCredential(db, id)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const credential = await load((await params).id);
  // Shared by its holder as a link; not for search engines.
  return { title: `${credential.name}: credential`, robots: { index: false, follow: false } };
}

/**
 * The public page of one credential, for whoever its holder gives the link: no sign-in, on
 * purpose. It shows what the credential itself says (the unit, the issuer, the date), the
 * recipient's name, and its status as the verifier finds it now; never the email or anything else.
 */
export default async function PublicCredentialPage({ params }: Props) {
  const { id } = await params;
  const credential = await load(id);
  const verification = await verifyIssued(db, credential.id);
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader
        title={credential.name}
        lead={`An Open Badge awarded to ${credential.recipientName} by ${credential.issuerName}.`}
      />
      <DescriptionList
        items={[
          { term: "Awarded to", details: credential.recipientName },
          { term: "Issued by", details: credential.issuerName },
          {
            term: "Date",
            details: (
              <time dateTime={credential.validFrom}>
                {formatDate(new Date(credential.validFrom), credential.timeZone)}
              </time>
            ),
          },
          { term: "Unit", details: credential.name },
        ]}
      />
      <Section id="status-heading" title="Status">
        <VerificationAnswer verification={{ ...verification, summary: undefined }} />
        <p>
          Anyone can check the credential file itself on the{" "}
          <Link href="/verify" className={linkClass}>
            verification page
          </Link>
          .
        </p>
      </Section>
      <Section id="about-heading" title="About the unit">
        <p className="whitespace-pre-line">{credential.description}</p>
      </Section>
      <Section id="criteria-heading" title="What it took">
        <p className="whitespace-pre-line">{credential.criteria}</p>
      </Section>
    </div>
  );
}
