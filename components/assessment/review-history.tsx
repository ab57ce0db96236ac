import { Time } from "@/components/assessment/page-parts";
import type { MappingHistory, ReviewEntry, ReviewHistory } from "@/lib/assessment/review-history";
import { formatDateTime } from "@/lib/format/date";
import { mappingStatusLabel, reviewFeedbackLabel } from "@/lib/mapping/status-words";

/**
 * One mapping's reviews, oldest first: round, outcome in words, who and when, the range items
 * accepted and the assessor's words. Shared by the assessor's review page and the candidate's
 * evidence page.
 */
export function ReviewRounds({ reviews, timeZone }: { reviews: readonly ReviewEntry[]; timeZone: string }) {
  if (reviews.length === 0) return <p className="text-sm text-slate-700">Not reviewed yet.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {reviews.map((r) => (
        <li key={r.id} className="border-l-4 border-slate-300 pl-3">
          <p>
            <span className="font-semibold">
              Round {r.round}: {mappingStatusLabel(r.status)}
            </span>{" "}
            by {r.reviewerName} on <Time date={r.at}>{formatDateTime(r.at, timeZone)}</Time>
          </p>
          {r.rangeItemTexts.length > 0 ? (
            <p className="text-slate-700">Range items accepted: {r.rangeItemTexts.join("; ")}</p>
          ) : null}
          {r.feedback ? (
            <p className="whitespace-pre-wrap">
              <span className="font-medium">{reviewFeedbackLabel(r.status)}:</span> {r.feedback}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * One mapping's (or withdrawn claim's) criterion and its reviews, round by round. `withdrawnNote`
 * says so on a withdrawn claim, in the reader's words; the assessor's page says it once above
 * the list instead.
 */
export function ClaimHistory({
  claim,
  timeZone,
  withdrawnNote,
}: {
  claim: MappingHistory;
  timeZone: string;
  withdrawnNote?: string;
}) {
  return (
    <li className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">
        {claim.unitCode} {claim.criterionRef} <span className="font-normal">{claim.criterionText}</span>
      </h3>
      {claim.withdrawn && withdrawnNote ? <p className="text-sm font-medium">{withdrawnNote}</p> : null}
      <ReviewRounds reviews={claim.reviews} timeZone={timeZone} />
    </li>
  );
}

/** The candidate's view of every round of every mapping of one evidence item. */
export function EvidenceReviewHistory({ history }: { history: ReviewHistory }) {
  const headingId = `review-history-${history.evidenceId}`;
  return (
    <section id="review-history" aria-labelledby={headingId} className="max-w-3xl space-y-4">
      <h2 id={headingId} className="text-xl font-semibold">
        Review history
      </h2>
      {history.reviewCount === 0 ? (
        <p>Your assessor has not reviewed this evidence yet. Each review will be listed here, round by round.</p>
      ) : (
        <>
          <p>
            Every review of this evidence&apos;s mappings, oldest first. Round 1 is your first submission; each time you
            resubmit after something is referred back, a new round starts. Earlier rounds stay here.
          </p>
          <ul className="space-y-4">
            {history.mappings.map((m) => (
              <ClaimHistory
                key={m.mappingId ?? `withdrawn-${m.unitCode}-${m.criterionRef}`}
                claim={m}
                timeZone={history.timeZone}
                withdrawnNote="Claim withdrawn: you removed this mapping after it was reviewed. Its review stays on your record."
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
