import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "@/lib/db/provider";

// A comparable description of a database's structure (tables, columns, indexes, foreign keys,
// enums), without Prisma's own bookkeeping table. Used to prove migrations and schema agree.
// The standards search index (CriterionSearch*, prisma/migrations/*/20261210090000_standards_search)
// is made by hand because schema.prisma cannot describe it, so it is left out too.

export async function catalogOf(url: string): Promise<string[]> {
  return providerOf(url) === "sqlite" ? sqliteCatalog(url) : postgresCatalog(url);
}

function sqliteCatalog(url: string): string[] {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' AND name NOT LIKE 'CriterionSearch%'`,
      )
      .all() as { name: string }[];
    const lines: string[] = [];
    for (const { name } of tables) {
      for (const c of db.pragma(`table_info("${name}")`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]) {
        lines.push(`column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`);
      }
      for (const i of db.pragma(`index_list("${name}")`) as { name: string; unique: number }[]) {
        const cols = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join(",");
        lines.push(`index ${name}.${i.name} unique=${i.unique} (${cols})`);
      }
      for (const f of db.pragma(`foreign_key_list("${name}")`) as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
        on_update: string;
      }[]) {
        lines.push(`fk ${name}.${f.from} -> ${f.table}.${f.to} delete=${f.on_delete} update=${f.on_update}`);
      }
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

async function postgresCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: string[] = [];
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' AND table_name NOT LIKE 'CriterionSearch%'`,
    );
    for (const r of columns.rows)
      lines.push(
        `column ${r.table_name}.${r.column_name} ${r.data_type}/${r.udt_name} nullable=${r.is_nullable} default=${r.column_default}`,
      );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND tablename NOT LIKE 'CriterionSearch%'`,
    );
    for (const r of indexes.rows) lines.push(`index ${r.indexname}: ${r.indexdef}`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
       AND conrelid::regclass::text NOT LIKE '"CriterionSearch%'`,
    );
    for (const r of constraints.rows) lines.push(`constraint ${r.tbl}.${r.conname}: ${r.def}`);
    const enums = await client.query(
      `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    for (const r of enums.rows) lines.push(`enum ${r.typname}: ${r.labels}`);
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** Runs a whole SQL script (as produced by the schema engine) against a database. */
export async function executeScript(url: string, sql: string): Promise<void> {
  if (providerOf(url) === "sqlite") {
    const db = new Database(sqliteFilePath(url));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
