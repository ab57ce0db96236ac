import Database from "better-sqlite3";
import pg from "pg";
import type { SqlRunner } from "../../audit/backfill";
import { postgresRunner, sqliteRunner } from "../../db/migration-hooks";
import { providerOf, sqliteFilePath } from "../../db/provider";

// Plain SQL over a connection of its own (not the app's Prisma client): backup and restore
// read tables whatever the schema version, and the snapshot's facts must come from the same
// transaction as the dump.

export type SqlConnection = SqlRunner & { close(): Promise<void> };

export async function openSql(url: string, options: { readonly?: boolean } = {}): Promise<SqlConnection> {
  if (providerOf(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: options.readonly ?? false });
    return { ...sqliteRunner(db), close: async () => void db.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { ...postgresRunner(client), close: () => client.end() };
}

/** The application's tables (not the migrations' own), by name. */
async function tableNames(sql: SqlRunner): Promise<string[]> {
  // SQLite: ordinary tables only; a full-text index (virtual, with shadow tables) is derived
  // from them and holds bookkeeping rows even when empty.
  const rows = await sql.query<{ name: string }>(
    sql.provider === "sqlite"
      ? `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name).filter((name) => name !== "_prisma_migrations");
}

/** Row count of every application table (migration bookkeeping left out). */
export async function tableRowCounts(sql: SqlRunner): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const name of await tableNames(sql)) {
    const [row] = await sql.query<{ n: number | string }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    counts.set(name, Number(row?.n ?? 0));
  }
  return counts;
}

/** Facts the manifest records about a snapshot; read inside the snapshot's own transaction on PostgreSQL. */
export type SnapshotFacts = {
  migrations: string[];
  storageKeys: string[];
  auditHeads: Array<{ chainId: string; seq: number; hash: string }>;
};

export async function readSnapshotFacts(sql: SqlRunner): Promise<SnapshotFacts> {
  const migrations = await sql.query<{ name: string }>(
    `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  const files = await sql.query<{ key: string }>(
    // DISTINCT: a file carried into a revision shares its original's object (docs/decisions/0017).
    `SELECT DISTINCT "storageKey" AS key FROM "EvidenceFile" ORDER BY "storageKey"`,
  );
  const heads = await sql.query<{ chainId: string; seq: number | string; hash: string }>(
    `SELECT "chainId", "seq", "hash" FROM "AuditChainHead" ORDER BY "chainId"`,
  );
  return {
    migrations: migrations.map((m) => m.name),
    storageKeys: files.map((f) => f.key),
    auditHeads: heads.map((h) => ({ chainId: h.chainId, seq: Number(h.seq), hash: h.hash })),
  };
}
