import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Provider } from "./provider";

// Committed migrations: prisma/migrations/<provider>/<timestamp>_<name>/migration.sql,
// one folder per provider because each records its own SQL dialect.

export const migrationsRoot = path.join(process.cwd(), "prisma", "migrations");
export const schemaSnapshotPath = path.join(migrationsRoot, "schema.snapshot.prisma");

export type MigrationFile = { name: string; sql: string; checksum: string };

export function migrationsDir(provider: Provider): string {
  return path.join(migrationsRoot, provider);
}

export function checksumOf(sql: string): string {
  return crypto.createHash("sha256").update(sql).digest("hex");
}

export function readMigrations(provider: Provider): MigrationFile[] {
  const dir = migrationsDir(provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}
