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
  lastActivityMsOf,
  metCountColumn,
  queryRows,
  startEndMsColumns,
  toNullableNumber,
  toNumber,
  versionsCte,
  type CentreInfo,
} from "./measures";
import { isRagState, progressPercentSql, ragRankSql, type EnrolmentStatus, type RagState } from "./rag";

// The candidate list: one row per enrolment (a candidate on a unit) with its figures, filtered,
// sorted and paginated in the database. The CSV export and the drill-down read the same rows.
//
// Every figure is computed from the enrolment's own columns (its met count and last activity
// are kept on the row: lib/progress/enrolment-counters.ts), so filtering and sorting 50,000
// enrolments is one pass over them with no per-row subqueries.

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
  const where = scopeConditions(q.scope);
  const direction = Prisma.raw(q.dir === "desc" ? "DESC" : "ASC");
  const nulls = q.sort === "lastActivity" ? Prisma.raw(q.dir === "desc" ? " NULLS LAST" : " NULLS FIRST") : Prisma.empty;
  const sortColumn = { name: "candidateName", progress: "progress", rag: "ragRank", lastActivity: "lastActivityMs" }[q.sort];
  const orderOf = (alias: string) => {
    const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
    return Prisma.sql`${col(sortColumn)} ${direction}${nulls}, ${col("candidateName")} ASC, ${col("unitCode")} ASC, ${col("id")} ASC`;
  };
  const ragFilter = (alias: string) => (q.rag ? Prisma.sql`WHERE ${Prisma.raw(`${alias}."rag"`)} = ${q.rag}` : Prisma.empty);
  const m = derivedColumns("s", q.now);
  // Every figure comes from the enrolment's own columns (its met count, last activity and
  // planned period are kept on the row) and the five-row "versions": no per-row subqueries.
  const columns = Prisma.sql`e."id" AS "id", e."candidateId" AS "candidateId", e."assessorId" AS "assessorId", e."status" AS "status",
        e."unitVersionId" AS "unitVersionId", u."name" AS "candidateName", v."code" AS "unitCode", v."total" AS "total", ${metCountColumn} AS "met"`;
  const from = Prisma.sql`FROM "Enrolment" e
        JOIN "User" u ON u."id" = e."candidateId"
        JOIN "versions" v ON v."unitVersionId" = e."unitVersionId"
      WHERE ${where}`;
  const measuredColumns = Prisma.sql`${m.rag} AS "rag", ${ragRankSql(m.rag)} AS "ragRank", ${m.progress} AS "progress", ${m.timeElapsed} AS "timeElapsed"`;

  // Unless the RAG state sorts or filters the list, the page is picked on the enrolment's own
  // columns (in name order it is read by User_name_idx and stops after the page), and only its
  // rows are measured. Otherwise every row in scope is measured (integer arithmetic on the
  // stored period and met count), filtered and sorted.
  const pageFirst = !q.rag && q.sort !== "rag";
  const rawKey =
    q.sort === "progress"
      ? progressPercentSql(Prisma.sql`e."metCount"`, Prisma.sql`v."total"`)
      : q.sort === "lastActivity"
        ? Prisma.sql`e."lastActivityAt"`
        : Prisma.sql`u."name"`;
  const ctes = pageFirst
    ? Prisma.sql`${versionsCte},
    "page" AS (
      SELECT ${columns}, ${startEndMsColumns}, e."lastActivityAt" AS "lastActivityAt"
      ${from}
      ORDER BY ${rawKey} ${direction}${nulls}, u."name" ASC, v."code" ASC, e."id" ASC
      LIMIT ${q.limit} OFFSET ${q.offset}),
    "measured" AS (SELECT s.*, ${lastActivityMsOf(ctx, "s")} AS "lastActivityMs", ${measuredColumns} FROM "page" s)`
    : Prisma.sql`${versionsCte},
    "scoped" AS (SELECT ${columns}, ${startEndMsColumns}, ${lastActivityMsOf(ctx, "e")} AS "lastActivityMs" ${from}),
    "measured" AS (
      SELECT r.*${q.rag ? Prisma.sql`, COUNT(*) OVER () AS "fullCount"` : Prisma.empty} FROM (SELECT s.*, ${measuredColumns} FROM "scoped" s) r ${ragFilter("r")}
      ORDER BY ${orderOf("r")} LIMIT ${q.limit} OFFSET ${q.offset})`;
  // Filtered by RAG, the count rides on the measuring pass (a window over the matching rows);
  // otherwise it is a plain count of the enrolments in scope.
  const fullCount = q.rag
    ? Prisma.sql`p."fullCount"`
    : Prisma.sql`(SELECT COUNT(*) FROM "Enrolment" e ${q.scope.search ? Prisma.sql`JOIN "User" u ON u."id" = e."candidateId"` : Prisma.empty} WHERE ${where})`;
  return Prisma.sql`
    WITH ${ctes}
    SELECT p."id", p."candidateId", p."candidateName", c."email" AS "candidateEmail", p."unitCode", v."title" AS "unitTitle", p."unitVersionId",
      p."assessorId", a."name" AS "assessorName", p."status", p."startMs", p."endMs", p."total", p."met", p."lastActivityMs",
      p."rag", p."progress", p."timeElapsed", ${fullCount} AS "fullCount"
    FROM "measured" p
      JOIN "versions" v ON v."unitVersionId" = p."unitVersionId"
      JOIN "User" c ON c."id" = p."candidateId"
      LEFT JOIN "User" a ON a."id" = p."assessorId"
    ORDER BY ${orderOf("p")}`;
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
