import { formatDate, formatDateTime } from "../format/date";
import type { ProgressRow } from "./candidate-list";
import { ragLabels, type EnrolmentStatus } from "./rag";

// How a progress row reads, on screen and in the CSV export alike: one function, so the
// export carries exactly the figures the list shows. Dates are in the centre's time zone.

export const statusLabels: Record<EnrolmentStatus, string> = {
  ACTIVE: "Active",
  COMPLETED: "Completed",
  WITHDRAWN: "Withdrawn",
};

export const progressColumns = [
  "Candidate",
  "Email",
  "Unit",
  "Unit title",
  "Assessor",
  "Status",
  "Start date",
  "Planned end date",
  "Criteria met",
  "Criteria in unit",
  "Progress (%)",
  "Time elapsed (%)",
  "RAG",
  "Schedule",
  "Last activity",
] as const;
export type ProgressColumn = (typeof progressColumns)[number];

export type ProgressRowText = Record<ProgressColumn, string>;

/** Points behind or ahead of the plan (lib/progress/rag.ts pointsBehind), or why there are none. */
function scheduleText(row: ProgressRow): string {
  const points = row.pointsBehind;
  if (points !== null) {
    if (points === 0) return "On schedule";
    const n = Math.abs(points);
    return `${n} ${n === 1 ? "point" : "points"} ${points > 0 ? "behind" : "ahead"}`;
  }
  if (row.status !== "ACTIVE") return "";
  return row.rag === "notStarted" ? "Not started" : "Past planned end";
}

export function progressRowText(row: ProgressRow, timeZone: string): ProgressRowText {
  return {
    Candidate: row.candidate.name,
    Email: row.candidate.email,
    Unit: row.unit.code,
    "Unit title": row.unit.title,
    Assessor: row.assessor?.name ?? "Not assigned",
    Status: statusLabels[row.status],
    "Start date": formatDate(row.startDate, timeZone),
    "Planned end date": formatDate(row.plannedEndDate, timeZone),
    "Criteria met": String(row.met),
    "Criteria in unit": String(row.total),
    "Progress (%)": String(row.progress),
    "Time elapsed (%)": String(row.timeElapsed),
    RAG: ragLabels[row.rag],
    Schedule: scheduleText(row),
    "Last activity": row.lastActivityAt ? formatDateTime(row.lastActivityAt, timeZone) : "None yet",
  };
}
