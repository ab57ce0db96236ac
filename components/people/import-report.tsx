"use client";

import { useEffect, useRef } from "react";
import type { ImportReport, ImportRowOutcome } from "@/lib/people/import-candidates-csv";
import { alertClass, cellClass, headRowClass, successClass, tableClass } from "./styles";

const outcomeLabels: Record<ImportRowOutcome, string> = {
  invalid: "Needs fixing",
  invited: "Invited, link created",
  unchanged: "Already a candidate here, nothing changed",
};

function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The per-row result of an import: the problems to fix, or who was added with which link. */
export function ImportReportView({ report, fileName }: { report: Omit<ImportReport, "outboxMessageIds">; fileName: string }) {
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
              {plural(report.counts.invalid, "row needs", "rows need")} fixing (of {plural(report.counts.rows, "row", "rows")} of people). Correct them in your
              spreadsheet, save it as CSV and upload it again. No one is added until every row is right.
            </p>
          )}
        </div>
        {report.rows.length > 0 ? (
          <div role="region" aria-labelledby="problem-caption" tabIndex={0} className="overflow-x-auto">
            <table className={tableClass}>
              <caption id="problem-caption" className="py-2 text-left font-semibold">
                Rows with problems (row numbers as your spreadsheet shows them; row 1 is the header)
              </caption>
              <thead>
                <tr className={headRowClass}>
                  <th scope="col" className={cellClass}>Row</th>
                  <th scope="col" className={cellClass}>Name</th>
                  <th scope="col" className={cellClass}>Email</th>
                  <th scope="col" className={cellClass}>Problems</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.row} className="border-b border-slate-200">
                    <th scope="row" className={cellClass}>{row.row}</th>
                    <td className={cellClass}>{row.name || "(empty)"}</td>
                    <td className={cellClass}>{row.email || "(empty)"}</td>
                    <td className={cellClass}>
                      <ul className="list-disc pl-5">
                        {row.problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
          {plural(invited, "candidate", "candidates")} invited; {plural(unchanged, "person was", "people were")} already a candidate here. Each invitation
          has been sent to the person&apos;s email; the links are also below and in the outbox. They expire in 7 days, and each candidate&apos;s role starts
          when they accept.
        </p>
      </div>
      <div role="region" aria-labelledby="report-caption" tabIndex={0} className="overflow-x-auto">
        <table className={tableClass}>
          <caption id="report-caption" className="py-2 text-left font-semibold">
            Import report, one line per row of the file
          </caption>
          <thead>
            <tr className={headRowClass}>
              <th scope="col" className={cellClass}>Row</th>
              <th scope="col" className={cellClass}>Name</th>
              <th scope="col" className={cellClass}>Email</th>
              <th scope="col" className={cellClass}>Result</th>
              <th scope="col" className={cellClass}>Invitation link</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.row} className="border-b border-slate-200">
                <th scope="row" className={cellClass}>{row.row}</th>
                <td className={cellClass}>{row.name}</td>
                <td className={cellClass}>{row.email}</td>
                <td className={cellClass}>{outcomeLabels[row.outcome]}</td>
                <td className={`${cellClass} break-all`}>
                  {row.invitationLink ? <span className="font-mono text-xs">{row.invitationLink}</span> : "None needed"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
