import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { checksumOf, readMigrations, type MigrationFile } from "@/lib/db/migrations";
import { sqliteFilePath } from "@/lib/db/provider";
import { diffSql, schemaFor } from "@/lib/db/schema-engine";
import { catalogOf, executeScript } from "../helpers/catalog";
import { createEmptyDatabase, provider, type TestDatabase } from "../helpers/test-db";

const created: TestDatabase[] = [];
async function freshDatabase() {
  const database = await createEmptyDatabase();
  created.push(database);
  return database;
}
afterEach(async () => {
  await Promise.all(created.splice(0).map((d) => d.drop()));
});

async function tableExists(url: string, table: string): Promise<boolean> {
  if (provider === "sqlite") {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    try {
      return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT to_regclass($1) AS t`, [`public."${table}"`]);
    return rows[0]?.t !== null;
  } finally {
    await client.end();
  }
}

const committed = readMigrations(provider);
const withExtra = (name: string, sql: string): MigrationFile[] => [
  ...committed,
  { name, sql, checksum: checksumOf(sql) },
];

describe(`migrations on ${provider}`, () => {
  it("applies every committed migration, and applying twice is a no-op", async () => {
    const database = await freshDatabase();
    const log: string[] = [];
    await migrate(database.url, (line) => log.push(line));
    expect(log).toEqual(committed.map((m) => `applied ${m.name}`));
    expect(await migrationStatus(database.url)).toEqual({
      applied: committed.map((m) => m.name),
      pending: [],
      edited: [],
    });

    const before = await catalogOf(database.url);
    const second: string[] = [];
    await migrate(database.url, (line) => second.push(line));
    expect(second).toEqual([]);
    expect(await catalogOf(database.url)).toEqual(before);
  });

  it("reports pending migrations on an empty database without creating anything", async () => {
    const database = await freshDatabase();
    const status = await migrationStatus(database.url);
    expect(status.pending).toEqual(committed.map((m) => m.name));
    expect(await tableExists(database.url, "_prisma_migrations")).toBe(false);
  });

  it("rolls a failed migration back completely and names it", async () => {
    const database = await freshDatabase();
    await migrate(database.url);
    const broken = withExtra(
      "99990101000000_broken",
      `CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n`,
    );
    await expect(migrate(database.url, () => {}, broken)).rejects.toThrow(
      /^Migration 99990101000000_broken failed and was rolled back: /,
    );
    expect(await tableExists(database.url, "Half")).toBe(false);
    expect((await migrationStatus(database.url, broken)).pending).toEqual(["99990101000000_broken"]);
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    const database = await freshDatabase();
    await migrate(database.url);
    const [first, ...rest] = committed;
    if (!first) throw new Error("no committed migrations");
    const edited = [
      { ...first, sql: `${first.sql}\n-- edited`, checksum: checksumOf(`${first.sql}\n-- edited`) },
      ...rest,
    ];
    await expect(migrate(database.url, () => {}, edited)).rejects.toThrow(
      `Migration ${first.name} was changed after it was applied`,
    );
  });
});

describe(`schema.prisma and the committed ${provider} migrations agree`, () => {
  const schema = fs.readFileSync("prisma/schema.prisma", "utf8");

  async function catalogFromSchema(schemaText: string) {
    const database = await freshDatabase();
    await executeScript(database.url, await diffSql(provider, null, schemaFor(provider, schemaText)));
    return catalogOf(database.url);
  }

  it("the migrations build exactly the database the schema describes", async () => {
    const migrated = await freshDatabase();
    await migrate(migrated.url);
    const fromMigrations = await catalogOf(migrated.url);
    expect(fromMigrations.length).toBeGreaterThan(20);
    // If this fails: you changed prisma/schema.prisma without a migration.
    // Run `npm run db:make-migration -- <name>` and commit the new folders.
    expect(fromMigrations).toEqual(await catalogFromSchema(schema));
  });

  it("would notice a field added to the schema without a migration", async () => {
    const migrated = await freshDatabase();
    await migrate(migrated.url);
    const drifted = schema.replace(/model Centre \{\n/, "model Centre {\n  motto String?\n");
    expect(drifted).not.toBe(schema);
    expect(await catalogOf(migrated.url)).not.toEqual(await catalogFromSchema(drifted));
  });
});
