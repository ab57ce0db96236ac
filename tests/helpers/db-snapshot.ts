import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "@/lib/db/provider";

// A fingerprint of everything a database holds: every table's row count and a hash of its rows
// in a fixed order (by every column, so tables keyed by id and join tables alike), plus the files
// under a storage directory. Two equal snapshots mean nothing was written in between. Read over
// its own connection, so it sees exactly what the app's client committed.

export type Snapshot = Map<string, { rows: number; hash: string }>;

export type Snapshotter = { take(): Promise<Snapshot>; close(): Promise<void> };

export async function openSnapshotter(url: string, options: { storageDir?: string } = {}): Promise<Snapshotter> {
  const tables = providerOf(url) === "sqlite" ? sqliteTables(url) : await postgresTables(url);
  return {
    async take() {
      const snapshot = await tables.take();
      if (options.storageDir) snapshot.set(`files in ${options.storageDir}`, filesUnder(options.storageDir));
      return snapshot;
    },
    close: tables.close,
  };
}

/** One line per table whose rows differ, saying how; empty when the snapshots are equal. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const a = before.get(name);
    const b = after.get(name);
    if (a?.hash === b?.hash && a?.rows === b?.rows) return [];
    return a?.rows === b?.rows
      ? [`${name}: rows changed (${b?.rows ?? 0} rows)`]
      : [`${name}: ${a?.rows ?? 0} rows -> ${b?.rows ?? 0} rows`];
  });
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

function sqliteTables(url: string): Snapshotter {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  const names = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((t) => t.name);
  const reads = names.map((name) => {
    const columns = (db.pragma(`table_info("${name}")`) as unknown[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(", ");
    return { name, statement: db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw(true) };
  });
  // data_version changes exactly when another connection (the app's) has committed a change,
  // so while it stands still the last snapshot is still true and the tables need no reading.
  const dataVersion = () => db.pragma("data_version", { simple: true }) as number;
  let last: { version: number; snapshot: Snapshot } | undefined;
  return {
    async take() {
      const version = dataVersion();
      if (last?.version === version) return new Map(last.snapshot);
      const snapshot: Snapshot = new Map();
      for (const { name, statement } of reads) {
        const rows = statement.all() as unknown[][];
        const text = rows
          .map((row) =>
            JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("hex") : value)),
          )
          .join("\n");
        snapshot.set(name, { rows: rows.length, hash: sha256(text) });
      }
      last = { version, snapshot };
      return new Map(snapshot);
    },
    async close() {
      db.close();
    },
  };
}

async function postgresTables(url: string): Promise<Snapshotter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  // One round trip for all tables; each row's text form, in sorted order, hashed by the server.
  const sql = tables
    .map(({ name }) => {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      return `SELECT '${name.replace(/'/g, "''")}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash FROM ${quoted} t`;
    })
    .join(" UNION ALL ");
  return {
    async take() {
      const { rows } = await client.query<{ name: string; rows: number; hash: string }>(sql);
      return new Map(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }]));
    },
    async close() {
      await client.end();
    },
  };
}

function filesUnder(dir: string): { rows: number; hash: string } {
  const found: string[] = [];
  const walk = (current: string) => {
    if (!fs.existsSync(current)) return;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push(`${path.relative(dir, full)} ${fs.statSync(full).size}`);
    }
  };
  walk(dir);
  found.sort();
  return { rows: found.length, hash: sha256(found.join("\n")) };
}
