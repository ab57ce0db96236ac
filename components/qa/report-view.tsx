import Link from "next/link";
import { Time } from "@/components/assessment/page-parts";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { linkClass } from "@/components/ui/styles";
import { formatDate } from "@/lib/format/date";
import type { AssessorRow, IqaReport } from "@/lib/qa/report";
import { ActionStatus } from "./action-status";

// The IQA report's tables (lib/qa/report.ts), shared by the report page and its printable page.

function rateWords(rate: number | null): string {
  return rate === null ? "Nothing sampled" : `${rate}%`;
}

type Counted = Omit<AssessorRow, "assessorId">;

/** Planned against sampled, and the agreement rate, per assessor and in total. */
function SampleTable({ report }: { report: IqaReport }) {
  const total: Counted = { name: "All assessors", ...report.totals };
  return (
    <DataTable<Counted>
      caption="Planned and sampled, and how often the sample agreed with each assessor"
      rows={[...report.assessors, total]}
      rowKey={(r) => r.name}
      empty="No planned items in this period."
      columns={[
        { header: "Assessor", rowHeader: true, cell: (r) => r.name },
        { header: "Planned", numeric: true, cell: (r) => r.planned },
        { header: "Sampled", numeric: true, cell: (r) => r.sampled },
        { header: "Agreed", numeric: true, cell: (r) => r.agreed },
        { header: "Action required", numeric: true, cell: (r) => r.actionRequired },
        { header: "Agreement rate", numeric: true, cell: (r) => rateWords(r.agreementRate) },
      ]}
    />
  );
}

function ActionsTable({ report, links }: { report: IqaReport; links: boolean }) {
  const { open, overdue, list } = report.actions;
  return (
    <>
      <p>
        {open === 0 ? "No action is open." : `${open} open ${open === 1 ? "action" : "actions"}, ${overdue} overdue.`}
        {open > list.length ? ` The ${list.length} due soonest are listed.` : ""}
      </p>
      {list.length > 0 ? (
        <DataTable
          caption="Open actions, the soonest due first"
          rows={list}
          rowKey={(a) => a.id}
          columns={[
            {
              header: "Action on",
              rowHeader: true,
              className: "font-normal",
              cell: (a) =>
                links && a.link ? (
                  <Link href={a.link} className={linkClass}>
                    {a.about}
                  </Link>
                ) : (
                  a.about
                ),
            },
            { header: "For", cell: (a) => a.assessorName },
            { header: "Set by", cell: (a) => a.raisedByName },
            { header: "What is asked", cell: (a) => <span className="whitespace-pre-line">{a.text}</span> },
            { header: "Due by", cell: (a) => <Time date={a.dueDate}>{formatDate(a.dueDate, report.timeZone)}</Time> },
            {
              header: "Status",
              cell: (a) => <ActionStatus status={a.status} statusWord={a.statusWord} overdue={a.overdue} />,
            },
          ]}
        />
      ) : null}
    </>
  );
}

function GapLists({ report }: { report: IqaReport }) {
  const { assessors, units, methods } = report.gaps;
  if (assessors.length + units.length + methods.length === 0)
    return <p>None: every assessor, unit and method with standing decisions in the period has a planned item.</p>;
  const decisions = (n: number) => `${n} standing ${n === 1 ? "decision" : "decisions"}`;
  const list = (title: string, rows: { key: string; words: string }[]) =>
    rows.length > 0 ? (
      <div>
        <h3 className="font-semibold">{title}</h3>
        <ul className="list-disc pl-5">
          {rows.map((r) => (
            <li key={r.key}>{r.words}</li>
          ))}
        </ul>
      </div>
    ) : null;
  return (
    <div className="space-y-3">
      <p>Standing decisions signed in the period with no planned item of the same assessor, unit or method.</p>
      {list(
        "Assessors",
        assessors.map((a) => ({ key: a.id, words: `${a.name}: ${decisions(a.decisions)}` })),
      )}
      {list(
        "Units",
        units.map((u) => ({ key: u.code, words: `${u.code}: ${decisions(u.decisions)}` })),
      )}
      {list(
        "Methods",
        methods.map((m) => ({ key: m.method, words: `${m.label}: ${decisions(m.decisions)}` })),
      )}
    </div>
  );
}

/** The report's sections: the sample, open actions, and coverage gaps. `links` off for print. */
export function ReportView({ report, links = true }: { report: IqaReport; links?: boolean }) {
  return (
    <div className="space-y-8">
      <p>
        {report.wholeCentre ? "Every IQA's plans" : "Your plans"} at {report.centreName} whose period overlaps{" "}
        {report.period.from} to {report.period.to}: {report.planCount} {report.planCount === 1 ? "plan" : "plans"}.
      </p>
      <Section id="report-sample" title="Planned and sampled">
        <SampleTable report={report} />
      </Section>
      <Section id="report-actions" title="Open and overdue actions">
        <ActionsTable report={report} links={links} />
      </Section>
      <Section id="report-gaps" title="Coverage gaps">
        <GapLists report={report} />
      </Section>
    </div>
  );
}
