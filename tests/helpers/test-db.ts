import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { Provider } from "@/lib/db/provider";

// Each integration test file gets its own throw-away database: a temporary SQLite file, or a
// new database on the PostgreSQL server at 127.0.0.1:5432, dropped afterwards.

export const provider: Provider = process.env.TEST_DB_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
export const postgresServer = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: `${postgresServer}/test` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (no migrations applied). */
export async function createEmptyDatabase(which: Provider = provider): Promise<TestDatabase> {
  const name = `cp_test_${Date.now().toString(36)}_${crypto.randomBytes(4).toString("hex")}`;
  if (which === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-test-"));
    const file = path.join(dir, `${name}.db`);
    return { url: `file:${file}`, name: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: `${postgresServer}/${name}`,
    name: `${name} on ${postgresServer.replace(/^postgresql:\/\/[^@]*@/, "")}`,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** Registers hooks giving the test file a migrated database; read `.db` inside tests. */
export function useMigratedDb() {
  const state: { db: Db; url: string; name: string } = {} as never;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    await migrate(database.url);
    state.db = createDb(database.url);
    state.url = database.url;
    state.name = database.name;
  });
  afterAll(async () => {
    await state.db?.$disconnect();
    await database?.drop();
  });
  return state;
}
