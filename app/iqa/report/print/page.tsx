import type { Metadata } from "next";
import Link from "next/link";
import { ReportView } from "@/components/qa/report-view";
import { linkClass } from "@/components/ui/styles";
import { formatDateTime } from "@/lib/format/date";
import { readReportPage, ReportRefusal } from "../read-report";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "IQA report (printable)" };

/** The report on its own, for paper or PDF: no controls in print, links as plain text. */
export default async function PrintableIqaReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const now = new Date();
  const data = await readReportPage(searchParams, now);
  if (!data) return <ReportRefusal />;
  const { report, query, actorName } = data;
  return (
    <article className="max-w-4xl space-y-6 print:max-w-none">
      <p className="flex flex-wrap gap-4 print:hidden">
        <Link href={`/iqa/report?${query}`} className={linkClass}>
          Back to the report
        </Link>
        <span>Use your browser&apos;s Print command to print this page or save it as a PDF.</span>
      </p>
      <header className="space-y-1">
        <h1 className="text-3xl font-bold">
          IQA report, {report.period.from} to {report.period.to}
        </h1>
        <p>
          {report.centreName} · {report.wholeCentre ? "every IQA" : actorName} · produced{" "}
          {formatDateTime(now, report.timeZone)}
        </p>
      </header>
      <ReportView report={report} links={false} />
    </article>
  );
}
