import Link from "next/link";
import { Time } from "@/components/assessment/page-parts";
import { EvidenceReviewHistory } from "@/components/assessment/review-history";
import { CriterionGroupName, CriterionKindBadge } from "@/components/standards/labels";
import { Section } from "@/components/ui/section";
import { getReviewHistory, type ReviewHistory } from "@/lib/assessment/review-history";
import { requireActor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format/date";
import {
  listEvidenceMappings,
  type EvidenceMappingDto,
  type EvidenceMappings as Listing,
} from "@/lib/mapping/list-evidence-mappings";
import { mappingStatusExplanation, mappingStatusLabel, reviewFeedbackLabel } from "@/lib/mapping/status-words";
import { describeRangeRule } from "@/lib/standards/range-rule";
import { MappingWarnings } from "./action-message";
import { EditRangeForm } from "./edit-range-form";
import { MapCriteriaSearch } from "./map-criteria-search";
import { RemoveMappingForm } from "./remove-mapping-form";
import { submittedStatusId } from "./focus-targets";
import { SubmitEvidenceForm } from "./submit-evidence-form";

const statusStyles: Record<EvidenceMappingDto["status"], string> = {
  PROPOSED: "border-slate-500 bg-slate-100 text-slate-900",
  SUBMITTED: "border-blue-700 bg-blue-50 text-blue-900",
  ACCEPTED: "border-green-700 bg-green-50 text-green-900",
  REJECTED: "border-red-700 bg-red-50 text-red-900",
};

function MappingItem({
  mapping,
  unitCode,
  editable,
}: {
  mapping: EvidenceMappingDto;
  unitCode: string;
  editable: boolean;
}) {
  const { criterion } = mapping;
  const claimed = criterion.rangeItems.filter((item) => item.claimed);
  const rule = describeRangeRule(criterion.rangeRule, criterion.rangeMin, criterion.rangeItems.length);
  return (
    <li className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-mono text-base font-semibold">{criterion.ref}</span>
        <CriterionKindBadge kind={criterion.kind} />
        <CriterionGroupName criterion={criterion} className="text-sm text-slate-700" />
      </div>
      <p>{criterion.text}</p>
      <p>
        <span
          className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${statusStyles[mapping.status]}`}
        >
          {mappingStatusLabel(mapping.status)}
        </span>{" "}
        <span className="text-sm">{mappingStatusExplanation(mapping.status)}</span>
      </p>
      {criterion.rangeItems.length > 0 && (
        <div>
          <p className="text-sm font-medium">
            {criterion.rangeTitle ?? "Range"}:{" "}
            {claimed.length === 0
              ? "no items claimed"
              : `${claimed.length} of ${criterion.rangeItems.length} items claimed`}
            {rule ? ` (the unit asks for ${rule} across all your evidence)` : ""}
          </p>
          {claimed.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {claimed.map((item) => (
                <li key={item.id}>{item.text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {mapping.feedback && (
        <div className="border-l-4 border-slate-400 pl-3">
          <p className="text-sm font-semibold">{reviewFeedbackLabel(mapping.status)}</p>
          <p className="whitespace-pre-line">{mapping.feedback}</p>
        </div>
      )}
      <MappingWarnings warnings={mapping.warnings} />
      {editable && mapping.canChange && (
        <div className="space-y-2">
          {criterion.rangeItems.length > 0 && (
            <EditRangeForm
              mappingId={mapping.id}
              criterionRef={`${unitCode} ${criterion.ref}`}
              rangeTitle={criterion.rangeTitle}
              rangeRule={criterion.rangeRule}
              rangeMin={criterion.rangeMin}
              items={criterion.rangeItems}
            />
          )}
          <RemoveMappingForm mappingId={mapping.id} what={`${unitCode} ${criterion.ref}`} />
        </div>
      )}
      {editable && mapping.status === "ACCEPTED" && (
        <p className="text-sm text-slate-700">Accepted mappings can no longer be changed or removed.</p>
      )}
    </li>
  );
}

function SubmissionStatus({
  listing,
  history,
  evidenceEditable,
  revisedAsVersion,
  canResubmit,
}: {
  listing: Listing;
  history: ReviewHistory;
  evidenceEditable: boolean;
  revisedAsVersion?: number;
  /** The viewer may change its mappings and submit it again (not a testimony or an assessor's record). */
  canResubmit: boolean;
}) {
  const { evidence } = listing;
  if (revisedAsVersion)
    return <p>Revised: what was referred back moved to version {revisedAsVersion}, to change and resubmit there.</p>;
  if (evidence.submittedAt) {
    return (
      <p id={submittedStatusId(evidence.id)} tabIndex={-1}>
        <span aria-hidden="true">✔ </span>
        Submitted for assessment on {formatDateTime(evidence.submittedAt, evidence.timeZone)}
        {/* An assessor's observation is submitted as it is recorded, with no declaration of the candidate's. */}
        {evidence.declaration ? <>, with the declaration: “{evidence.declaration}”.</> : "."}
      </p>
    );
  }
  if (!history.referral) return <p>Not yet submitted for assessment.</p>;
  const { reviewerNames, at } = history.referral;
  return (
    <p className="rounded border-2 border-amber-700 bg-amber-50 p-3 text-amber-950">
      <span className="font-semibold">Referred back</span>
      {reviewerNames.length > 0
        ? ` by ${new Intl.ListFormat("en-GB", { type: "conjunction" }).format(reviewerNames)}`
        : null}
      {at ? (
        <>
          {" "}
          on <Time date={at}>{formatDateTime(at, evidence.timeZone)}</Time>
        </>
      ) : null}
      :{" "}
      {!canResubmit
        ? "this record cannot be changed or resubmitted. For the criteria referred back, add other evidence (or, for a witness testimony, ask the witness for a new one)."
        : evidenceEditable
          ? "revise the evidence or its mappings, then resubmit."
          : "revise the mappings referred back, then resubmit."}
    </p>
  );
}

/**
 * One evidence item's mappings, grouped by unit and criterion, their review history round by
 * round, and, for its owner, the tools to map it to more criteria, change or remove mappings,
 * and submit it for assessment.
 * `canEdit`: the viewer is the candidate who owns the evidence. Submitted evidence can still be
 * mapped and resubmitted; what may change is decided per mapping status by lib/mapping.
 * `evidenceEditable`: the evidence itself (not its mappings) may still be changed (or revised).
 * `revisedAsVersion`: this is an old version; what was still open moved to that version.
 */
// long-function: one evidence item's mappings read top to bottom: loading (or the refusal), the mappings per unit with the submission status, the review history, then the map and submit sections for the owner; the items and forms are components, what remains is their order and when each shows
export async function EvidenceMappings({
  evidenceId,
  canEdit,
  evidenceEditable,
  revisedAsVersion,
}: {
  evidenceId: string;
  canEdit: boolean;
  evidenceEditable: boolean;
  revisedAsVersion?: number;
}) {
  const actor = await requireActor();
  let listing: Listing;
  let history: ReviewHistory;
  try {
    [listing, history] = await Promise.all([
      listEvidenceMappings(db, actor, evidenceId),
      getReviewHistory(db, actor, evidenceId),
    ]);
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof AppError) {
      return (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {error.userMessage}
        </p>
      );
    }
    throw error;
  }
  const editable = canEdit && listing.viewerIsOwner;
  const headingId = `mappings-${evidenceId}`;

  return (
    <div className="space-y-10">
      <Section id={headingId} title="Criteria this evidence is mapped to" className="space-y-4">
        {listing.mappingCount === 0 ? (
          <p>
            {editable
              ? "Not mapped to any criteria yet. Use “Map to criteria” below to find the criteria this evidence proves, in any of your units."
              : "Not mapped to any criteria yet."}
          </p>
        ) : (
          listing.units.map((unit) => (
            <section key={unit.enrolmentId} aria-labelledby={`${headingId}-${unit.enrolmentId}`} className="space-y-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`${headingId}-${unit.enrolmentId}`} className="text-lg font-semibold">
                  {unit.unitCode} {unit.unitTitle}
                </h3>
                {listing.viewerIsOwner && (
                  <Link
                    href={`/candidate/units/${unit.enrolmentId}`}
                    className="text-brand-700 underline underline-offset-4"
                  >
                    Your progress on {unit.unitCode}
                  </Link>
                )}
              </div>
              {unit.enrolmentStatus !== "ACTIVE" && (
                <p className="text-sm">You are no longer working on this unit, so these mappings cannot be changed.</p>
              )}
              <ul className="space-y-3">
                {unit.mappings.map((mapping) => (
                  <MappingItem key={mapping.id} mapping={mapping} unitCode={unit.unitCode} editable={editable} />
                ))}
              </ul>
            </section>
          ))
        )}
        <SubmissionStatus
          listing={listing}
          history={history}
          evidenceEditable={evidenceEditable}
          revisedAsVersion={revisedAsVersion}
          canResubmit={editable}
        />
      </Section>

      <EvidenceReviewHistory history={history} />

      {editable && (
        <section aria-labelledby={`${headingId}-map`} className="space-y-4">
          <h2 id={`${headingId}-map`} className="text-xl font-semibold">
            Map to criteria
          </h2>
          {listing.evidence.simulated && (
            <p className="text-sm">
              This evidence is marked as simulated. Units that only accept evidence from real work will refuse it, and
              say why.
            </p>
          )}
          <MapCriteriaSearch evidenceId={evidenceId} />
        </section>
      )}

      {editable && listing.mappingCount > 0 && listing.awaitingSubmission > 0 && (
        <section aria-labelledby={`${headingId}-submit`} className="space-y-4">
          <h2 id={`${headingId}-submit`} className="text-xl font-semibold">
            Submit for assessment
          </h2>
          <SubmitEvidenceForm
            evidenceId={evidenceId}
            kind={history.resubmission ? "resubmission" : listing.evidence.submittedAt ? "again" : "first"}
            round={history.round}
            simulated={listing.evidence.simulated}
          />
        </section>
      )}
    </div>
  );
}
