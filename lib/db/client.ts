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
  const pool = new pg.Pool({ connectionString: databaseUrl });
  options.onPool?.(pool);
  // disposeExternalPool: $disconnect closes the pool, as it does for a pool the adapter makes itself.
  return new PostgresClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    transactionOptions: transactionLimits,
  }) as unknown as Db;
}
