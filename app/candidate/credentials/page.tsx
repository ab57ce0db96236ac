import type { Metadata } from "next";
import Link from "next/link";
import { CredentialLinks } from "@/components/credentials/credential-links";
import { CredentialStatus } from "@/components/credentials/credential-status";
import { PageHeader } from "@/components/ui/page-header";
import { emptyClass, linkClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { listOwnCredentials } from "@/lib/credentials/read-credentials";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My credentials" };

/** The signed-in candidate's Open Badges: one per unit signed off, revoked ones marked. */
export default async function CandidateCredentialsPage() {
  const actor = await requireActor();
  const credentials = await listOwnCredentials(db, actor);
  return (
    <div className="space-y-6">
      <PageHeader
        title="My credentials"
        lead="When your assessor signs a unit off, you receive an Open Badge for it: a digital credential, signed by your centre, that employers, digital wallets and learner records can read and check."
      >
        <p className="max-w-3xl text-slate-700">
          Keep the signed credential (.jwt) in a wallet or send it to an employer; share the public page as a link.
          Anyone can check a credential on the{" "}
          <Link href="/verify" className={linkClass}>
            verification page
          </Link>
          .
        </p>
      </PageHeader>
      {credentials.length === 0 ? (
        <p className={emptyClass}>
          You have no credentials yet. You receive one for each unit when your assessor signs it off.
        </p>
      ) : (
        <ul className="space-y-4">
          {credentials.map((credential) => (
            <li
              key={credential.id}
              id={`credential-${credential.id}`}
              aria-labelledby={`credential-${credential.id}-name`}
              className={panelClass}
            >
              <h2 id={`credential-${credential.id}-name`} className="text-xl font-semibold">
                {credential.name}
              </h2>
              <p>
                Issued by {credential.issuerName} on {formatDate(credential.issuedAt, credential.timeZone)}.{" "}
                <CredentialStatus revokedAt={credential.revokedAt} timeZone={credential.timeZone} />
              </p>
              {credential.revokedAt ? (
                <p className="text-sm text-slate-700">
                  The sign-off of this unit was revoked, so this credential no longer counts. You receive a new one when
                  the unit is signed off again.
                </p>
              ) : null}
              <CredentialLinks id={credential.id} name={credential.name} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
