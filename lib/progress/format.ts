import { formatDate, formatDateTime } from "../format/date";
import type { ProgressRow } from "./candidate-list";
import { ragLabels, type EnrolmentStatus } from "./rag";

// How a progress row reads, on screen and in the CSV export alike: one function, so the
// export carries exactly the figures the list shows. Dates are in the centre's time zone.

export const statusLabels: Record<EnrolmentStatus, string> = { ACTIVE: "Active", COMPLETED: "Completed", WITHDRAWN: "Withdrawn" };

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
  "Last activity",
] as const;
export type ProgressColumn = (typeof progressColumns)[number];

export type ProgressRowText = Record<ProgressColumn, string>;

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
    "Last activity": row.lastActivityAt ? formatDateTime(row.lastActivityAt, timeZone) : "None yet",
  };
}
