import { methodLabel } from "@/lib/evidence/methods";
import { formatDate } from "@/lib/format/date";
import { criterionStatusIcon, criterionStatusLabel } from "@/lib/portfolio/criterion-status";
import type { EnrolmentDetail } from "@/lib/progress/candidate-progress";
import { progressRowText } from "@/lib/progress/format";
import { RagBadge } from "./rag";

const mappingStatusLabels: Record<string, string> = {
  PROPOSED: "Mapped, not submitted",
  SUBMITTED: "Waiting for the assessor",
  ACCEPTED: "Accepted",
  REJECTED: "Referred back",
};

type DetailCriterion = EnrolmentDetail["groups"][number]["criteria"][number];

/** One criterion: its text, its status with the decision behind it, and the evidence mapped to it. */
function CriterionLine({ criterion, timeZone }: { criterion: DetailCriterion; timeZone: string }) {
  return (
    <li className="py-2">
      <p>
        <span className="font-medium">{criterion.ref}</span> {criterion.text}
      </p>
      <p className="text-sm">
        <span aria-hidden="true">{criterionStatusIcon(criterion.status)} </span>
        <span className="font-medium">{criterionStatusLabel(criterion.status)}</span>
        {criterion.decision ? (
          <span className="text-slate-700">
            {" "}
            · {criterion.decision.outcome === "MET" ? "signed off as met" : "judged not yet met"} by{" "}
            {criterion.decision.signedBy} on{" "}
            <time dateTime={criterion.decision.signedAt.toISOString()}>
              {formatDate(criterion.decision.signedAt, timeZone)}
            </time>
          </span>
        ) : null}
      </p>
      {criterion.evidence.length > 0 ? (
        <ul className="mt-1 list-disc pl-6 text-sm text-slate-800">
          {criterion.evidence.map((ev) => (
            <li key={ev.id}>
              {ev.title}{" "}
              <span className="text-slate-700">
                ({methodLabel(ev.method)}, {formatDate(ev.activityDate, timeZone)})
              </span>{" "}
              — {mappingStatusLabels[ev.mappingStatus] ?? ev.mappingStatus}
              {ev.submittedAt ? (
                <span className="text-slate-700">, submitted {formatDate(ev.submittedAt, timeZone)}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** One enrolment, read-only: its figures, then each criterion with its decision and evidence. */
export function EnrolmentDetailSection({ enrolment, timeZone }: { enrolment: EnrolmentDetail; timeZone: string }) {
  const text = progressRowText(enrolment, timeZone);
  const headingId = `enrolment-${enrolment.enrolmentId}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">
          {text.Unit}: {text["Unit title"]}
        </h2>
        <RagBadge rag={enrolment.rag} />
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-slate-700">Status</dt>
          <dd className="font-medium">{text.Status}</dd>
        </div>
        <div>
          <dt className="text-slate-700">Assessor</dt>
          <dd className="font-medium">{text.Assessor}</dd>
        </div>
        <div>
          <dt className="text-slate-700">Start date</dt>
          <dd className="font-medium">{text["Start date"]}</dd>
        </div>
        <div>
          <dt className="text-slate-700">Planned end date</dt>
          <dd className="font-medium">{text["Planned end date"]}</dd>
        </div>
        <div>
          <dt className="text-slate-700">Criteria met</dt>
          <dd className="font-medium tabular-nums">
            {text["Criteria met"]} of {text["Criteria in unit"]} ({text["Progress (%)"]}%)
          </dd>
        </div>
        <div>
          <dt className="text-slate-700">Planned time used</dt>
          <dd className="font-medium tabular-nums">{text["Time elapsed (%)"]}%</dd>
        </div>
        {text.Schedule ? (
          <div>
            <dt className="text-slate-700">Schedule</dt>
            <dd className="font-medium tabular-nums">{text.Schedule}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-slate-700">Last activity</dt>
          <dd className="font-medium">{text["Last activity"]}</dd>
        </div>
      </dl>
      {enrolment.groups.map((group, g) => (
        <div key={`${group.ref ?? ""}-${g}`} className="space-y-2">
          <h3 className="font-semibold">
            {group.ref ? `${group.ref} ` : ""}
            {group.title}
          </h3>
          <ul className="divide-y divide-slate-100 border-y border-slate-100">
            {group.criteria.map((c) => (
              <CriterionLine key={c.id} criterion={c} timeZone={timeZone} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
