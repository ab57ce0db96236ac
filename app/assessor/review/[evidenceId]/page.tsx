import Link from "next/link";
import { cache } from "react";
import { MappingStatusBadge } from "@/components/assessment/mapping-status";
import { DoneBanner, firstParam, Time } from "@/components/assessment/page-parts";
import { AcceptMappingForm, RejectMappingForm } from "@/components/assessment/review-mapping-forms";
import { EvidenceComments } from "@/components/assessment/comments";
import { ClaimHistory, ReviewRounds } from "@/components/assessment/review-history";
import { AlsoClaimedIn, ClaimsAcrossUnits, judgedOnItsOwn } from "@/components/assessment/claims-across-units";
import { linkClass, panelClass } from "@/components/ui/styles";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { WitnessTestimonyDetails } from "@/components/witness/testimony-details";
import { ObservationDetails } from "@/components/observation/observation-details";
import { EvidenceVersions } from "@/components/evidence/evidence-versions";
import { Section } from "@/components/ui/section";
import { getEvidenceReview, type ReviewMapping } from "@/lib/assessment/get-review";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { listEvidenceVersions } from "@/lib/evidence/evidence-versions";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { renderMarkdown } from "@/lib/markdown/render";

export const dynamic = "force-dynamic";
const load = cache(async (evidenceId: string) => orNotFound(getEvidenceReview(db, await requireActor(), evidenceId)));
export const generateMetadata = titleOnceFound("Review evidence", ({ evidenceId }: { evidenceId: string }) =>
  load(evidenceId),
);

const doneMessages: Record<string, string> = {
  accepted: "Mapping accepted. The candidate has been told.",
  rejected: "Mapping referred back with your feedback. The candidate has been told.",
  returned:
    "Mapping reviewed. Nothing of this evidence is waiting for review now and something was referred back, so it has been returned to the candidate to revise and submit again.",
  comment: "Your comment has been added and the others have been told.",
};

function ReviewHistory({ mapping, timeZone }: { mapping: ReviewMapping; timeZone: string }) {
  return (
    <div className="space-y-1">
      {mapping.reviews.length > 0 ? <h5 className="font-medium">Review history</h5> : null}
      <ReviewRounds reviews={mapping.reviews} timeZone={timeZone} />
    </div>
  );
}

function MappingPanel({
  evidenceId,
  mapping,
  timeZone,
}: {
  evidenceId: string;
  mapping: ReviewMapping;
  timeZone: string;
}) {
  const c = mapping.criterion;
  const claimed = c.rangeItems.filter((i) => i.claimed);
  return (
    <article id={`mapping-${mapping.id}`} aria-labelledby={`mapping-${mapping.id}-title`} className={panelClass}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h4 id={`mapping-${mapping.id}-title`} className="font-semibold">
          {c.ref} {c.text}
        </h4>
        <MappingStatusBadge status={mapping.status} />
      </div>
      <p className="text-sm text-slate-700">{c.groupTitle}</p>
      {mapping.sinceLastRound ? <p className="text-sm font-medium">{mapping.sinceLastRound}</p> : null}
      {c.rangeItems.length > 0 ? (
        <div className="text-sm">
          <p className="font-medium">
            {c.rangeTitle ?? "Range"}: {mapping.rangeWords}
            {c.rangeRuleWords ? ` (the unit asks for ${c.rangeRuleWords})` : ""}
          </p>
          {claimed.length > 0 ? (
            <ul className="list-disc pl-5">
              {claimed.map((i) => (
                <li key={i.id}>{i.text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {mapping.warnings.length > 0 ? (
        <ul aria-label="Warnings" className="space-y-1 text-sm">
          {mapping.warnings.map((w) => (
            <li key={w} className="rounded border border-amber-700 bg-amber-50 p-2 text-amber-950">
              <span className="font-semibold">Check: </span>
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <AlsoClaimedIn claims={mapping.alsoClaimedIn} />
      <ReviewHistory mapping={mapping} timeZone={timeZone} />
      {mapping.canReview ? (
        <div className="grid gap-6 border-t border-slate-200 pt-3 md:grid-cols-2">
          <AcceptMappingForm
            evidenceId={evidenceId}
            mappingId={mapping.id}
            criterionRef={c.ref}
            rangeTitle={c.rangeTitle}
            rangeRuleWords={c.rangeRuleWords}
            rangeItems={c.rangeItems}
            claimant={mapping.claimant}
          />
          <RejectMappingForm evidenceId={evidenceId} mappingId={mapping.id} criterionRef={c.ref} />
        </div>
      ) : null}
    </article>
  );
}

// long-function: one piece of evidence as the assessor reviews it, read top to bottom: the heading and versions, the details (with the workplace document, description and declaration), files, the mappings per unit, withdrawn claims and comments; each panel is a component or markup used once, in page order
export default async function ReviewEvidencePage({
  params,
  searchParams,
}: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const { evidenceId } = await params;
  const done = firstParam((await searchParams).done);
  const review = await load(evidenceId);
  const e = review.evidence;
  const tz = review.timeZone;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <p>
          {actor.memberships.some((m) => m.role === "ASSESSOR") ? (
            <Link href="/assessor/queue" className={linkClass}>
              Back to the review queue
            </Link>
          ) : (
            <Link href="/home" className={linkClass}>
              Back to your home page
            </Link>
          )}
        </p>
        <h1 className="text-3xl font-bold">{e.title}</h1>
        <p className="text-slate-700">
          Evidence from {e.candidateName} · round {e.round}
        </p>
        {review.changedSinceLastRound ? <p>{review.changedSinceLastRound}</p> : null}
        {/* A revision (docs/decisions/0017): the accepted parts stay on the earlier version. */}
        <EvidenceVersions
          versions={await listEvidenceVersions(db, actor, e.id)}
          shownId={e.id}
          basePath="/assessor/review/"
        />
      </div>
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />

      <Section id="details-title" title="Details" className={panelClass}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Method</dt>
          <dd>{e.methodLabel}</dd>
          <dt className="font-medium">Activity date</dt>
          <dd>
            <Time date={e.activityDate}>{formatDate(e.activityDate, tz)}</Time>
          </dd>
          <dt className="font-medium">Simulated</dt>
          <dd>
            {e.simulated ? "Yes: the candidate marked this as simulated, not from real work" : "No: from real work"}
          </dd>
          <dt className="font-medium">Submitted</dt>
          <dd>
            {e.submittedAt ? (
              <Time date={e.submittedAt}>{formatDateTime(e.submittedAt, tz)}</Time>
            ) : (
              "Not submitted now: it is with the candidate"
            )}
          </dd>
        </dl>
        {e.workplaceDocument ? (
          <div className="space-y-1">
            <h3 className="font-semibold">Workplace document</h3>
            <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-medium">What it is</dt>
              <dd>{e.workplaceDocument.what || "Not given"}</dd>
              <dt className="font-medium">Where it is kept</dt>
              <dd>{e.workplaceDocument.whereKept || "Not given"}</dd>
              <dt className="font-medium">Held by</dt>
              <dd>{e.workplaceDocument.heldBy || "Not given"}</dd>
              <dt className="font-medium">Why it is relevant</dt>
              <dd>{e.workplaceDocument.relevance || "Not given"}</dd>
            </dl>
          </div>
        ) : null}
        <div className="space-y-1">
          <h3 className="font-semibold">Description</h3>
          <div className="space-y-2">{renderMarkdown(e.description, { baseHeadingLevel: 4 })}</div>
        </div>
        <div className="space-y-1">
          <h3 className="font-semibold">
            {e.method === "witnessTestimony" ? "Witness's signature" : "Candidate's declaration"}
          </h3>
          {e.declaration ? (
            <blockquote className="border-l-4 border-slate-300 pl-3 italic">{e.declaration}</blockquote>
          ) : (
            <p>Not made yet: the candidate makes it when they submit.</p>
          )}
        </div>
      </Section>

      <WitnessTestimonyDetails evidenceId={e.id} timeZone={tz} />
      <ObservationDetails evidenceId={e.id} reader="other" />

      <EvidenceFiles evidenceId={e.id} canEdit={false} />

      <Section id="mappings-title" title="Criteria this evidence is mapped to" className="space-y-4">
        {review.units.length === 0 ? <p>This evidence is not mapped to any criterion.</p> : null}
        {review.units.length > 1 && review.claimPairs.length === 0 ? <p>{judgedOnItsOwn}</p> : null}
        <ClaimsAcrossUnits pairs={review.claimPairs} />
        {review.whole ? null : (
          <p>
            You see its criteria in the units shared with you. Any claims on the candidate&apos;s other units are not
            shown.
          </p>
        )}
        {review.units.map((unit) => (
          <div key={unit.enrolmentId} className="space-y-3">
            <h3 className="text-lg font-semibold">
              {unit.unitCode} {unit.unitTitle}
            </h3>
            {unit.canOpenEnrolment ? (
              <p>
                <Link href={`/assessor/enrolments/${unit.enrolmentId}`} className={linkClass}>
                  Open the assessment record for {unit.unitCode}
                </Link>
              </p>
            ) : null}
            {unit.enrolmentStatus !== "ACTIVE" ? (
              <p className="text-sm">
                This unit is {unit.enrolmentStatus === "COMPLETED" ? "signed off" : "withdrawn"}, so its mappings cannot
                be reviewed.
              </p>
            ) : null}
            {unit.mappings.map((m) => (
              <MappingPanel key={m.id} evidenceId={e.id} mapping={m} timeZone={tz} />
            ))}
          </div>
        ))}
      </Section>

      {review.withdrawn.length > 0 ? (
        <Section id="withdrawn-title" title="Claims withdrawn after review" className="space-y-4">
          <p>The candidate removed these mappings after they were reviewed. The reviews stay on the record.</p>
          <ul className="space-y-4">
            {review.withdrawn.map((claim) => (
              <ClaimHistory key={`${claim.unitCode}-${claim.criterionRef}`} claim={claim} timeZone={tz} />
            ))}
          </ul>
        </Section>
      ) : null}

      <EvidenceComments thread={review.thread} page="review" />
    </div>
  );
}
