import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { AttachEvidenceForm } from "@/components/mapping/attach-evidence-form";
import { checkLabels } from "@/components/standards/evidence-requirements";
import { CriterionKindBadge, groupKindLabel } from "@/components/standards/labels";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { CandidateDeclarationForm } from "@/components/assessment/candidate-declaration-form";
import { UnitCredentialLink } from "@/components/credentials/unit-credential-link";
import { Section } from "@/components/ui/section";
import { MethodMix } from "@/components/portfolio/method-mix";
import { getMethodMix } from "@/lib/portfolio/method-mix";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { mappingStatusLabel, reviewFeedbackLabel, type MappingStatus } from "@/lib/mapping/status-words";
import {
  criterionStatuses,
  criterionStatusIcon,
  criterionStatusLabel,
  criterionStatusNext,
  type CriterionStatus,
} from "@/lib/portfolio/criterion-status";
import {
  getGapView,
  type AttachableEvidence,
  type GapCriterion,
  type GapRange,
  type GapView,
} from "@/lib/portfolio/gap-view";
import { claimedRangeVerdict, openCount, openItemsOnly } from "@/lib/portfolio/gap-view-words";
import { describeRangeRule } from "@/lib/standards/range-rule";

// Read from the database on each request; the build runs without one.
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ enrolmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const load = cache(async (enrolmentId: string): Promise<GapView> =>
  orNotFound(getGapView(db, await requireActor(), enrolmentId)),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load((await params).enrolmentId);
  return { title: `${view.enrolment.unitCode} progress` };
}

const statusStyles: Record<CriterionStatus, string> = {
  met: "border-green-700 bg-green-50 text-green-900",
  accepted: "border-green-700 bg-white text-green-900",
  submitted: "border-blue-700 bg-blue-50 text-blue-900",
  referred: "border-red-700 bg-red-50 text-red-900",
  mapped: "border-slate-500 bg-slate-100 text-slate-900",
  none: "border-slate-400 bg-white text-slate-800",
};

function StatusBadge({ status }: { status: CriterionStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-sm font-semibold ${statusStyles[status]}`}
    >
      <span aria-hidden="true">{criterionStatusIcon(status)}</span>
      {criterionStatusLabel(status)}
    </span>
  );
}

function coveredByWords(statuses: readonly MappingStatus[]): string {
  if (statuses.length === 0) return "not covered yet";
  return `covered by ${statuses.map((s) => mappingStatusLabel(s).toLowerCase()).join(", ")} evidence`;
}

function RangeSection({ range, own, status }: { range: GapRange; own: boolean; status: CriterionStatus }) {
  const rule = describeRangeRule(range.rule, range.min, range.items.length);
  return (
    <div className="space-y-2 border-l-4 border-slate-300 pl-3">
      <p className="font-semibold">{range.title ?? "Range"}</p>
      {rule ? (
        <p>Cover {rule}.</p>
      ) : (
        <p>The unit lists these items without saying how many to cover; your assessor judges what is enough.</p>
      )}
      {range.guidance.map((sentence, i) => (
        <p key={i} className="text-slate-700">
          {sentence}
        </p>
      ))}
      {range.claimed.description ? (
        <p>
          <span className="font-medium">{own ? "Your evidence" : "Evidence mapped"}:</span> {range.claimed.description}
          {claimedRangeVerdict(range, status)} <span className="font-medium">Accepted by the assessor:</span>{" "}
          {range.accepted.description}.
        </p>
      ) : (
        <p>
          <span className="font-medium">{own ? "Your evidence" : "Evidence mapped"}:</span> {range.claimed.covered} of{" "}
          {range.claimed.total} items claimed.
        </p>
      )}
      <ul className="space-y-0.5">
        {range.items.map((item) => (
          <li key={item.id}>
            <span aria-hidden="true">{item.coveredBy.length > 0 ? "☑ " : "☐ "}</span>
            {item.text} <span className="text-sm text-slate-700">({coveredByWords(item.coveredBy)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

// long-function: one criterion of the gap view read top to bottom: its heading and badges, the decision line, the range, each mapped evidence item with its warnings, feedback and review-history link, then the attach form; the pieces are short and used only here
function CriterionEntry({ criterion, view }: { criterion: GapCriterion; view: GapView }) {
  const headingId = `criterion-${criterion.id}`;
  return (
    <li className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="font-mono text-base font-semibold">
          {criterion.ref}
        </h3>
        <CriterionKindBadge kind={criterion.kind} />
        <StatusBadge status={criterion.status} />
      </div>
      <p>{criterion.text}</p>
      {view.viewerIsCandidate && <p className="text-sm text-slate-700">{criterionStatusNext(criterion.status)}</p>}
      {criterion.decision && (
        <p className="text-sm">
          {criterion.decision.outcome === "MET" ? "Signed as met" : "Recorded as not yet met"} by{" "}
          {criterion.decision.signedBy} on{" "}
          <time dateTime={criterion.decision.signedAt.toISOString()}>
            {formatDateTime(criterion.decision.signedAt, view.enrolment.timeZone)}
          </time>
          .
        </p>
      )}
      {criterion.range && (
        <RangeSection range={criterion.range} own={view.viewerIsCandidate} status={criterion.status} />
      )}
      {criterion.evidence.length > 0 && (
        <div>
          <p className="font-semibold">Evidence mapped</p>
          <ul className="space-y-1">
            {criterion.evidence.map((e) => (
              <li key={e.mappingId}>
                {view.viewerIsCandidate ? (
                  <Link
                    href={`/candidate/evidence/${e.evidenceId}`}
                    className="text-brand-700 underline underline-offset-4"
                  >
                    {e.title}
                  </Link>
                ) : (
                  <span className="font-medium">{e.title}</span>
                )}{" "}
                — {mappingStatusLabel(e.status)}
                {e.warnings.map((warning) => (
                  <p
                    key={warning}
                    className="ml-4 rounded border border-amber-700 bg-amber-50 px-3 py-1 text-sm text-amber-950"
                  >
                    <span className="font-semibold">
                      <span aria-hidden="true">⚠ </span>Warning:
                    </span>{" "}
                    {warning}
                  </p>
                ))}
                {e.feedback && (
                  <p className="ml-4 border-l-4 border-slate-300 pl-3 text-sm">
                    <span className="font-medium">{reviewFeedbackLabel(e.status)}:</span> {e.feedback}
                  </p>
                )}
                {view.viewerIsCandidate && e.reviewCount > 0 && (
                  <p className="ml-4 text-sm">
                    <Link
                      href={`/candidate/evidence/${e.evidenceId}#review-history`}
                      className="text-brand-700 underline underline-offset-4"
                    >
                      Review history ({e.reviewCount} {e.reviewCount === 1 ? "review" : "reviews"})
                      <span className="sr-only"> of “{e.title}”</span>
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.canPropose && criterion.status !== "met" && (
        <AttachEvidenceForm
          enrolmentId={view.enrolment.id}
          criterion={{
            id: criterion.id,
            ref: criterion.ref,
            rangeTitle: criterion.range?.title ?? null,
            rangeRule: criterion.range?.rule ?? null,
            rangeMin: criterion.range?.min ?? null,
            rangeItems: criterion.range?.items.map(({ id, text }) => ({ id, text })) ?? [],
          }}
          evidence={view.attachableEvidence satisfies readonly AttachableEvidence[]}
        />
      )}
    </li>
  );
}

// long-function: the gap view read top to bottom: the heading and counts, the open-items toggle, the status summary table, each group's criteria (CriterionEntry), the evidence requirements and the final declaration; each section is markup used once, in page order
export default async function GapViewPage({ params, searchParams }: Props) {
  const [{ enrolmentId }, query] = await Promise.all([params, searchParams]);
  const whole = await load(enrolmentId);
  // "Open items only" leaves out what is signed off, so a long unit (CS34) shows what is left to do.
  const onlyOpen = query.show === "open";
  const view = onlyOpen ? openItemsOnly(whole) : whole;
  const { enrolment } = view;
  const withdrawn = enrolment.status !== "ACTIVE";
  return (
    <div className="space-y-10">
      <div className="space-y-2">
        {view.viewerIsCandidate && (
          <p>
            <Link href="/candidate" className="text-brand-700 underline underline-offset-4">
              My units
            </Link>
          </p>
        )}
        <h1 className="text-2xl font-semibold">
          {enrolment.unitCode} {enrolment.unitTitle}
        </h1>
        <p>
          {view.viewerIsCandidate ? "Your progress" : `Progress of ${enrolment.candidateName}`} on version{" "}
          {enrolment.versionNumber} of this unit. Planned end date:{" "}
          {formatDate(enrolment.plannedEndDate, enrolment.timeZone)}.
        </p>
        {withdrawn && (
          <p className="font-medium">
            This enrolment is {enrolment.status === "WITHDRAWN" ? "withdrawn" : "completed"}; nothing on it can be
            changed.
          </p>
        )}
        <p>
          {view.counts.met} of {view.total} criteria met.{" "}
          {view.counts.none === 0
            ? "Every criterion has evidence."
            : `${view.counts.none} ${view.counts.none === 1 ? "criterion has" : "criteria have"} no evidence yet.`}
        </p>
      </div>

      <p>
        {onlyOpen ? (
          <>
            Showing the {openCount(view)} open {openCount(view) === 1 ? "criterion" : "criteria"} only (not yet met).{" "}
            <Link href={`/candidate/units/${enrolment.id}`} className="text-brand-700 underline underline-offset-4">
              Show every criterion
            </Link>
          </>
        ) : (
          <Link
            href={`/candidate/units/${enrolment.id}?show=open`}
            className="text-brand-700 underline underline-offset-4"
          >
            Show open items only ({openCount(view)} not yet met)
          </Link>
        )}
      </p>

      <p>
        <Link
          href={`/candidate/units/${encodeURIComponent(enrolment.id)}/plan`}
          className="text-brand-700 underline underline-offset-4"
        >
          Assessment plan: what your assessor will assess next, and when
        </Link>
      </p>

      {view.viewerIsCandidate ? (
        <p>
          <Link
            href={`/candidate/units/${encodeURIComponent(enrolment.id)}/witnesses`}
            className="text-brand-700 underline underline-offset-4"
          >
            Ask a workplace witness for a testimony
          </Link>
        </p>
      ) : null}

      {view.viewerIsCandidate ? (
        <p>
          <Link
            href={`/candidate/units/${encodeURIComponent(enrolment.id)}/questions`}
            className="text-brand-700 underline underline-offset-4"
          >
            Questions from your assessor
          </Link>
        </p>
      ) : null}

      {view.viewerIsCandidate ? <UnitCredentialLink actor={await requireActor()} enrolmentId={enrolment.id} /> : null}

      {view.viewerIsCandidate ? (
        <p>
          <a
            href={`/api/packs/enrolments/${encodeURIComponent(enrolment.id)}`}
            download
            className="text-brand-700 underline underline-offset-4"
          >
            Download my evidence pack
          </a>{" "}
          (a ZIP of this unit&apos;s evidence files, with an index and a manifest of their SHA-256)
        </p>
      ) : null}

      <Section id="summary-heading" title="Summary">
        <table className="border-collapse text-left">
          <caption className="mb-2 text-left text-sm text-slate-700">
            Criteria of {enrolment.unitCode} by status
          </caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-slate-300 py-1 pr-6">
                Status
              </th>
              <th scope="col" className="border-b border-slate-300 py-1 text-right">
                Criteria
              </th>
            </tr>
          </thead>
          <tbody>
            {criterionStatuses.map((status) => (
              <tr key={status}>
                <th scope="row" className="py-1 pr-6 font-normal">
                  <StatusBadge status={status} />
                </th>
                <td className="py-1 text-right tabular-nums">{view.counts[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <MethodMix
        rows={await getMethodMix(db, await requireActor(), enrolment.id)}
        showDrafts={view.viewerIsCandidate}
      />

      {view.groups.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className="space-y-3">
          <h2 id={`group-${group.id}`} className="text-xl font-semibold">
            {groupKindLabel(group.kind)}
            {group.ref ? ` ${group.ref}` : ""}: {group.title}
          </h2>
          {group.assessmentMethods && (
            <p className="text-sm">
              <span className="font-medium">Evidence may be supplied by:</span>{" "}
              {group.assessmentMethods.map((m) => m.replace(/\*/g, "").trim()).join(", ")}
            </p>
          )}
          <ol className="space-y-3">
            {group.criteria.map((criterion) => (
              <CriterionEntry key={criterion.id} criterion={criterion} view={view} />
            ))}
          </ol>
        </section>
      ))}

      {view.requirements.length > 0 && (
        <Section id="requirements-heading" title="Evidence requirements">
          <p>
            These apply to the whole unit. Confirmed by your assessor at sign-off; until then each one shows as not yet
            confirmed.
          </p>
          <ul className="space-y-3">
            {view.requirements.map((requirement) => {
              const labels = checkLabels(requirement.checks);
              return (
                <li key={requirement.ref} className="flex gap-3 rounded border border-slate-200 bg-white p-4">
                  <span aria-hidden="true" className="text-xl leading-6">
                    {requirement.confirmed ? "☑" : "☐"}
                  </span>
                  <div className="space-y-1">
                    <p>
                      <span className="font-mono font-semibold">{requirement.ref}</span> {requirement.text}
                    </p>
                    {requirement.items.length > 0 && (
                      <ul className="pl-4">
                        {requirement.items.map((item) => (
                          <li key={item.ref}>
                            <span className="font-mono font-semibold">{item.ref}</span> {item.text}
                          </li>
                        ))}
                      </ul>
                    )}
                    {labels.length > 0 && <p className="text-sm text-slate-700">Checks: {labels.join("; ")}.</p>}
                    <p className="text-sm font-medium">
                      {requirement.confirmed ? "Confirmed by your assessor" : "Not yet confirmed by your assessor"}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        </Section>
      )}

      {view.viewerIsCandidate && enrolment.status === "ACTIVE" && (
        <Section id="declaration-heading" title="Your final declaration" className="max-w-3xl space-y-3">
          {enrolment.candidateDeclaredAt ? (
            <p>
              You made your declaration on {formatDate(enrolment.candidateDeclaredAt, enrolment.timeZone)}. Your
              assessor can now sign the unit off once every criterion is met.
            </p>
          ) : (
            <>
              <p>
                When your evidence is complete, declare it is your own work. Your assessor signs the unit off only after
                you have.
              </p>
              <CandidateDeclarationForm enrolmentId={enrolment.id} unitCode={enrolment.unitCode} />
            </>
          )}
        </Section>
      )}
    </div>
  );
}
