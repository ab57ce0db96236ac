import { env } from "../env";
import { observeDatabasePool } from "../ops/metrics";
import { createDb, type Db } from "./client";

// One client per server process, kept on globalThis: dev-mode reloads, and the bundles Next
// builds separately (route handlers, instrumentation), then all share it.
const globalForDb = globalThis as { db?: Db };

/** The server process's database client (lib/db.ts is the same one for server code). */
export function processDb(): Db {
  return (globalForDb.db ??= createDb(env.DATABASE_URL, { onPool: observeDatabasePool }));
}
