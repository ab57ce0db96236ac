import { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import {
  isWholeCentre,
  pageQuery,
  scopeConditions,
  scopeOf,
  type EnrolmentScope,
  type ProgressContext,
  type ProgressFilters,
} from "./filters";
import { centreForDashboard, queryRows, toNullableNumber, toNumber, type CentreInfo } from "./measures";
import { epochMsSql } from "./rag";
import { pageWindow } from "../enrolments/dto";

// Each assessor's workload over the enrolments the filters select, as the assessor queue
// (lib/assessment/queue.ts) counts it: evidence waiting for review is evidence with a SUBMITTED
// mapping in an active enrolment assigned to them (not their own), counted once however many
// criteria it is mapped to; the oldest wait is from that evidence's submission. Decisions are
// those they signed in the last 30 days, whatever the outcome and even if revoked since.
// Candidates assigned are distinct candidates of their active enrolments.

export const DECISION_WINDOW_DAYS = 30;

/** Assessors per page of the dashboard's workload table: a large centre has hundreds. */
export const WORKLOAD_PAGE_SIZE = 25;

/** The dashboard's query parameter for the workload table's page ("page" would read as the dashboard's own). */
export const WORKLOAD_PAGE_PARAM = "workloadPage";

/** The workload page asked for in the address; 1 for anything that is not a page number. */
export function readWorkloadPage(params: Record<string, string | string[] | undefined>): number {
  const raw = params[WORKLOAD_PAGE_PARAM];
  return pageQuery.parse(Array.isArray(raw) ? raw[0] : raw);
}

export type AssessorWorkload = {
  assessor: { id: string; name: string; email: string };
  waitingEvidence: number;
  oldestWaitingSince: Date | null;
  decisionsLast30Days: number;
  candidatesAssigned: number;
  activeEnrolments: number;
};

export type Workload = {
  centre: CentreInfo;
  now: Date;
  /** One page of assessors, most evidence waiting first. */
  assessors: AssessorWorkload[];
  list: { page: number; pageCount: number; total: number; pageSize: number };
};

type Row = {
  assessorId: string;
  name: string;
  email: string;
  waiting: unknown;
  oldestMs: unknown;
  decisions: unknown;
  candidates: unknown;
  enrolments: unknown;
  total: unknown;
};

/** `page` is the workload table's page (1 when absent; past the last page, the last). */
export type WorkloadInput = { centreId: string; page?: number } & ProgressFilters;

type Slice = { limit: number; offset: number };

// The page is cut in SQL, with the number of assessors counted over the whole result by a
// window function in the same query: the CTEs are the expensive part, and a separate count
// would run them twice.
export function workloadSql(ctx: ProgressContext, scope: EnrolmentScope, since: Date, slice: Slice): Prisma.Sql {
  const { centreId, assessorId } = scope;
  const where = scopeConditions(scope);
  return Prisma.sql`
    WITH "scoped" AS NOT MATERIALIZED (
      SELECT e."id" AS "id", e."assessorId" AS "assessorId", e."candidateId" AS "candidateId", e."status" AS "status"
      FROM "Enrolment" e WHERE ${where}),
    "waiting" AS (
      -- Each waiting item's submission time by its primary key: a join here led PostgreSQL to
      -- hash every evidence row of the centre (200,000 at scale) for the few thousand waiting.
      SELECT w."assessorId" AS "assessorId", COUNT(*) AS "waiting",
        MIN((SELECT ev."submittedAt" FROM "Evidence" ev WHERE ev."id" = w."evidenceId")) AS "oldest"
      FROM (SELECT DISTINCT s."assessorId" AS "assessorId", m."evidenceId" AS "evidenceId"
            FROM "Mapping" m JOIN "scoped" s ON s."id" = m."enrolmentId"
            WHERE m."status" = 'SUBMITTED' AND s."status" = 'ACTIVE' AND s."assessorId" IS NOT NULL AND s."candidateId" <> s."assessorId") w
      GROUP BY w."assessorId"),
    "decided" AS (
      -- The centre's decisions by their own centre and time (index-only); joined to the
      -- selected enrolments only when a filter selects some of them.
      SELECT d."signedById" AS "assessorId", COUNT(*) AS "decisions"
      FROM "Decision" d ${isWholeCentre(scope) ? Prisma.empty : Prisma.sql`JOIN "scoped" s ON s."id" = d."enrolmentId"`}
      WHERE d."centreId" = ${centreId} AND d."signedAt" >= ${since}
      GROUP BY d."signedById"),
    "assigned" AS (
      SELECT s."assessorId" AS "assessorId", COUNT(DISTINCT s."candidateId") AS "candidates", COUNT(*) AS "enrolments"
      FROM "scoped" s WHERE s."status" = 'ACTIVE' AND s."assessorId" IS NOT NULL
      GROUP BY s."assessorId"),
    "people" AS (
      SELECT "assessorId" FROM "assigned"
      UNION SELECT "assessorId" FROM "waiting"
      UNION SELECT "assessorId" FROM "decided"
      UNION SELECT ms."userId" AS "assessorId" FROM "Membership" ms
        WHERE ms."centreId" = ${centreId} AND ms."role" = 'ASSESSOR'
          ${assessorId ? Prisma.sql`AND ms."userId" = ${assessorId}` : Prisma.empty})
    SELECT p."assessorId" AS "assessorId", u."name" AS "name", u."email" AS "email",
      COALESCE(w."waiting", 0) AS "waiting", ${epochMsSql(ctx.provider, Prisma.sql`w."oldest"`)} AS "oldestMs",
      COALESCE(dd."decisions", 0) AS "decisions", COALESCE(a."candidates", 0) AS "candidates", COALESCE(a."enrolments", 0) AS "enrolments",
      COUNT(*) OVER () AS "total"
    FROM "people" p
      JOIN "User" u ON u."id" = p."assessorId"
      LEFT JOIN "waiting" w ON w."assessorId" = p."assessorId"
      LEFT JOIN "decided" dd ON dd."assessorId" = p."assessorId"
      LEFT JOIN "assigned" a ON a."assessorId" = p."assessorId"
    ${assessorId ? Prisma.sql`WHERE p."assessorId" = ${assessorId}` : Prisma.empty}
    ORDER BY COALESCE(w."waiting", 0) DESC, u."name" ASC, p."assessorId" ASC
    LIMIT ${slice.limit} OFFSET ${slice.offset}`;
}

export async function getWorkload(db: Db, actor: Actor, input: WorkloadInput, ctx: ProgressContext): Promise<Workload> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const scope = scopeOf(
    centre.id,
    { unit: input.unit, assessor: input.assessor, cohort: input.cohort },
    centre.timeZone,
  );
  const since = new Date(now.getTime() - DECISION_WINDOW_DAYS * 86_400_000);

  const pageSize = WORKLOAD_PAGE_SIZE;
  const requested = Math.max(1, Math.trunc(input.page ?? 1) || 1);
  const read = (page: number) =>
    queryRows<Row>(db, ctx, workloadSql(ctx, scope, since, { limit: pageSize, offset: (page - 1) * pageSize }));
  let page = requested;
  let rows = await read(page);
  if (rows.length === 0 && page > 1) {
    // Past the end (a bookmarked page of a list that has shrunk): the first page says how
    // many there are, then the last page is read, as the other lists clamp their pages.
    const first = await read(1);
    page = pageWindow(page, toNumber(first[0]?.total ?? 0), pageSize).page;
    rows = page === 1 ? first : await read(page);
  }
  const total = toNumber(rows[0]?.total ?? 0);
  const { pageCount } = pageWindow(page, total, pageSize);

  return {
    centre,
    now,
    list: { page, pageCount, total, pageSize },
    assessors: rows.map((r) => {
      const oldest = toNullableNumber(r.oldestMs);
      return {
        assessor: { id: r.assessorId, name: r.name, email: r.email },
        waitingEvidence: toNumber(r.waiting),
        oldestWaitingSince: oldest === null ? null : new Date(oldest),
        decisionsLast30Days: toNumber(r.decisions),
        candidatesAssigned: toNumber(r.candidates),
        activeEnrolments: toNumber(r.enrolments),
      };
    }),
  };
}
