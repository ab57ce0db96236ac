import Link from "next/link";
import { Section } from "@/components/ui/section";
import { emptyClass, linkClass, panelClass } from "@/components/ui/styles";
import { formatDate } from "@/lib/format/date";
import type { WitnessRequestsPage } from "@/lib/witness/list-requests";
import { RevokeRequestForm } from "./revoke-form";
import { WitnessRequestForm } from "./request-form";

/**
 * The body of an enrolment's witness page, for the candidate and for the assessor alike: the form
 * to ask a witness (for whoever may) and the requests so far, each with its state in words.
 */
export function WitnessRequests({
  page,
  evidenceHref,
}: {
  page: WitnessRequestsPage;
  /** Where a submitted testimony is read: the candidate's evidence page or the assessor's review. */
  evidenceHref: (evidenceId: string) => string;
}) {
  return (
    <div className="space-y-8">
      {page.canRequest ? (
        <Section id="ask-title" title="Ask a workplace witness" className={`max-w-3xl ${panelClass}`}>
          <p>
            A witness testimony is a signed statement by someone who saw {page.enrolment.candidateName} at work, such as
            a line manager. The witness gets a link by email, valid for 14 days and once; they need no account. The
            assessor judges what they write: it never signs a criterion off by itself.
          </p>
          <WitnessRequestForm enrolmentId={page.enrolment.id} criteria={page.criteria} />
        </Section>
      ) : page.enrolment.active ? null : (
        <p className={emptyClass}>This unit is no longer in progress, so no witness can be asked about it.</p>
      )}
      <Section id="requests-title" title="Requests">
        {page.requests.length === 0 ? (
          <p className={emptyClass}>No witness has been asked about this unit yet.</p>
        ) : (
          <ul className="max-w-3xl space-y-3">
            {page.requests.map((r) => (
              <li key={r.id} className={panelClass}>
                <p className="font-semibold break-words">
                  {r.witnessName}, {r.witnessJobTitle} ({r.relationship})
                </p>
                <p className="text-sm break-words text-slate-700">
                  {r.witnessEmail} · criteria {r.criterionRefs} · asked by {r.requestedByName} on{" "}
                  {formatDate(r.createdAt, page.timeZone)}
                </p>
                <p className="font-medium">{r.stateWords}</p>
                {r.evidenceId ? (
                  <p>
                    <Link href={evidenceHref(r.evidenceId)} className={linkClass}>
                      Read the testimony from {r.witnessName}
                    </Link>
                  </p>
                ) : null}
                {r.canRevoke ? <RevokeRequestForm requestId={r.id} witnessName={r.witnessName} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
