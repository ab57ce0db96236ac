import { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import {
  defaultDirection,
  scopeConditions,
  scopeOf,
  type EnrolmentScope,
  type ListFilters,
  type ListSort,
  type ProgressContext,
  type SortDirection,
} from "./filters";
import {
  centreForDashboard,
  derivedColumns,
  lastActivityMsSql,
  metCountSql,
  queryRows,
  startEndMsColumns,
  toNullableNumber,
  toNumber,
  totalsCte,
  type CentreInfo,
} from "./measures";
import { isRagState, ragRankSql, type EnrolmentStatus, type RagState } from "./rag";

// The candidate list: one row per enrolment (a candidate on a unit) with its figures, filtered,
// sorted and paginated in the database. The CSV export and the drill-down read the same rows.
//
// The query measures only what the filter and the sort need across every selected enrolment
// (the RAG state needs the met count of active enrolments within their planned period; sorting
// by progress needs every met count; sorting by last activity needs every last activity), picks
// the page, then measures the page's rows in full.

export const LIST_PAGE_SIZE = 25;

export type ProgressRow = {
  enrolmentId: string;
  candidate: { id: string; name: string; email: string };
  unit: { code: string; title: string; versionId: string };
  assessor: { id: string; name: string } | null;
  status: EnrolmentStatus;
  startDate: Date;
  plannedEndDate: Date;
  met: number;
  total: number;
  /** Whole percent, rounded down. */
  progress: number;
  /** Whole percent of the planned time used, rounded down, 0-100. */
  timeElapsed: number;
  rag: RagState;
  lastActivityAt: Date | null;
};

export type RowQuery = {
  scope: EnrolmentScope;
  rag?: RagState;
  sort: ListSort;
  dir: SortDirection;
  limit: number;
  offset: number;
  now: Date;
};

type RawRow = {
  id: string;
  candidateId: string;
  candidateName: string;
  candidateEmail: string;
  unitCode: string;
  unitTitle: string;
  unitVersionId: string;
  assessorId: string | null;
  assessorName: string | null;
  status: string;
  startMs: unknown;
  endMs: unknown;
  total: unknown;
  met: unknown;
  rag: string;
  progress: unknown;
  timeElapsed: unknown;
  lastActivityMs: unknown;
  fullCount: unknown;
};

function toRow(raw: RawRow): ProgressRow {
  if (!isRagState(raw.rag)) throw new Error(`unexpected RAG state from the database: ${raw.rag}`);
  const lastActivity = toNullableNumber(raw.lastActivityMs);
  return {
    enrolmentId: raw.id,
    candidate: { id: raw.candidateId, name: raw.candidateName, email: raw.candidateEmail },
    unit: { code: raw.unitCode, title: raw.unitTitle, versionId: raw.unitVersionId },
    assessor: raw.assessorId ? { id: raw.assessorId, name: raw.assessorName ?? "" } : null,
    status: raw.status as EnrolmentStatus,
    startDate: new Date(toNumber(raw.startMs)),
    plannedEndDate: new Date(toNumber(raw.endMs)),
    met: toNumber(raw.met),
    total: toNumber(raw.total),
    progress: toNumber(raw.progress),
    timeElapsed: toNumber(raw.timeElapsed),
    rag: raw.rag,
    lastActivityAt: lastActivity === null ? null : new Date(lastActivity),
  };
}

/** The SQL of one page of measured enrolment rows (exported for the benchmark's EXPLAIN). */
export function progressRowsSql(ctx: ProgressContext, q: RowQuery): Prisma.Sql {
  const e = Prisma.sql`e."id"`;
  const needsRag = q.rag !== undefined || q.sort === "rag";
  const inPlannedPeriod = Prisma.sql`e."status" = 'ACTIVE' AND e."startDate" <= ${q.now} AND e."plannedEndDate" >= ${q.now}`;
  // The met count where the order or the filter depends on it; 0 elsewhere, where the RAG state
  // does not depend on it (the page's rows are measured again, exactly, below).
  const metForOrder =
    q.sort === "progress" ? metCountSql(e) : needsRag ? Prisma.sql`CASE WHEN ${inPlannedPeriod} THEN ${metCountSql(e)} ELSE 0 END` : Prisma.sql`0`;
  const lastActivityForOrder = q.sort === "lastActivity" ? lastActivityMsSql(ctx, e) : Prisma.sql`NULL`;
  // Materialized when it holds per-row subqueries: the RAG expression refers to "met" several
  // times, and an inlined CTE would repeat the subquery for each reference.
  const measured = q.sort !== "name" || needsRag;
  const s = derivedColumns("s", q.now);
  const ragFilter = (alias: string) => (q.rag ? Prisma.sql`WHERE ${derivedColumns(alias, q.now).rag} = ${q.rag}` : Prisma.empty);

  const direction = Prisma.raw(q.dir === "desc" ? "DESC" : "ASC");
  const sortKey =
    q.sort === "progress" ? s.progress : q.sort === "rag" ? ragRankSql(s.rag) : q.sort === "lastActivity" ? Prisma.sql`s."lastActivityMs"` : Prisma.sql`s."candidateName"`;
  const nulls = q.sort === "lastActivity" ? Prisma.raw(q.dir === "desc" ? " NULLS LAST" : " NULLS FIRST") : Prisma.empty;
  const orderOf = (alias: string, key: Prisma.Sql) => {
    const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
    return Prisma.sql`${key} ${direction}${nulls}, ${col("candidateName")} ASC, ${col("unitCode")} ASC, ${col("id")} ASC`;
  };
  const where = scopeConditions(q.scope);
  const fullCount = measured
    ? Prisma.sql`(SELECT COUNT(*) FROM "scoped" s2 ${ragFilter("s2")})`
    : Prisma.sql`(SELECT COUNT(*) FROM "Enrolment" e ${q.scope.search ? Prisma.sql`JOIN "User" u ON u."id" = e."candidateId"` : Prisma.empty} WHERE ${where})`;

  const p = derivedColumns("p", q.now);
  return Prisma.sql`
    WITH ${totalsCte},
    "scoped" ${Prisma.raw(measured ? "AS MATERIALIZED" : "AS")} (
      SELECT e."id" AS "id", e."candidateId" AS "candidateId", e."assessorId" AS "assessorId", e."status" AS "status",
        e."unitVersionId" AS "unitVersionId", u."name" AS "candidateName", un."code" AS "unitCode",
        ${startEndMsColumns(ctx)}, COALESCE(t."total", 0) AS "total",
        ${metForOrder} AS "met", ${lastActivityForOrder} AS "lastActivityMs"
      FROM "Enrolment" e
        JOIN "User" u ON u."id" = e."candidateId"
        JOIN "UnitVersion" uv ON uv."id" = e."unitVersionId"
        JOIN "Unit" un ON un."id" = uv."unitId"
        LEFT JOIN "totals" t ON t."unitVersionId" = e."unitVersionId"
      WHERE ${where}),
    "page" AS (
      SELECT s."id", s."candidateId", s."assessorId", s."status", s."unitVersionId", s."candidateName", s."unitCode",
        s."startMs", s."endMs", s."total", s."lastActivityMs", ${sortKey} AS "sortKey"
      FROM "scoped" s
      ${ragFilter("s")}
      ORDER BY ${orderOf("s", sortKey)}
      LIMIT ${q.limit} OFFSET ${q.offset}),
    "counted" AS MATERIALIZED (
      SELECT pg."id", pg."candidateId", pg."assessorId", pg."status", pg."unitVersionId", pg."candidateName",
        pg."unitCode", pg."startMs", pg."endMs", pg."total", pg."sortKey",
        ${metCountSql(Prisma.sql`pg."id"`)} AS "met",
        ${q.sort === "lastActivity" ? Prisma.sql`pg."lastActivityMs"` : lastActivityMsSql(ctx, Prisma.sql`pg."id"`)} AS "lastActivityMs"
      FROM "page" pg)
    SELECT p."id", p."candidateId", p."candidateName", c."email" AS "candidateEmail", p."unitCode", uv."title" AS "unitTitle",
      p."unitVersionId", p."assessorId", a."name" AS "assessorName", p."status", p."startMs", p."endMs", p."total", p."met",
      ${p.rag} AS "rag", ${p.progress} AS "progress", ${p.timeElapsed} AS "timeElapsed", p."lastActivityMs",
      ${fullCount} AS "fullCount"
    FROM "counted" p
      JOIN "User" c ON c."id" = p."candidateId"
      JOIN "UnitVersion" uv ON uv."id" = p."unitVersionId"
      LEFT JOIN "User" a ON a."id" = p."assessorId"
    ORDER BY ${orderOf("p", Prisma.sql`p."sortKey"`)}`;
}

/** One page of measured enrolment rows, and how many rows match in all. */
export async function queryProgressRows(db: Db, ctx: ProgressContext, q: RowQuery): Promise<{ rows: ProgressRow[]; fullCount: number }> {
  const raw = await queryRows<RawRow>(db, ctx, progressRowsSql(ctx, q));
  return { rows: raw.map(toRow), fullCount: raw.length ? toNumber(raw[0]?.fullCount) : 0 };
}

export type ProgressList = {
  centre: CentreInfo;
  filters: ListFilters;
  dir: SortDirection;
  items: ProgressRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  now: Date;
};

export type ListInput = { centreId: string } & Partial<ListFilters>;

export function normalizeListFilters(input: Partial<ListFilters>): ListFilters {
  return {
    unit: input.unit,
    assessor: input.assessor,
    cohort: input.cohort,
    rag: input.rag,
    search: input.search,
    sort: input.sort ?? "name",
    dir: input.dir,
    page: input.page && input.page > 0 ? Math.trunc(input.page) : 1,
  };
}

/** The centre's enrolments with their progress, a page at a time, for its admins. */
export async function listProgress(db: Db, actor: Actor, input: ListInput, ctx: ProgressContext): Promise<ProgressList> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const filters = normalizeListFilters(input);
  const dir = filters.dir ?? defaultDirection[filters.sort];
  const scope = scopeOf(centre.id, filters, centre.timeZone);
  const base = { scope, rag: filters.rag, sort: filters.sort, dir, limit: LIST_PAGE_SIZE, now };

  let page = filters.page;
  let { rows, fullCount } = await queryProgressRows(db, ctx, { ...base, offset: (page - 1) * LIST_PAGE_SIZE });
  if (rows.length === 0 && page > 1) {
    // Past the last page (the list shrank, or a hand-typed address): show the last page.
    const first = await queryProgressRows(db, ctx, { ...base, offset: 0 });
    page = Math.max(1, Math.ceil(first.fullCount / LIST_PAGE_SIZE));
    ({ rows, fullCount } = page === 1 ? first : await queryProgressRows(db, ctx, { ...base, offset: (page - 1) * LIST_PAGE_SIZE }));
  }
  return {
    centre,
    filters: { ...filters, page },
    dir,
    items: rows,
    total: fullCount,
    page,
    pageCount: Math.max(1, Math.ceil(fullCount / LIST_PAGE_SIZE)),
    pageSize: LIST_PAGE_SIZE,
    now,
  };
}
