"use client";

import { useEffect, useRef } from "react";
import type { ImportReport, ImportRowOutcome } from "@/lib/people/import-candidates-csv";
import { DataTable, type Column } from "@/components/ui/data-table";
import { alertClass, successClass } from "@/components/ui/styles";

const outcomeLabels: Record<ImportRowOutcome, string> = {
  invalid: "Needs fixing",
  invited: "Invited, link created",
  unchanged: "Already a candidate here, nothing changed",
};

type Row = ImportReport["rows"][number];

/** The report's rows: the row number (the row heading), the name and the email, then the given columns. */
function RowsTable({
  caption,
  rows,
  blank = "",
  more,
}: {
  caption: string;
  rows: Row[];
  /** What stands for an empty name or email. */
  blank?: string;
  more: Column<Row>[];
}) {
  return (
    <DataTable
      region
      caption={caption}
      rows={rows}
      rowKey={(row) => row.row}
      columns={[
        { header: "Row", rowHeader: true, className: "", cell: (row) => row.row },
        { header: "Name", cell: (row) => row.name || blank },
        { header: "Email", cell: (row) => row.email || blank },
        ...more,
      ]}
    />
  );
}

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The per-row result of an import: the problems to fix, or who was added with which link. */
// long-function: the two outcomes of an import side by side: nothing imported (the file or row problems) or imported (who was invited, with links); both share the focused summary, and reading them together shows what differs
export function ImportReportView({
  report,
  fileName,
}: {
  report: Omit<ImportReport, "outboxMessageIds">;
  fileName: string;
}) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    summary.current?.focus();
  }, []);

  if (!report.imported) {
    return (
      <section aria-labelledby="report-heading" className="space-y-4">
        <div ref={summary} tabIndex={-1} role="alert" className={alertClass}>
          <h2 id="report-heading" className="text-xl font-semibold">
            Nothing was imported from {fileName || "the file"}
          </h2>
          {report.fileProblems.length > 0 ? (
            <ul className="mt-2 list-disc pl-6">
              {report.fileProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-2">
              {plural(report.counts.invalid, "row needs", "rows need")} fixing (of{" "}
              {plural(report.counts.rows, "row", "rows")} of people). Correct them in your spreadsheet, save it as CSV
              and upload it again. No one is added until every row is right.
            </p>
          )}
        </div>
        {report.rows.length > 0 ? (
          <RowsTable
            caption="Rows with problems (row numbers as your spreadsheet shows them; row 1 is the header)"
            rows={report.rows}
            blank="(empty)"
            more={[
              {
                header: "Problems",
                cell: (row) => (
                  <ul className="list-disc pl-5">
                    {row.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        ) : null}
      </section>
    );
  }

  const { invited, unchanged } = report.counts;
  return (
    <section aria-labelledby="report-heading" className="space-y-4">
      <div ref={summary} tabIndex={-1} role="status" className={successClass}>
        <h2 id="report-heading" className="text-xl font-semibold">
          Imported {fileName || "the file"}
        </h2>
        <p className="mt-2">
          {plural(invited, "candidate", "candidates")} invited; {plural(unchanged, "person was", "people were")} already
          a candidate here. Each invitation has been sent to the person&apos;s email; the links are also below and in
          the outbox. They expire in 7 days, and each candidate&apos;s role starts when they accept.
        </p>
      </div>
      <RowsTable
        caption="Import report, one line per row of the file"
        rows={report.rows}
        more={[
          { header: "Result", cell: (row) => outcomeLabels[row.outcome] },
          {
            header: "Invitation link",
            className: "break-all",
            cell: (row) =>
              row.invitationLink ? <span className="font-mono text-xs">{row.invitationLink}</span> : "None needed",
          },
        ]}
      />
    </section>
  );
}
