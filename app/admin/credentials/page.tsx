import type { Metadata } from "next";
import Link from "next/link";
import { CredentialStatus } from "@/components/credentials/credential-status";
import { RotateKeyForm } from "@/components/credentials/rotate-key-form";
import { refusalMessage } from "@/components/people/refusal";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { StatusTag } from "@/components/ui/status-tag";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { centreCredentials, shownCredentials } from "@/lib/credentials/read-credentials";
import { credentialBaseUrl } from "@/lib/credentials/urls";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { formatDate, formatDateTime } from "@/lib/format/date";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Credentials" };

// long-function: the page read top to bottom: the refusal, the header, the keys table with its rotation form, and the credentials table; markup used once
export default async function AdminCredentialsPage() {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "credential.listIssued", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Credentials" message={refusalMessage(actor, "the credentials page")} linkClassName={linkClass} />
    );
  }
  const { keys, credentials, total } = await centreCredentials(db, actor, centre.centreId, {
    baseUrl: credentialBaseUrl(),
  });
  const { timeZone } = await db.centre.findUniqueOrThrow({
    where: { id: centre.centreId },
    select: { timeZone: true },
  });
  return (
    <div className="space-y-8">
      <PageHeader
        title="Credentials"
        lead={`The Open Badges ${centre.centreName} has issued, one for each unit signed off, and the keys it signs them with.`}
      />
      <Section id="keys-heading" title="Signing keys">
        <p className="max-w-3xl">
          Each credential is signed with the centre&apos;s current key. Rotate it if you think it may have been exposed,
          or after the server&apos;s CREDENTIAL_KEY_SECRET was changed. The old key is retired, not deleted: credentials
          it signed keep verifying. Anyone can read the public keys at{" "}
          <a href={`/issuers/${encodeURIComponent(centre.centreId)}/jwks`} className={linkClass}>
            the centre&apos;s published keys (JWKS)
          </a>
          .
        </p>
        <DataTable
          caption="Signing keys of the centre, oldest first"
          hideCaption
          rows={keys}
          rowKey={(key) => key.id}
          empty={<p>No key yet: the first is made when the first unit is signed off.</p>}
          columns={[
            { header: "Key", rowHeader: true, className: "break-all font-mono text-xs", cell: (key) => key.kid },
            { header: "Made", cell: (key) => formatDateTime(key.createdAt, timeZone) },
            {
              header: "Status",
              cell: (key) =>
                key.retiredAt ? (
                  <StatusTag tone="ended">Retired on {formatDate(key.retiredAt, timeZone)}</StatusTag>
                ) : (
                  <StatusTag tone="positive">Current</StatusTag>
                ),
            },
            { header: "Credentials signed", numeric: true, cell: (key) => key.signed },
          ]}
        />
        <RotateKeyForm />
      </Section>
      <Section id="issued-heading" title="Issued credentials">
        <p>
          {total === 0
            ? "None yet."
            : total > credentials.length
              ? `${total} in all; the newest ${shownCredentials} are listed.`
              : `${total} in all, newest first.`}
        </p>
        {credentials.length > 0 ? (
          <DataTable
            region
            caption="Credentials issued by the centre, newest first"
            hideCaption
            rows={credentials}
            rowKey={(credential) => credential.id}
            columns={[
              { header: "Candidate", rowHeader: true, cell: (credential) => credential.candidateName },
              { header: "Unit", cell: (credential) => credential.name },
              { header: "Issued", cell: (credential) => formatDate(credential.issuedAt, timeZone) },
              {
                header: "Status",
                cell: (credential) => <CredentialStatus revokedAt={credential.revokedAt} timeZone={timeZone} />,
              },
              {
                header: "Public page",
                cell: (credential) => (
                  <Link href={`/credentials/${credential.id}`} className={linkClass}>
                    Open<span className="sr-only"> the credential of {credential.candidateName}</span>
                  </Link>
                ),
              },
            ]}
          />
        ) : null}
      </Section>
    </div>
  );
}
