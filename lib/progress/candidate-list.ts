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
  nowMsSql,
  periodColumns,
  readSnapshot,
  toNullableNumber,
  toNumber,
  versionsCte,
  type CentreInfo,
} from "./measures";
import {
  isRagState,
  pointsBehind,
  progressPercentSql,
  ragRankSql,
  ragStates,
  ragStateSql,
  type EnrolmentStatus,
  type RagSqlInputs,
  type RagState,
} from "./rag";

// The candidate list: one row per enrolment (a candidate on a unit) with its figures, filtered,
// sorted and paginated in the database. The CSV export and the drill-down read the same rows.
//
// Every figure is computed from the enrolment's own columns (its met count, last activity and
// RAG deadlines are kept on the row: lib/progress/enrolment-counters.ts), so filtering and
// sorting 50,000 enrolments is one pass over them with no per-row subqueries.

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
  /** Points behind schedule, rounded up (negative when ahead); null unless active and within its planned period. */
  pointsBehind: number | null;
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
};

function toRow(raw: RawRow, now: Date): ProgressRow {
  if (!isRagState(raw.rag)) throw new Error(`unexpected RAG state from the database: ${raw.rag}`);
  const lastActivity = toNullableNumber(raw.lastActivityMs);
  const row: Omit<ProgressRow, "pointsBehind"> = {
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
  return { ...row, pointsBehind: pointsBehind(row, now) };
}

/** The RAG rule's operands for enrolment e: its status, start and stored deadlines. */
function ragInputsOfEnrolment(now: Date): RagSqlInputs {
  const col = (name: string) => Prisma.raw(`e."${name}"`);
  return {
    status: col("status"),
    startMs: col("startMs"),
    greenUntilMs: col("greenUntilMs"),
    amberUntilMs: col("amberUntilMs"),
    nowMs: nowMsSql(now),
  };
}

const searchJoin = (scope: EnrolmentScope) =>
  scope.search ? Prisma.sql`JOIN "User" u ON u."id" = e."candidateId"` : Prisma.empty;

/** How many enrolments in scope are in each RAG state, by rank: one pass over stored columns. */
export function ragRankCountsSql(q: Pick<RowQuery, "scope" | "now">): Prisma.Sql {
  return Prisma.sql`SELECT ${ragRankSql(ragInputsOfEnrolment(q.now))} AS "rank", COUNT(*) AS "count"
    FROM "Enrolment" e ${searchJoin(q.scope)} WHERE ${scopeConditions(q.scope)} GROUP BY 1`;
}

/**
 * A run of one page taken from one RAG state (or from every state: rank undefined). Reversed, it
 * is read from the far end: `offset` counts from the last row, in the opposite order.
 */
export type PageSegment = { rank?: number; offset: number; limit: number; reversed?: boolean };

/**
 * The same rows read from whichever end of the `count` rows is nearer. OFFSET reads and drops
 * every row before the page, so the last page of 49,000 rows read forwards costs as much as
 * sorting them all; read backwards (the name index walks both ways) it is as cheap as the first.
 */
export function fromNearerEnd(segment: PageSegment, count: number): PageSegment {
  const fromEnd = count - segment.offset - segment.limit;
  return fromEnd < segment.offset ? { ...segment, offset: Math.max(0, fromEnd), reversed: true } : segment;
}

/**
 * Which RAG states a page sorted by RAG covers, and which rows of each: the page [offset,
 * offset + limit) laid over the states in sort order, each state's rows in name order.
 */
export function ragPageSegments(
  counts: ReadonlyMap<number, number>,
  dir: SortDirection,
  offset: number,
  limit: number,
): PageSegment[] {
  const ranks = ragStates.map((_, rank) => rank);
  if (dir === "desc") ranks.reverse();
  const segments: PageSegment[] = [];
  let before = 0;
  for (const rank of ranks) {
    const count = counts.get(rank) ?? 0;
    const from = Math.max(offset, before);
    const to = Math.min(offset + limit, before + count);
    if (to > from) segments.push(fromNearerEnd({ rank, offset: from - before, limit: to - from }, count));
    before += count;
  }
  return segments;
}

type OrderTie = [Prisma.Sql, Prisma.Sql, Prisma.Sql];

/**
 * ORDER BY key, then name, unit and id: in the list's order, or all of it the other way round
 * (a reversed segment). Never-active enrolments (no last activity) count as the longest idle.
 */
function orderByClause(
  sort: ListSort,
  key: Prisma.Sql,
  keyDir: SortDirection,
  tie: OrderTie,
  reversed: boolean,
): Prisma.Sql {
  const way = (natural: SortDirection) => Prisma.raw((natural === "desc") !== reversed ? "DESC" : "ASC");
  const nulls =
    sort === "lastActivity"
      ? Prisma.raw((keyDir === "desc") !== reversed ? " NULLS LAST" : " NULLS FIRST")
      : Prisma.empty;
  return Prisma.sql`${key} ${way(keyDir)}${nulls}, ${Prisma.join(
    tie.map((column) => Prisma.sql`${column} ${way("asc")}`),
    ", ",
  )}`;
}

/**
 * The SQL of one page of measured enrolment rows, taken as `segments`. Each segment picks its
 * rows on the enrolment's own columns: in name order it is read by User_name_idx and stops after
 * the page, and a RAG state is two comparisons with the stored deadlines (docs/decisions/0008).
 * Only the page's rows are measured and joined to their details.
 */
function progressRowsSql(ctx: ProgressContext, q: RowQuery, segments: PageSegment[]): Prisma.Sql {
  const where = scopeConditions(q.scope);
  const orderBy = (key: Prisma.Sql, keyDir: SortDirection, tie: OrderTie, reversed: boolean) =>
    orderByClause(q.sort, key, keyDir, tie, reversed);
  const col = (name: string) => Prisma.raw(`p."${name}"`);
  const sortColumn = { name: "candidateName", progress: "progress", rag: "ragRank", lastActivity: "lastActivityMs" }[
    q.sort
  ];
  const order = orderBy(col(sortColumn), q.dir, [col("candidateName"), col("unitCode"), col("id")], false);
  // A segment's own order: the list's, except that within a segment sorted by RAG every row has
  // the same state, so it is in name order.
  const segmentKey = {
    progress: progressPercentSql(Prisma.sql`e."metCount"`, Prisma.sql`v."total"`),
    lastActivity: Prisma.sql`e."lastActivityAt"`,
    name: Prisma.sql`u."name"`,
    rag: Prisma.sql`u."name"`,
  }[q.sort];
  const segmentOrder = (reversed: boolean) =>
    orderBy(
      segmentKey,
      q.sort === "rag" ? "asc" : q.dir,
      [Prisma.sql`u."name"`, Prisma.sql`v."code"`, Prisma.sql`e."id"`],
      reversed,
    );
  const rag = ragInputsOfEnrolment(q.now);
  const inState = (rank: number | undefined) => {
    const state = rank === undefined ? undefined : ragStates[rank];
    return state ? Prisma.sql` AND ${ragStateSql(rag, state)}` : Prisma.empty;
  };
  // Each segment picks only ids: the rows it reads and drops before the page stay narrow.
  const picked = segments.map(
    (segment, i) => Prisma.sql`SELECT * FROM (
      SELECT e."id" AS "id"
      FROM "Enrolment" e
        JOIN "User" u ON u."id" = e."candidateId"
        JOIN "versions" v ON v."unitVersionId" = e."unitVersionId"
      WHERE ${where}${inState(segment.rank)}
      ORDER BY ${segmentOrder(segment.reversed ?? false)}
      LIMIT ${segment.limit} OFFSET ${segment.offset}) ${Prisma.raw(`s${i}`)}`,
  );
  const m = derivedColumns("s", q.now);
  return Prisma.sql`
    WITH ${versionsCte},
    "page" AS (${Prisma.join(picked, " UNION ALL ")}),
    "picked" AS (
      SELECT e."id" AS "id", e."candidateId" AS "candidateId", e."assessorId" AS "assessorId", e."status" AS "status",
        e."unitVersionId" AS "unitVersionId", u."name" AS "candidateName", v."code" AS "unitCode", v."total" AS "total",
        ${metCountColumn} AS "met", ${periodColumns}, e."lastActivityAt" AS "lastActivityAt"
      FROM "page" pg
        JOIN "Enrolment" e ON e."id" = pg."id"
        JOIN "User" u ON u."id" = e."candidateId"
        JOIN "versions" v ON v."unitVersionId" = e."unitVersionId"),
    "measured" AS (
      SELECT s.*, ${lastActivityMsOf(ctx, "s")} AS "lastActivityMs",
        ${m.rag} AS "rag", ${m.ragRank} AS "ragRank", ${m.progress} AS "progress", ${m.timeElapsed} AS "timeElapsed"
      FROM "picked" s)
    SELECT p."id", p."candidateId", p."candidateName", c."email" AS "candidateEmail", p."unitCode", v."title" AS "unitTitle", p."unitVersionId",
      p."assessorId", a."name" AS "assessorName", p."status", p."startMs", p."endMs", p."total", p."met", p."lastActivityMs",
      p."rag", p."progress", p."timeElapsed"
    FROM "measured" p
      JOIN "versions" v ON v."unitVersionId" = p."unitVersionId"
      JOIN "User" c ON c."id" = p."candidateId"
      LEFT JOIN "User" a ON a."id" = p."assessorId"
    ORDER BY ${order}`;
}

/** How many enrolments are in scope: a count of the enrolments, joined to names only to search. */
function fullCountSql(scope: EnrolmentScope): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "count" FROM "Enrolment" e ${searchJoin(scope)} WHERE ${scopeConditions(scope)}`;
}

/**
 * One page of measured enrolment rows, and how many rows match in all, read from one snapshot.
 * When the RAG state filters or sorts the list, the states' counts come first (one pass over the
 * stored deadlines): they give the total and say which rows of which states the page holds.
 */
export async function queryProgressRows(
  db: Db,
  ctx: ProgressContext,
  q: RowQuery,
): Promise<{ rows: ProgressRow[]; fullCount: number }> {
  return readSnapshot(db, ctx, async (read) => {
    /** The page as one segment of `count` rows (of one state, or of all): nothing past the end. */
    const single = (count: number, rank?: number): PageSegment[] =>
      q.offset < count
        ? [fromNearerEnd({ rank, offset: q.offset, limit: Math.min(q.limit, count - q.offset) }, count)]
        : [];
    let segments: PageSegment[];
    let fullCount: number;
    if (!q.rag && q.sort !== "rag") {
      fullCount = toNumber((await read<{ count: unknown }>(fullCountSql(q.scope)))[0]?.count);
      segments = single(fullCount);
    } else {
      const counts = new Map(
        (await read<{ rank: unknown; count: unknown }>(ragRankCountsSql(q))).map((row) => [
          toNumber(row.rank),
          toNumber(row.count),
        ]),
      );
      if (q.rag) {
        const rank = ragStates.indexOf(q.rag);
        fullCount = counts.get(rank) ?? 0;
        segments = single(fullCount, rank);
      } else {
        fullCount = [...counts.values()].reduce((sum, count) => sum + count, 0);
        segments = ragPageSegments(counts, q.dir, q.offset, q.limit);
      }
    }
    if (segments.length === 0) return { rows: [], fullCount };
    const raw = await read<RawRow>(progressRowsSql(ctx, q, segments));
    return { rows: raw.map((r) => toRow(r, q.now)), fullCount };
  });
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
export async function listProgress(
  db: Db,
  actor: Actor,
  input: ListInput,
  ctx: ProgressContext,
): Promise<ProgressList> {
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
    ({ rows, fullCount } =
      page === 1 ? first : await queryProgressRows(db, ctx, { ...base, offset: (page - 1) * LIST_PAGE_SIZE }));
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
