import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresRunner } from "../../db/migration-hooks";
import { providerOf, sqliteFilePath, type Provider } from "../../db/provider";
import { copyHashed } from "./files";
import { BackupError } from "./manifest";
import { openSql, readSnapshotFacts, type SnapshotFacts } from "./sql";

// The database half of backup and restore. SQLite: the online backup API, which copies a
// consistent image while the app keeps writing. PostgreSQL: pg_dump's custom format run on a
// snapshot exported by our own REPEATABLE READ transaction, so the list of evidence files and
// the audit heads we read are exactly those of the dump (docs/decisions/0013-backup-and-restore.md).

export function snapshotFileName(provider: Provider): string {
  return provider === "sqlite" ? "database.sqlite" : "database.pgdump";
}

/**
 * libpq (pg_dump, pg_restore) refuses query parameters it does not know; Prisma-style URLs may
 * carry some (`?schema=public`). Those are dropped, the rest kept.
 */
export function libpqUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of ["schema", "connection_limit", "pool_timeout", "socket_timeout", "pgbouncer"])
    parsed.searchParams.delete(name);
  return parsed.toString();
}

/** Runs a PostgreSQL client tool; rejects with its stderr when it fails or is not installed. */
function runTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(
              `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client-15).`,
            )
          : error,
      ),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

async function snapshotSqlite(url: string, destination: string): Promise<SnapshotFacts> {
  const file = sqliteFilePath(url);
  if (!fs.existsSync(file))
    throw new BackupError(`There is no SQLite database at ${path.resolve(file)}: check DATABASE_URL.`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    // The first step copies 100 pages, the next one all the rest: a write by the app between
    // steps restarts the copy, so few steps means it finishes however busy the app is.
    await source.backup(destination, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    source.close();
  }
  const copy = await openSql(`file:${destination}`, { readonly: true });
  try {
    return await readSnapshotFacts(copy);
  } finally {
    await copy.close();
  }
}

async function snapshotPostgres(url: string, destination: string): Promise<SnapshotFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    const facts = await readSnapshotFacts(postgresRunner(client));
    // pg_dump reads the very snapshot this transaction sees; it must stay open until pg_dump ends.
    await runTool("pg_dump", [
      "--format=custom",
      `--snapshot=${rows[0]!.id}`,
      `--file=${destination}`,
      "--no-password",
      `--dbname=${libpqUrl(url)}`,
    ]);
    await client.query("COMMIT");
    return facts;
  } finally {
    await client.end();
  }
}

/** Writes a consistent snapshot of the database to `destination` and returns what it holds. */
export async function snapshotDatabase(url: string, destination: string): Promise<SnapshotFacts> {
  const facts = await (providerOf(url) === "sqlite"
    ? snapshotSqlite(url, destination)
    : snapshotPostgres(url, destination));
  // It holds password hashes and everything else: readable by the backup's owner only.
  await fs.promises.chmod(destination, 0o600);
  return facts;
}

/**
 * Puts the snapshot in place of the target database. SQLite: a copy beside the target, checked
 * against the manifest's hash, renamed over it. PostgreSQL: pg_restore in one transaction, so a
 * failure leaves the database as it was.
 */
export async function restoreDatabase(url: string, snapshot: string, expectedSha256: string): Promise<void> {
  if (providerOf(url) === "postgresql") {
    await runTool("pg_restore", [
      "--single-transaction",
      "--exit-on-error",
      // --force may restore over an existing schema: drop what the dump creates first.
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--no-password",
      `--dbname=${libpqUrl(url)}`,
      snapshot,
    ]);
    return;
  }
  const target = path.resolve(sqliteFilePath(url));
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.restore-${crypto.randomBytes(6).toString("hex")}`;
  const { sha256 } = await copyHashed(() => fs.createReadStream(snapshot), temp);
  if (sha256 !== expectedSha256) {
    await fs.promises.rm(temp, { force: true });
    throw new BackupError(
      `The database snapshot ${snapshot} changed while it was being restored. Nothing was replaced.`,
    );
  }
  // A journal or WAL left by the old database would be applied to the new one.
  for (const suffix of ["-wal", "-shm", "-journal"]) await fs.promises.rm(`${target}${suffix}`, { force: true });
  await fs.promises.rename(temp, target);
}
