import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { DescriptionList } from "@/components/ui/description-list";
import { StatusTag, type StatusTone } from "@/components/ui/status-tag";
import { Section } from "@/components/ui/section";
import { emptyClass, linkClass, panelClass } from "@/components/ui/styles";
import { formatDate, formatDateTime } from "@/lib/format/date";
import {
  visitStateLabels,
  type ScopeEnrolment,
  type VisitAction,
  type VisitFinding,
  type VisitState,
  type VisitSummary,
  type VisitView,
} from "@/lib/qa/visit-read";
import { visitDays } from "@/lib/qa/visits";

// The parts of the visit pages the admin's and the EQA's share.

const stateTones: Record<VisitState, StatusTone> = {
  upcoming: "neutral",
  open: "positive",
  ended: "ended",
  cancelled: "withdrawn",
};

export function VisitStateTag({ state }: { state: VisitState }) {
  return <StatusTag tone={stateTones[state]}>{visitStateLabels[state]}</StatusTag>;
}

const scopeKindWords: Record<string, string> = {
  units: "Every enrolment at the centre on these units",
  candidates: "Every enrolment of these candidates",
  plan: "The enrolments sampled by this IQA sampling plan",
};

export function VisitDetails({ visit }: { visit: VisitView }) {
  const tz = visit.centre.timeZone;
  return (
    <DescriptionList
      items={[
        { term: "Status", details: <VisitStateTag state={visit.state} /> },
        { term: "External quality assurer", details: visit.eqa.name },
        { term: "Centre", details: visit.centre.name },
        { term: "Days", details: `${visitDays(visit, tz)} (${tz})` },
        {
          term: "Scope",
          details: `${scopeKindWords[visit.scopeKind] ?? visit.scopeKind}: ${visit.scopeWords.join(", ")}. ${visit.portfolios} portfolio${visit.portfolios === 1 ? "" : "s"}.`,
        },
        { term: "Arranged by", details: `${visit.createdBy.name}, ${formatDateTime(visit.createdAt, tz)}` },
        visit.cancelledAt
          ? { term: "Cancelled", details: formatDateTime(visit.cancelledAt, tz) }
          : { term: "Cancelled", details: null },
      ]}
    />
  );
}

/** The enrolments in scope, each linking where `href` says (the EQA's read-only record, the admin's enrolment page). */
export function ScopeTable({
  enrolments,
  href,
  caption,
}: {
  enrolments: ScopeEnrolment[];
  href?: (enrolment: ScopeEnrolment) => string;
  caption: string;
}) {
  return (
    <DataTable
      caption={caption}
      rows={enrolments}
      rowKey={(e) => e.id}
      empty="Nothing is in scope: the visit was cancelled, or its enrolments have been removed."
      columns={[
        {
          header: "Candidate and unit",
          rowHeader: true,
          cell: (e) =>
            href ? (
              <Link href={href(e)} className={linkClass}>
                {e.candidate.name}, {e.unit.code}
              </Link>
            ) : (
              `${e.candidate.name}, ${e.unit.code}`
            ),
        },
        { header: "Unit", cell: (e) => `${e.unit.title} (version ${e.unit.versionNumber})` },
        { header: "Assessor", cell: (e) => e.assessor?.name ?? "None assigned" },
        { header: "Enrolment", cell: (e) => e.status.charAt(0) + e.status.slice(1).toLowerCase() },
      ]}
    />
  );
}

export function FindingsList({ findings, timeZone }: { findings: VisitFinding[]; timeZone: string }) {
  if (findings.length === 0) return <p className={emptyClass}>No findings have been recorded yet.</p>;
  return (
    <ol className="space-y-3">
      {findings.map((f) => (
        <li key={f.id} className="rounded border border-slate-200 bg-white p-3">
          <p className="whitespace-pre-wrap">{f.text}</p>
          <p className="text-sm text-slate-700">
            {f.author.name}, <time dateTime={f.createdAt.toISOString()}>{formatDateTime(f.createdAt, timeZone)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

const actionStatusWords: Record<string, string> = { open: "Open", responded: "Responded", closed: "Closed" };

export function ActionsList({ actions, timeZone }: { actions: VisitAction[]; timeZone: string }) {
  return (
    <DataTable
      caption="Actions raised at this visit"
      rows={actions}
      rowKey={(a) => a.id}
      empty="No finding has needed action."
      columns={[
        { header: "Action", rowHeader: true, className: "whitespace-pre-wrap", cell: (a) => a.text },
        { header: "Addressed to", cell: (a) => a.assessor?.name ?? "The centre" },
        { header: "Due by", cell: (a) => formatDate(a.dueDate, timeZone) },
        { header: "Status", cell: (a) => actionStatusWords[a.status] ?? a.status },
      ]}
    />
  );
}

/** A list of visits for the EQA or the admin, each title a link when `href` gives one. */
export function VisitTable({
  visits,
  caption,
  href,
  showCentre = false,
}: {
  visits: VisitSummary[];
  caption: string;
  href?: (visit: VisitSummary) => string | null;
  showCentre?: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      rows={visits}
      rowKey={(v) => v.id}
      columns={[
        {
          header: "Visit",
          rowHeader: true,
          cell: (v) => {
            const to = href?.(v);
            return to ? (
              <Link href={to} className={linkClass}>
                {v.title}
              </Link>
            ) : (
              v.title
            );
          },
        },
        ...(showCentre ? [{ header: "Centre", cell: (v: VisitSummary) => v.centre.name }] : []),
        { header: "External quality assurer", cell: (v) => v.eqa.name },
        { header: "Days", cell: (v) => visitDays(v, v.centre.timeZone) },
        { header: "Portfolios", numeric: true, cell: (v) => v.portfolios },
        { header: "Findings", numeric: true, cell: (v) => v.findingCount },
        { header: "Status", cell: (v) => <VisitStateTag state={v.state} /> },
      ]}
    />
  );
}

/** The findings and the actions of a visit, each in its own section: what the admin and the EQA both read. */
export function FindingsAndActions({ visit }: { visit: VisitView }) {
  return (
    <>
      <Section id="findings-heading" title="Findings" className={panelClass}>
        <FindingsList findings={visit.findings} timeZone={visit.centre.timeZone} />
      </Section>
      <Section id="actions-heading" title="Actions" className={panelClass}>
        <ActionsList actions={visit.actions} timeZone={visit.centre.timeZone} />
      </Section>
    </>
  );
}
