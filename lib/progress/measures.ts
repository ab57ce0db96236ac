import { Prisma } from "../../generated/sqlite/client";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { ProgressContext } from "./filters";
import { epochMsSql, progressPercentSql, ragRankSql, ragSql, timeElapsedPercentSql } from "./rag";

// SQL pieces shared by the dashboard, the candidate list, the drill-down and the export, so
// every view counts "met" and "criteria in the unit" the same way.

/**
 * Every unit version with its unit's code, its title and its number of criteria: a handful of
 * rows, joined as "versions" v by unit version. MATERIALIZED so PostgreSQL counts the criteria
 * once per version rather than once per enrolment.
 */
export const versionsCte = Prisma.sql`"versions" AS MATERIALIZED (
  SELECT uv."id" AS "unitVersionId", un."code" AS "code", uv."title" AS "title",
    (SELECT COUNT(*) FROM "Criterion" c WHERE c."unitVersionId" = uv."id") AS "total"
  FROM "UnitVersion" uv JOIN "Unit" un ON un."id" = uv."unitId")`;

/** Criteria of enrolment e with a standing MET decision (stored; lib/progress/enrolment-counters.ts). */
export const metCountColumn = Prisma.sql`e."metCount"`;

/** The latest change on the enrolment, from row's stored lastActivityAt (lib/progress/enrolment-counters.ts), epoch ms or NULL. */
export function lastActivityMsOf(ctx: ProgressContext, row: string): Prisma.Sql {
  return epochMsSql(ctx.provider, Prisma.raw(`${row}."lastActivityAt"`));
}

export function nowMsSql(now: Date): Prisma.Sql {
  return Prisma.sql`CAST(${now.getTime()} AS BIGINT)`;
}

/**
 * Columns computed from a row that has "status", "startMs", "endMs", "greenUntilMs",
 * "amberUntilMs", "met" and "total" (periodColumns and the met count and versions' total).
 */
export function derivedColumns(
  row: string,
  now: Date,
): { rag: Prisma.Sql; ragRank: Prisma.Sql; progress: Prisma.Sql; timeElapsed: Prisma.Sql } {
  const col = (name: string) => Prisma.raw(`${row}."${name}"`);
  const nowMs = nowMsSql(now);
  const rule = {
    status: col("status"),
    startMs: col("startMs"),
    greenUntilMs: col("greenUntilMs"),
    amberUntilMs: col("amberUntilMs"),
    nowMs,
  };
  return {
    rag: ragSql(rule),
    ragRank: ragRankSql(rule),
    progress: progressPercentSql(col("met"), col("total")),
    timeElapsed: timeElapsedPercentSql(col("startMs"), col("endMs"), nowMs),
  };
}

/** Enrolment e's planned period as epoch milliseconds and its RAG deadlines (stored with them). */
export const periodColumns = Prisma.sql`e."startMs" AS "startMs", e."endMs" AS "endMs", e."greenUntilMs" AS "greenUntilMs", e."amberUntilMs" AS "amberUntilMs"`;

/**
 * PostgreSQL settings for these read queries, for the one transaction they run in (set_config's
 * `true`, like SET LOCAL):
 * - JIT compilation off: the planner's estimates for the per-enrolment probes pass
 *   jit_above_cost (100000 by default) although the queries take a fraction of a second, and
 *   compiling them costs from 20 ms to over a second on every call;
 * - work_mem 16 MB: grouping a centre's 49,000 enrolments into a few hundred dashboard groups
 *   does not fit the default 4 MB by the planner's estimate, so it sorted them on disk instead of
 *   hashing them (74 ms against 40 ms, measured at 10,000 candidates).
 */
const readSettingsSql = Prisma.sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '16MB', true)`;

/** Runs one of these read queries (on PostgreSQL with readSettingsSql). */
export async function queryRows<T>(db: Db, ctx: ProgressContext, sql: Prisma.Sql): Promise<T[]> {
  if (ctx.provider !== "postgresql") return db.$queryRaw<T[]>(sql);
  const [, rows] = await db.$transaction([db.$queryRaw(readSettingsSql), db.$queryRaw<T[]>(sql)]);
  return rows;
}

/**
 * Runs several of these read queries on one snapshot, so figures read by one (how many rows,
 * in which RAG state) hold for the next (the page). On PostgreSQL a REPEATABLE READ transaction
 * with readSettingsSql; SQLite's transactions are serializable.
 */
export async function readSnapshot<R>(
  db: Db,
  ctx: ProgressContext,
  work: (read: <T>(sql: Prisma.Sql) => Promise<T[]>) => Promise<R>,
): Promise<R> {
  return db.$transaction(async (tx) => {
    if (ctx.provider === "postgresql") {
      // Must come before the transaction's first query. (The client's types are SQLite's, whose
      // isolationLevel option knows only Serializable: docs/decisions/0001.)
      await tx.$executeRaw`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`;
      await tx.$queryRaw(readSettingsSql);
    }
    return work((sql) => tx.$queryRaw(sql));
  });
}

/** Integers come back as bigint (COUNT, CAST ... AS BIGINT) or number; NULL as null. */
export function toNumber(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (value === null || value === undefined) return 0;
  return Number(value);
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export type CentreInfo = { id: string; name: string; timeZone: string };

/** Authorizes the dashboard for the centre and returns its name and time zone. */
export async function centreForDashboard(db: Db, actor: Actor, centreId: string): Promise<CentreInfo> {
  authorize(actor, "centre.readDashboard", { kind: "centre", centreId });
  const centre = await db.centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!centre) throw new AppError("That centre no longer exists.", `centre ${centreId} not found`);
  return centre;
}
