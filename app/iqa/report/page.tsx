import type { Metadata } from "next";
import Link from "next/link";
import { ReportView } from "@/components/qa/report-view";
import { FilterBar, FilterInput } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass, noticeClass } from "@/components/ui/styles";
import { readReportPage, ReportRefusal } from "./read-report";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "IQA report" };

export default async function IqaReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const data = await readReportPage(searchParams);
  if (!data) return <ReportRefusal />;
  const { report, problems, query } = data;
  return (
    <div className="space-y-6">
      <PageHeader
        title="IQA report"
        lead="How much of the sample was done in a period, how often it agreed with each assessor, the actions still open, and what the sample has not covered yet."
      />
      <FilterBar action="/iqa/report" label="Report period" submitLabel="Show the report">
        <FilterInput id="report-from" name="from" type="date" label="From" value={report.period.from} />
        <FilterInput id="report-to" name="to" type="date" label="To" value={report.period.to} />
      </FilterBar>
      {problems.length > 0 ? (
        <p className={noticeClass} role="status">
          Note: {problems.join("; ")}. The report shows the last 90 days instead where it had to.
        </p>
      ) : null}
      <p className="flex flex-wrap gap-4">
        <Link href={`/iqa/report/print?${query}`} className={linkClass}>
          Printable version
        </Link>
        <a href={`/api/iqa/report?${query}`} className={linkClass} download>
          Download as CSV
        </a>
        {!report.wholeCentre ? (
          <Link href="/iqa/actions" className={linkClass}>
            Actions you set
          </Link>
        ) : null}
      </p>
      <ReportView report={report} />
    </div>
  );
}
