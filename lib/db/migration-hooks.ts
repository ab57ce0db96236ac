import type Database from "better-sqlite3";
import type pg from "pg";
import { hashExistingAuditEvents, type SqlRunner } from "../audit/backfill";

// Steps a migration needs that SQL cannot do on both databases, run by lib/db/migrate.ts right
// after the migration's SQL, in the same transaction: if the step fails, the migration is not
// applied. Keyed by the migration's name without its timestamp.

const hooks: Record<string, (run: SqlRunner) => Promise<unknown>> = {
  audit_chain: hashExistingAuditEvents,
};

export function hookFor(migrationName: string): ((run: SqlRunner) => Promise<unknown>) | undefined {
  return hooks[migrationName.replace(/^\d+_/, "")];
}

export function sqliteRunner(db: Database.Database): SqlRunner {
  return {
    provider: "sqlite",
    async query<T>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
  };
}

export function postgresRunner(client: pg.Client): SqlRunner {
  return {
    provider: "postgresql",
    async query<T>(sql: string, params: unknown[] = []) {
      let n = 0;
      const result = await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return result.rows as T[];
    },
  };
}
