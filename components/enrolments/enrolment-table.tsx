import Link from "next/link";
import type { EnrolmentSummary } from "@/lib/enrolments/dto";
import { formatDate, formatLastDay } from "@/lib/format/date";
import { EnrolmentStatusText } from "./status";

export type EnrolmentColumn =
  "candidate" | "unit" | "centre" | "assessor" | "iqa" | "start" | "plannedEnd" | "access" | "plan" | "status";

const headings: Record<EnrolmentColumn, string> = {
  candidate: "Candidate",
  unit: "Unit",
  centre: "Centre",
  assessor: "Assessor",
  iqa: "IQA",
  start: "Start date",
  plannedEnd: "Planned end date",
  access: "Access until the end of",
  plan: "Assessment plan",
  status: "Status",
};

type Row = EnrolmentSummary & { shareExpiresAt?: Date | null; overdueActivities?: number };

/** What one cell shows; the candidate's name links to `linkTo(row)` when given. */
function cellContent(row: Row, column: EnrolmentColumn, linkTo?: (row: Row) => string) {
  const tz = row.centre.timeZone;
  switch (column) {
    case "candidate":
      return (
        <>
          {linkTo ? (
            // The unit is in the link's name so that a candidate's several enrolments have distinct links.
            <Link
              href={linkTo(row)}
              aria-label={`${row.candidate.name}, ${row.unit.code}`}
              className="font-medium text-brand-700 underline"
            >
              {row.candidate.name}
            </Link>
          ) : (
            <span className="font-medium">{row.candidate.name}</span>
          )}
          <span className="block text-sm text-slate-700">{row.candidate.email}</span>
        </>
      );
    case "unit":
      return (
        <>
          <span className="font-medium">{row.unit.code}</span>
          <span className="block text-sm text-slate-700">
            {row.unit.title} · version {row.unit.versionNumber}
          </span>
        </>
      );
    case "centre":
      return row.centre.name;
    case "assessor":
      return row.assessor?.name ?? <span className="italic">None assigned</span>;
    case "iqa":
      return row.iqa?.name ?? <span className="italic">None assigned</span>;
    case "start":
      return <time dateTime={row.startDate.toISOString()}>{formatDate(row.startDate, tz)}</time>;
    case "plannedEnd":
      return <time dateTime={row.plannedEndDate.toISOString()}>{formatDate(row.plannedEndDate, tz)}</time>;
    case "access":
      return row.shareExpiresAt ? (
        <time dateTime={row.shareExpiresAt.toISOString()}>{formatLastDay(row.shareExpiresAt, tz)}</time>
      ) : (
        "—"
      );
    case "plan":
      return row.overdueActivities ? (
        <span className="font-semibold text-red-900">
          {row.overdueActivities} overdue {row.overdueActivities === 1 ? "activity" : "activities"}
        </span>
      ) : (
        "Nothing overdue"
      );
    case "status":
      return <EnrolmentStatusText status={row.status} />;
  }
}

/**
 * A table of enrolments. The first column names the row (a header cell); dates are shown in the
 * time zone of each enrolment's centre.
 */
export function EnrolmentTable({
  caption,
  rows,
  columns,
  linkTo,
}: {
  caption: string;
  rows: Row[];
  columns: EnrolmentColumn[];
  linkTo?: (row: Row) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="mb-2 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2">
                {headings[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-200 align-top">
              {columns.map((column, i) =>
                i === 0 ? (
                  <th key={column} scope="row" className="px-3 py-2 font-normal">
                    {cellContent(row, column, linkTo)}
                  </th>
                ) : (
                  <td key={column} className="px-3 py-2">
                    {cellContent(row, column, linkTo)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
