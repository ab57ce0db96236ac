import { Prisma } from "../../generated/sqlite/client";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { enrolmentSummarySelect, pageWindow, toEnrolmentSummary, type EnrolmentSummary, type Paginated } from "./dto";

import { ListEnrolmentsInput, PAGE_SIZE } from "./input";
import { parseInput } from "../errors";

/** Escapes LIKE wildcards with "!" (declared by ESCAPE '!'), so "%" and "_" match themselves. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, "!$&");
}

/**
 * Candidates with an enrolment at the centre whose name or email contains the text, ignoring
 * case. Plain SQL, because Prisma's `contains` ignores case on SQLite but not on PostgreSQL.
 */
async function candidatesMatching(db: Db, centreId: string, text: string): Promise<string[]> {
  const pattern = `%${escapeLike(text)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT u."id" AS "id"
    FROM "User" u
    WHERE EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."candidateId" = u."id" AND e."centreId" = ${centreId})
      AND (LOWER(u."name") LIKE LOWER(${pattern}) ESCAPE '!' OR LOWER(u."email") LIKE LOWER(${pattern}) ESCAPE '!')`);
  return rows.map((r) => r.id);
}

export type EnrolmentFilters = {
  unitCode?: string;
  assessorId?: string;
  status?: EnrolmentSummary["status"];
  search?: string;
};

/**
 * A centre's enrolments for its admins, 25 a page, ordered by candidate then unit, filtered by
 * unit, assessor, status and a search of candidates' names and emails.
 */
export async function listEnrolments(
  db: Db,
  actor: Actor,
  rawInput: ListEnrolmentsInput,
): Promise<Paginated<EnrolmentSummary> & { filters: EnrolmentFilters }> {
  const input = parseInput(ListEnrolmentsInput, rawInput);
  authorize(actor, "centre.readDashboard", { kind: "centre", centreId: input.centreId });

  const filters: EnrolmentFilters = {
    unitCode: input.unitCode || undefined,
    assessorId: input.assessorId || undefined,
    status: input.status,
    search: input.search || undefined,
  };
  const where: Prisma.EnrolmentWhereInput = { centreId: input.centreId };
  if (filters.status) where.status = filters.status;
  if (filters.assessorId) where.assessorId = filters.assessorId;
  if (filters.unitCode) where.unitVersion = { unit: { code: filters.unitCode } };
  if (filters.search) where.candidateId = { in: await candidatesMatching(db, input.centreId, filters.search) };

  const total = await db.enrolment.count({ where });
  const { page, pageCount, skip } = pageWindow(input.page, total, PAGE_SIZE);
  const rows = await db.enrolment.findMany({
    where,
    select: enrolmentSummarySelect,
    orderBy: [
      { candidate: { name: "asc" } },
      { unitVersion: { unit: { code: "asc" } } },
      { startDate: "desc" },
      { id: "asc" },
    ],
    skip,
    take: PAGE_SIZE,
  });
  return { items: rows.map(toEnrolmentSummary), total, page, pageCount, pageSize: PAGE_SIZE, filters };
}
