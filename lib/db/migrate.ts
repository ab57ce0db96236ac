import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { hookFor, postgresRunner, sqliteRunner } from "./migration-hooks";
import { readMigrations, type MigrationFile } from "./migrations";
import { providerOf, sqliteFilePath } from "./provider";

// A small migrator that applies the committed migrations without Prisma's native engine,
// keeping Prisma's _prisma_migrations table format (docs/decisions/0002-offline-migrations.md).
// Each migration runs in its own transaction: a failure leaves the database as it was.

export type MigrationStatus = { applied: string[]; pending: string[]; edited: string[] };

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(
      `Migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

type Applied = { migration_name: string; checksum: string };

interface Driver {
  ensureTable(): Promise<void>;
  applied(): Promise<Applied[]>;
  apply(migration: MigrationFile): Promise<void>;
  close(): Promise<void>;
}

function sqliteDriver(url: string): Driver {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  return {
    async ensureTable() {
      db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
        "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
        "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    },
    async applied() {
      return db
        .prepare(
          `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
        .all() as Applied[];
    },
    async apply(migration) {
      // PRAGMA foreign_keys is ignored inside a transaction, and Prisma's table rebuilds
      // would cascade-delete child rows with it on: turn it off first, check before commit.
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN");
        try {
          db.exec(migration.sql);
          await hookFor(migration.name)?.(sqliteRunner(db));
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length > 0) throw new Error(`${broken.length} rows would break foreign keys`);
          const now = new Date().toISOString();
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          ).run(crypto.randomUUID(), migration.checksum, now, migration.name, now);
          db.exec("COMMIT");
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      } finally {
        db.pragma("foreign_keys = ON");
      }
    },
    async close() {
      db.close();
    },
  };
}

function postgresDriver(url: string): Driver {
  const client = new pg.Client({ connectionString: url });
  let connected: Promise<unknown> | undefined;
  const ready = () => (connected ??= client.connect());
  return {
    async ensureTable() {
      await ready();
      await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    },
    async applied() {
      await ready();
      const result = await client.query<Applied>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      return result.rows;
    },
    async apply(migration) {
      // Prisma's enum rewrites carry their own BEGIN/COMMIT; wrapping them would end our
      // transaction early, so such files run as they are.
      const ownsTransaction = /^\s*BEGIN\s*;/im.test(migration.sql);
      if (!ownsTransaction) await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await hookFor(migration.name)?.(postgresRunner(client));
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), migration.checksum, migration.name],
        );
        if (!ownsTransaction) await client.query("COMMIT");
      } catch (error) {
        if (!ownsTransaction) await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      if (connected) await client.end();
    },
  };
}

function driverFor(url: string): Driver {
  return providerOf(url) === "sqlite" ? sqliteDriver(url) : postgresDriver(url);
}

function noTableMeansNothingApplied(error: unknown): Applied[] {
  if (error instanceof Error && /no such table|does not exist/i.test(error.message)) return [];
  throw error;
}

function compare(migrations: MigrationFile[], applied: Applied[]): MigrationStatus {
  const byName = new Map(applied.map((row) => [row.migration_name, row.checksum]));
  return {
    applied: migrations.filter((m) => byName.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !byName.has(m.name)).map((m) => m.name),
    edited: migrations.filter((m) => byName.has(m.name) && byName.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

/** Applies pending migrations in name order. Applying twice is a no-op. */
export async function migrate(
  url: string,
  log: (line: string) => void = () => {},
  migrations: MigrationFile[] = readMigrations(providerOf(url)),
): Promise<MigrationStatus> {
  const driver = driverFor(url);
  try {
    await driver.ensureTable();
    const status = compare(migrations, await driver.applied());
    if (status.edited.length > 0) {
      throw new Error(
        `Migration ${status.edited.join(", ")} was changed after it was applied; restore the committed file or write a new migration.`,
      );
    }
    for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
      try {
        await driver.apply(migration);
      } catch (error) {
        throw new MigrationError(migration.name, error);
      }
      log(`applied ${migration.name}`);
    }
    return { applied: migrations.map((m) => m.name), pending: [], edited: [] };
  } finally {
    await driver.close();
  }
}

/** Which committed migrations the database has, lacks, or has with different text. */
export async function migrationStatus(
  url: string,
  migrations: MigrationFile[] = readMigrations(providerOf(url)),
): Promise<MigrationStatus> {
  const driver = driverFor(url);
  try {
    return compare(migrations, await driver.applied().catch(noTableMeansNothingApplied));
  } finally {
    await driver.close();
  }
}
