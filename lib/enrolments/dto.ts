import type { Prisma } from "../../generated/sqlite/client";
import type { EnrolmentStatus } from "./input";

// What the enrolment operations return: plain objects, never Prisma rows.

export type PersonRef = { id: string; name: string };

export type EnrolmentSummary = {
  id: string;
  status: EnrolmentStatus;
  centre: { id: string; name: string; timeZone: string };
  candidate: { id: string; name: string; email: string };
  unit: { code: string; title: string; versionNumber: number };
  assessor: PersonRef | null;
  iqa: PersonRef | null;
  startDate: Date;
  plannedEndDate: Date;
  withdrawnAt: Date | null;
};

export type Paginated<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

export const enrolmentSummarySelect = {
  id: true,
  status: true,
  startDate: true,
  plannedEndDate: true,
  withdrawnAt: true,
  centre: { select: { id: true, name: true, timeZone: true } },
  candidate: { select: { id: true, name: true, email: true } },
  assessor: { select: { id: true, name: true } },
  iqa: { select: { id: true, name: true } },
  unitVersion: { select: { number: true, title: true, unit: { select: { code: true } } } },
} satisfies Prisma.EnrolmentSelect;

export type EnrolmentSummaryRow = Prisma.EnrolmentGetPayload<{ select: typeof enrolmentSummarySelect }>;

export function toEnrolmentSummary(row: EnrolmentSummaryRow): EnrolmentSummary {
  return {
    id: row.id,
    status: row.status,
    centre: { id: row.centre.id, name: row.centre.name, timeZone: row.centre.timeZone },
    candidate: { id: row.candidate.id, name: row.candidate.name, email: row.candidate.email },
    unit: { code: row.unitVersion.unit.code, title: row.unitVersion.title, versionNumber: row.unitVersion.number },
    assessor: row.assessor ? { id: row.assessor.id, name: row.assessor.name } : null,
    iqa: row.iqa ? { id: row.iqa.id, name: row.iqa.name } : null,
    startDate: row.startDate,
    plannedEndDate: row.plannedEndDate,
    withdrawnAt: row.withdrawnAt,
  };
}

/** Page numbers past the end fall back to the last page. */
export function pageWindow(requested: number, total: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount);
  return { page, pageCount, skip: (page - 1) * pageSize };
}
