import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresClient } from "../../generated/postgresql/client";
import { PrismaClient as SqliteClient } from "../../generated/sqlite/client";
import { providerOf, sqliteFilePath } from "./provider";

// Both generated clients come from the same schema and so have the same API; the SQLite
// one's type stands for both (docs/decisions/0001-one-schema-two-databases.md).
export type Db = SqliteClient;

/**
 * Every interactive transaction's limits (docs/decisions/0026-transaction-time-limits.md).
 * Prisma's defaults (2 s to start, 5 s to finish) turn a slow moment into lost work: on a
 * loaded two-core host a sign-off (argon2, the audit chain, signing its credential) or a
 * transaction queued behind the job worker's on SQLite's single connection can need longer,
 * and the user is then told it failed. These still end a transaction that hangs.
 */
export const transactionLimits = { maxWait: 10_000, timeout: 20_000 } as const;

/**
 * The connection settings of the app's PostgreSQL pool: every session starts with JIT
 * compilation off, after any settings the URL's `options` parameter gives. The dashboard's
 * aggregates cost more than PostgreSQL's JIT threshold, so each view compiled ~130 functions
 * (~50 ms) to save a few: the workload query took 240 ms instead of 110 at 10,000 candidates
 * (docs/decisions/0029-postgresql-without-jit.md). The URL's own `options` is moved into the
 * merged one because pg lets a connection string's parameters override the ones given beside it.
 */
export function poolSettings(databaseUrl: string): { connectionString: string; options: string } {
  const jitOff = "-c jit=off";
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // A URL this cannot parse (pg reads some, e.g. socket paths) is passed on as it is.
    return { connectionString: databaseUrl, options: jitOff };
  }
  const given = url.searchParams.get("options");
  url.searchParams.delete("options");
  return { connectionString: url.toString(), options: [given, jitOff].filter(Boolean).join(" ") };
}

/** `onPool`: given the PostgreSQL connection pool, e.g. for its metrics (SQLite has none). */
export function createDb(databaseUrl: string, options: { onPool?: (pool: pg.Pool) => void } = {}): Db {
  if (providerOf(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new SqliteClient({
      adapter: new PrismaBetterSqlite3({ url: file }),
      transactionOptions: transactionLimits,
    });
  }
  const pool = new pg.Pool(poolSettings(databaseUrl));
  options.onPool?.(pool);
  // disposeExternalPool: $disconnect closes the pool, as it does for a pool the adapter makes itself.
  return new PostgresClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: transactionLimits,
  }) as unknown as Db;
}
