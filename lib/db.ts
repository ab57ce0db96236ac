import "server-only";
import { createDb, type Db } from "./db/client";
import { env } from "./env";
import { observeDatabasePool } from "./ops/metrics";

// One client per server process; kept on globalThis so dev-mode reloads do not open more.
const globalForDb = globalThis as { db?: Db };

export const db: Db = (globalForDb.db ??= createDb(env.DATABASE_URL, { onPool: observeDatabasePool }));
export type { Db };
