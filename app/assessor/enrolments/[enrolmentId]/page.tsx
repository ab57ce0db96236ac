import Link from "next/link";
import { cache } from "react";
import { ColumnHeadings } from "@/components/ui/data-table";
import { ConfirmRequirementForm } from "@/components/assessment/confirm-requirement-form";
import { DecideCriterionForm } from "@/components/assessment/decide-criterion-form";
import { DoneBanner, firstParam, Time } from "@/components/assessment/page-parts";
import { Folded } from "@/components/ui/folded";
import { RevokeForm } from "@/components/assessment/revoke-form";
import { SignOffUnitForm } from "@/components/assessment/sign-off-unit-form";
import { cellClass, linkClass, panelClass, tableClass } from "@/components/ui/styles";
import { checkLabels } from "@/components/standards/evidence-requirements";
import {
  getEnrolmentAssessment,
  type CriterionAssessment,
  type DecisionView,
  type EnrolmentAssessment,
} from "@/lib/assessment/get-enrolment-assessment";
import { requireActor } from "@/lib/auth/session";
import { MethodMix } from "@/components/portfolio/method-mix";
import { getMethodMix } from "@/lib/portfolio/method-mix";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { WitnessRequestsLink } from "@/components/witness/witness-requests-link";
import { QuestionsLink } from "@/components/questioning/questions-link";
import { EnrolmentPackLink } from "@/components/packs/pack-link";
import { RecordObservationLink } from "@/components/observation/record-observation-link";

export const dynamic = "force-dynamic";
const load = cache(async (enrolmentId: string) =>
  orNotFound(getEnrolmentAssessment(db, await requireActor(), enrolmentId)),
);
export const generateMetadata = titleOnceFound("Assessment record", ({ enrolmentId }: { enrolmentId: string }) =>
  load(enrolmentId),
);

const doneMessages: Record<string, string> = {
  met: "Criterion signed as met. The candidate has been told.",
  notYetMet: "Criterion recorded as not yet met. The candidate has been told.",
  confirmed: "Evidence requirement confirmed.",
  signedOff: "Unit signed off. The enrolment is completed and its portfolio locked. The candidate has been told.",
  revoked: "Decision revoked. It stays in the history with your reason, and the candidate has been told.",
  signOffRevoked:
    "Unit sign-off revoked. The unit is in progress again; the sign-off stays in the history with your reason. The candidate has been told.",
  reopened:
    "Decision revoked, and the unit sign-off with it: the unit is in progress again. Both stay in the history with your reason. The candidate has been told.",
};

function outcomeWords(outcome: DecisionView["outcome"]): string {
  return outcome === "MET" ? "Met" : "Not yet met";
}

function DecisionLine({ decision, timeZone }: { decision: DecisionView; timeZone: string }) {
  return (
    <p>
      <span className="font-semibold">{outcomeWords(decision.outcome)}</span>: signed by {decision.signed.by} on{" "}
      <Time date={decision.signed.at}>{formatDateTime(decision.signed.at, timeZone)}</Time>
      <span className="block break-all font-mono text-xs text-slate-700">Signature {decision.signatureHash}</span>
      <span className="block text-sm">
        {decision.signatureValid
          ? "Signature verified: the evidence it rests on is as it was signed."
          : "Signature does not match: the evidence it rests on has changed since it was signed."}
      </span>
    </p>
  );
}

// long-function: one criterion as the assessor sees it, read top to bottom: its range coverage, the accepted evidence, then the standing decision with revoke, or the folded decide form, then earlier decisions; each part is short and reads against the others
function CriterionPanel({ view, criterion }: { view: EnrolmentAssessment; criterion: CriterionAssessment }) {
  const tz = view.timeZone;
  const active = view.enrolment.status === "ACTIVE";
  const headingId = `criterion-${criterion.id}-title`;
  const rule = criterion.rangeRuleWords;
  return (
    <section id={`criterion-${criterion.id}`} aria-labelledby={headingId} className={panelClass}>
      <h4 id={headingId} className="font-semibold">
        {criterion.ref} {criterion.text}
      </h4>
      {criterion.rangeItems.length > 0 ? (
        <div className="text-sm">
          <p className="font-medium">
            {criterion.rangeTitle ?? "Range"}: {criterion.coverage.covered} of {criterion.coverage.total} covered by
            accepted evidence
            {rule ? ` (the unit asks for ${rule})` : " (no rule: for guidance)"}
          </p>
          <ul className="space-y-0.5">
            {criterion.rangeItems.map((item) => (
              <li key={item.id}>
                <span aria-hidden="true">{item.covered ? "✔ " : "– "}</span>
                {item.text}
                <span className="text-slate-700">{item.covered ? " (covered)" : " (not covered)"}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="text-sm">
        <p className="font-medium">Accepted evidence</p>
        {criterion.accepted.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul className="list-disc pl-5">
            {criterion.accepted.map((a) => (
              <li key={a.mappingId}>
                <Link href={`/assessor/review/${a.evidenceId}`} className={linkClass}>
                  {a.title}
                </Link>
                {a.awaitingConfirmation ? (
                  <span className="font-medium">
                    {" "}
                    (observation not yet confirmed by the candidate: does not count yet)
                  </span>
                ) : null}
                {a.rangeItemTexts.length > 0 ? (
                  <span className="text-slate-700"> covers: {a.rangeItemTexts.join("; ")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {criterion.waiting > 0 || criterion.referred > 0 ? (
          <p className="text-slate-700">
            {criterion.waiting > 0 ? `${criterion.waiting} waiting for review. ` : ""}
            {criterion.referred > 0 ? `${criterion.referred} referred back.` : ""}
          </p>
        ) : null}
      </div>
      <div className="space-y-2 border-t border-slate-200 pt-3">
        {criterion.standing ? (
          <>
            <DecisionLine decision={criterion.standing} timeZone={tz} />
            {view.abilities.revoke && view.enrolment.status !== "WITHDRAWN" ? (
              <RevokeForm
                enrolmentId={view.enrolment.id}
                kind="decision"
                id={criterion.standing.id}
                what={`the decision on ${criterion.ref}`}
                warning={
                  criterion.standing.outcome === "MET" && view.signOff.standing
                    ? "The unit is signed off: revoking this decision revokes the unit sign-off too and reopens the unit."
                    : undefined
                }
              />
            ) : null}
          </>
        ) : (
          <>
            <p>
              <span className="font-semibold">Not decided yet.</span>
            </p>
            {view.abilities.decide && active ? (
              // Not ready to be met: the form stays folded so a long unit stays readable, and
              // "not yet met" (or a refused "met", which says what is missing) is one click away.
              <Folded
                folded={Boolean(criterion.shortfall)}
                summary={`Sign ${criterion.ref}`}
                summaryClassName="cursor-pointer font-medium text-brand-700"
              >
                <DecideCriterionForm
                  enrolmentId={view.enrolment.id}
                  criterionId={criterion.id}
                  criterionRef={criterion.ref}
                  shortfall={criterion.shortfall || null}
                />
              </Folded>
            ) : criterion.shortfall ? (
              <p className="text-sm">{criterion.shortfall}</p>
            ) : null}
          </>
        )}
        {criterion.history.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer">Earlier decisions ({criterion.history.length})</summary>
            <ul className="mt-2 space-y-2">
              {criterion.history.map((d) => (
                <li key={d.id} className="border-l-4 border-slate-300 pl-3">
                  {outcomeWords(d.outcome)}, signed by {d.signed.by} on{" "}
                  <Time date={d.signed.at}>{formatDateTime(d.signed.at, tz)}</Time>
                  <RevokedNote revoked={d.revoked} tz={tz} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </section>
  );
}

function decisionSummary(criterion: CriterionAssessment): string {
  if (criterion.standing) return outcomeWords(criterion.standing.outcome);
  if (!criterion.shortfall) return "Ready to sign";
  if (criterion.accepted.some((a) => a.awaitingConfirmation))
    return "Observation awaiting the candidate's confirmation";
  return criterion.accepted.length === 0 ? "No accepted evidence" : "Range not yet covered";
}

/** Every criterion on one screen, with a link to its section below. */
function CriteriaOverview({ view }: { view: EnrolmentAssessment }) {
  const criteria = view.groups.flatMap((g) => g.criteria);
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="mb-2 text-left font-semibold">Criteria at a glance</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <ColumnHeadings
              headings={["Criterion", "Accepted evidence", "Range covered", "Waiting for review", "Decision"]}
              className={cellClass}
            />
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.id} className="border-b border-slate-200">
              <th scope="row" className={`${cellClass} font-normal`}>
                <a href={`#criterion-${c.id}`} className={linkClass}>
                  {c.ref}
                </a>
              </th>
              <td className={cellClass}>{c.accepted.length}</td>
              <td className={cellClass}>
                {c.rangeItems.length > 0
                  ? `${c.coverage.covered} of ${c.coverage.total}${c.rangeRuleWords ? ` (needs ${c.rangeRuleWords})` : ""}`
                  : "No range"}
              </td>
              <td className={cellClass}>{c.waiting}</td>
              <td className={cellClass}>{decisionSummary(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Requirements({ view }: { view: EnrolmentAssessment }) {
  if (view.requirements.length === 0) return null;
  const tz = view.timeZone;
  const active = view.enrolment.status === "ACTIVE";
  return (
    <section aria-labelledby="requirements-title" className="space-y-4">
      <h2 id="requirements-title" className="text-2xl font-semibold">
        Evidence requirements
      </h2>
      <p className="max-w-3xl text-slate-700">
        Unit-level rules that are not criteria. Each one with checks must be confirmed, with the evidence that shows it,
        before the unit is signed off.
      </p>
      {view.requirements.map((r) => {
        const labels = checkLabels(r.checks);
        return (
          <section
            key={r.id}
            id={`requirement-${r.id}`}
            aria-labelledby={`requirement-${r.id}-title`}
            className={panelClass}
          >
            <h3 id={`requirement-${r.id}-title`} className="font-semibold">
              Requirement {r.ref}
            </h3>
            <p>{r.text}</p>
            {r.items.length > 0 ? (
              <ul className="space-y-0.5">
                {r.items.map((item) => (
                  <li key={`${item.ref}-${item.text}`}>
                    {item.ref ? <span className="font-mono font-semibold">{item.ref}</span> : null} {item.text}
                  </li>
                ))}
              </ul>
            ) : null}
            {labels.length > 0 ? <p className="text-sm">Checks: {labels.join("; ")}.</p> : null}
            {!r.checkable ? (
              <p className="text-sm text-slate-700">Guidance only: nothing to confirm.</p>
            ) : r.confirmation ? (
              <div className="text-sm">
                <p>
                  <span className="font-semibold">Confirmed</span> by {r.confirmation.by} on{" "}
                  <Time date={r.confirmation.at}>{formatDateTime(r.confirmation.at, tz)}</Time>, shown by:{" "}
                  {r.confirmation.evidence.map((e) => e.title).join("; ")}
                </p>
                {r.confirmation.note ? <p>Note: {r.confirmation.note}</p> : null}
              </div>
            ) : (
              <p className="font-semibold">Not confirmed yet.</p>
            )}
            {r.checkable && view.abilities.confirm && active ? (
              <Folded folded={Boolean(r.confirmation)} summary="Change the confirmation">
                <ConfirmRequirementForm
                  enrolmentId={view.enrolment.id}
                  requirementId={r.id}
                  requirementRef={r.ref}
                  simulationAllowed={r.checks.simulationAllowed !== false}
                  evidence={view.acceptedEvidence}
                  confirmedEvidenceIds={r.confirmation?.evidence.map((e) => e.id) ?? []}
                  note={r.confirmation?.note ?? null}
                />
              </Folded>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

function SignOffPanel({ view }: { view: EnrolmentAssessment }) {
  const tz = view.timeZone;
  const { standing, history, open } = view.signOff;
  const e = view.enrolment;
  return (
    <section id="sign-off" aria-labelledby="sign-off-title" className={panelClass}>
      <h2 id="sign-off-title" className="text-2xl font-semibold">
        Unit sign-off
      </h2>
      <div>
        <h3 className="font-semibold">Candidate&apos;s declaration</h3>
        {e.candidateDeclaredAt ? (
          <p>
            Made on <Time date={e.candidateDeclaredAt}>{formatDateTime(e.candidateDeclaredAt, tz)}</Time>: “
            {e.candidateDeclaration}”
          </p>
        ) : (
          <p>Not made yet. The candidate makes it from their unit page when their portfolio is complete.</p>
        )}
      </div>
      {standing ? (
        <div className="space-y-2">
          <p>
            <span className="font-semibold">Signed off</span> by {standing.by} on{" "}
            <Time date={standing.at}>{formatDateTime(standing.at, tz)}</Time>.
          </p>
          <blockquote className="border-l-4 border-slate-300 pl-3 italic">{standing.declaration}</blockquote>
          <p className="break-all font-mono text-xs text-slate-700">Signature {standing.signatureHash}</p>
          {view.abilities.revoke ? (
            <RevokeForm
              enrolmentId={e.id}
              kind="unitSignOff"
              id={standing.id}
              what="the unit sign-off"
              warning="Revoking reopens the unit: it is in progress again until it is signed off once more."
            />
          ) : null}
        </div>
      ) : e.status === "WITHDRAWN" ? (
        <p>This enrolment has been withdrawn, so the unit cannot be signed off.</p>
      ) : (
        <div className="space-y-3">
          {open.length > 0 ? (
            <>
              <h3 className="font-semibold">Still open</h3>
              <ul className="list-disc pl-5">
                {open.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {view.abilities.signOff ? (
                <p className="text-sm text-slate-700">The sign-off form appears here once nothing is open.</p>
              ) : null}
            </>
          ) : (
            <p>Every criterion is met, every evidence requirement is confirmed and the candidate has declared.</p>
          )}
          {open.length === 0 && view.abilities.signOff ? (
            <SignOffUnitForm enrolmentId={e.id} unitCode={e.unitCode} />
          ) : null}
        </div>
      )}
      {history.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Earlier sign-offs ({history.length})</summary>
          <ul className="mt-2 space-y-2">
            {history.map((s) => (
              <li key={s.id} className="border-l-4 border-slate-300 pl-3">
                Signed off by {s.by} on <Time date={s.at}>{formatDateTime(s.at, tz)}</Time>
                <RevokedNote revoked={s.revoked} tz={tz} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** Under the heading: the version, who assesses, how far it is, and the ways to the record's other pages. */
function RecordSummary({ view }: { view: EnrolmentAssessment }) {
  const e = view.enrolment;
  const criteria = view.groups.flatMap((g) => g.criteria);
  const met = criteria.filter((c) => c.standing?.outcome === "MET").length;
  const checkable = view.requirements.filter((r) => r.checkable);
  const confirmed = checkable.filter((r) => r.confirmation).length;
  return (
    <>
      <p className="text-slate-700">
        Version {e.versionNumber} · Assessor {e.assessorName ?? "not assigned"} · Internal quality assurer{" "}
        {e.iqaName ?? "not assigned"} ·{" "}
        {e.status === "ACTIVE"
          ? "In progress"
          : e.status === "COMPLETED"
            ? "Signed off (portfolio locked)"
            : "Withdrawn"}
      </p>
      <p>
        {met} of {criteria.length} criteria met
        {checkable.length > 0 ? ` · ${confirmed} of ${checkable.length} evidence requirements confirmed` : ""} ·
        candidate declaration {e.candidateDeclaredAt ? "made" : "not made yet"}.{" "}
        <a href="#sign-off" className={linkClass}>
          Unit sign-off
        </a>{" "}
        ·{" "}
        <Link href={`/assessor/enrolments/${encodeURIComponent(e.id)}/plan`} className={linkClass}>
          Assessment plan
        </Link>
        <WitnessRequestsLink enrolmentId={e.id} />
        {view.abilities.decide ? <QuestionsLink enrolmentId={e.id} /> : null}
        {/* The enrolment's assessor and IQA (who may revoke) may download its pack; an EQA downloads their visit's. */}
        {view.abilities.revoke ? <EnrolmentPackLink enrolmentId={e.id} /> : null}
      </p>
    </>
  );
}

export default async function EnrolmentAssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ enrolmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { enrolmentId } = await params;
  const done = firstParam((await searchParams).done);
  const view = await load(enrolmentId);
  const e = view.enrolment;
  const readOnly = !view.abilities.decide;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">
          {e.candidateName}: {e.unitCode} {e.unitTitle}
        </h1>
        <RecordSummary view={view} />
        {readOnly ? (
          <p className="rounded border border-slate-400 bg-slate-50 p-3 text-sm">
            You are viewing this record
            {view.abilities.revoke
              ? ": you can revoke decisions and the unit sign-off with a reason, and comment on evidence"
              : " read-only"}
            . Only the assessor assigned to this enrolment signs criteria and the unit.
          </p>
        ) : null}
      </div>
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />

      <section aria-labelledby="criteria-title" className="space-y-6">
        <h2 id="criteria-title" className="text-2xl font-semibold">
          Criteria
        </h2>
        <RecordObservationLink view={view} />
        <CriteriaOverview view={view} />
        {view.groups.map((g, index) => (
          <div key={`${g.ref ?? ""}-${index}`} className="space-y-3">
            <h3 className="text-lg font-semibold">
              {g.ref ? `${g.ref} ` : ""}
              {g.title}
            </h3>
            {g.criteria.map((c) => (
              <CriterionPanel key={c.id} view={view} criterion={c} />
            ))}
          </div>
        ))}
      </section>

      <MethodMix rows={await getMethodMix(db, await requireActor(), e.id)} showDrafts={false} />
      <Requirements view={view} />
      <SignOffPanel view={view} />
    </div>
  );
}

/** "; revoked by … on …: “why”", after the signature it revokes; nothing when it stands. */
function RevokedNote({ revoked, tz }: { revoked: { by: string; at: Date; reason: string } | null; tz: string }) {
  if (!revoked) return null;
  return (
    <>
      ; revoked by {revoked.by} on <Time date={revoked.at}>{formatDateTime(revoked.at, tz)}</Time>: “{revoked.reason}”
    </>
  );
}
