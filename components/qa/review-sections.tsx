import Link from "next/link";
import { ReviewRounds } from "@/components/assessment/review-history";
import { Time } from "@/components/assessment/page-parts";
import { RevokeForm } from "@/components/assessment/revoke-form";
import { DescriptionList } from "@/components/ui/description-list";
import { Section } from "@/components/ui/section";
import { StatusTag } from "@/components/ui/status-tag";
import { cellClass, headRowClass, linkClass, panelClass, tableClass } from "@/components/ui/styles";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { ItemReview, SampledFile } from "@/lib/qa/item-review";

// The parts of the IQA's review of one sampled item (app/iqa/plans/[planId]/items/[itemId]):
// the decision, the evidence it rests on, the range it covered and the assessor's reviews.

const outcomeWords = { MET: "Met", NOT_YET_MET: "Not yet met" } as const;

/** The decision sampled: the criterion word for word, the outcome, who signed it and when, its signature and whether it still verifies. */
export function ReviewDecision({ view }: { view: ItemReview }) {
  const d = view.decision;
  const tz = view.timeZone;
  return (
    <Section id="decision-title" title="The decision sampled" className={`${panelClass} space-y-3`}>
      <p className="font-semibold">
        {view.item.unitCode} {d.criterionRef}
      </p>
      <blockquote className="border-l-4 border-slate-400 pl-3">{d.criterionText}</blockquote>
      <DescriptionList
        items={[
          { term: "Outcome", details: outcomeWords[d.outcome] },
          {
            term: "Signed",
            details: (
              <>
                by {d.signedByName} on <Time date={d.signedAt}>{formatDateTime(d.signedAt, tz)}</Time>
              </>
            ),
          },
          { term: "Signature", details: <span className="font-mono text-xs break-all">{d.signatureHash}</span> },
          {
            term: "Signature check",
            details: d.signatureValid ? (
              <StatusTag tone="positive">Verified: the evidence is as it was signed</StatusTag>
            ) : (
              <StatusTag tone="negative">Does not match: the evidence has changed since it was signed</StatusTag>
            ),
          },
          {
            term: "Revoked",
            details: d.revoked ? (
              <>
                by {d.revoked.byName} on <Time date={d.revoked.at}>{formatDateTime(d.revoked.at, tz)}</Time>: “
                {d.revoked.reason}”
              </>
            ) : null,
          },
        ]}
      />
      <p>
        <Link
          href={`/assessor/enrolments/${encodeURIComponent(view.enrolment.id)}#criterion-${encodeURIComponent(d.criterionId)}`}
          className={linkClass}
        >
          Open the assessment record of {view.enrolment.candidateName}&apos;s {view.item.unitCode}
        </Link>
      </p>
      {view.abilities.revoke ? (
        <RevokeForm
          enrolmentId={view.enrolment.id}
          kind="decision"
          id={d.id}
          what={`the decision on ${d.criterionRef}`}
          warning={
            d.outcome === "MET"
              ? "If the unit is signed off, revoking this decision revokes the unit sign-off too and reopens the unit."
              : undefined
          }
        />
      ) : null}
    </Section>
  );
}

const fileStates: Record<SampledFile["state"], { tone: "positive" | "negative"; words: string }> = {
  matches: { tone: "positive", words: "Matches the stored file" },
  changed: { tone: "negative", words: "Changed since signing" },
  missing: { tone: "negative", words: "Removed since signing" },
};

/** The evidence the decision rests on, as it was signed: each file's SHA-256 then, and whether the stored file still has it. */
export function ReviewEvidence({ view }: { view: ItemReview }) {
  return (
    <Section id="evidence-title" title="The evidence it rests on">
      {view.evidence.length === 0 ? (
        <p>The decision rests on no evidence (it was signed as not yet met without any).</p>
      ) : (
        view.evidence.map((e) => (
          <div key={e.mappingId} className={panelClass}>
            <h3 className="font-semibold">
              <Link href={`/assessor/review/${encodeURIComponent(e.id)}`} className={linkClass}>
                {e.title}
              </Link>
            </h3>
            <p className="text-sm text-slate-700">
              {e.methodLabel || "Method not known"}
              {e.activityDate ? (
                <>
                  {" · "}
                  <Time date={e.activityDate}>{formatDate(e.activityDate, view.timeZone)}</Time>
                </>
              ) : null}
            </p>
            {e.files.length === 0 ? (
              <p className="text-sm">No files when it was signed.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className={tableClass}>
                  <caption className="sr-only">Files of {e.title} when the decision was signed</caption>
                  <thead>
                    <tr className={headRowClass}>
                      <th scope="col" className={cellClass}>
                        File
                      </th>
                      <th scope="col" className={cellClass}>
                        SHA-256 when signed
                      </th>
                      <th scope="col" className={cellClass}>
                        Stored file now
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.files.map((f) => (
                      <tr key={f.id} className="border-b border-slate-200">
                        <th scope="row" className={`${cellClass} font-normal`}>
                          {f.name}
                        </th>
                        <td className={`${cellClass} font-mono text-xs break-all`}>{f.sha256}</td>
                        <td className={cellClass}>
                          <StatusTag tone={fileStates[f.state].tone}>{fileStates[f.state].words}</StatusTag>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {e.addedSince > 0 ? (
              <p className="text-sm font-medium">
                {e.addedSince === 1 ? "1 file was" : `${e.addedSince} files were`} added to this evidence after the
                decision was signed.
              </p>
            ) : null}
          </div>
        ))
      )}
    </Section>
  );
}

/** The range the decision covered, against the unit's rule, and each mapping's review by the assessor in every round. */
export function ReviewMappings({ view }: { view: ItemReview }) {
  const range = view.range;
  return (
    <Section id="mappings-title" title="Mappings, range and the assessor's feedback">
      {range ? (
        <div className={panelClass}>
          <h3 className="font-semibold">{range.title ?? "Range"}</h3>
          <p>
            {range.coverageWords || `${range.coverage.covered} of ${range.coverage.total} covered`}
            {range.ruleWords ? ` (the unit asks for ${range.ruleWords})` : " (no rule: for guidance)"}
            {range.coverage.satisfied ? "." : ": the rule is not met by the evidence the decision rests on."}
          </p>
          <ul className="space-y-0.5 text-sm">
            {range.items.map((i) => (
              <li key={i.id}>
                <span aria-hidden="true">{i.covered ? "✔ " : "– "}</span>
                {i.text}
                <span className="text-slate-700">{i.covered ? " (covered)" : " (not covered)"}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>This criterion has no range.</p>
      )}
      {view.evidence.map((e) => (
        <div key={e.mappingId} className={panelClass}>
          <h3 className="font-semibold">Mapping of “{e.title}”</h3>
          <p className="text-sm">
            {e.rangeItemTexts.length > 0
              ? `Range items it covered when signed: ${e.rangeItemTexts.join("; ")}.`
              : "It covered no range items when signed."}
          </p>
          <ReviewRounds reviews={e.reviews} timeZone={view.timeZone} />
        </div>
      ))}
    </Section>
  );
}
