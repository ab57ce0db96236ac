import { firstParam } from "@/components/assessment/page-parts";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readIqaReport, reportScopeFor, type IqaReport } from "@/lib/qa/report";

// What the report page and its printable page both read: the actor's report for the period the
// address asks for, or nothing for someone who acts neither as an IQA nor as a centre admin.

export type ReportPageData = {
  actorName: string;
  report: IqaReport;
  problems: string[];
  /** "from=…&to=…" of the period shown, for the links between the report's pages. */
  query: string;
};

export async function readReportPage(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  now: Date = new Date(),
): Promise<ReportPageData | null> {
  const actor = await requireActor();
  const scope = reportScopeFor(actor);
  if (!scope) return null;
  const params = await searchParams;
  const { report, problems } = await readIqaReport(
    db,
    actor,
    scope,
    { from: firstParam(params.from), to: firstParam(params.to) },
    now,
  );
  const query = new URLSearchParams({ from: report.period.from, to: report.period.to }).toString();
  return { actorName: actor.name, report, problems, query };
}

export function ReportRefusal() {
  return (
    <Refusal
      title="IQA report"
      message="This report is for internal quality assurers and centre admins. If you hold one of those roles, choose it under “Acting as” in the header."
      linkClassName={linkClass}
    />
  );
}
