import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createEmptyDatabase, provider } from "../helpers/test-db";

// The settings the app's PostgreSQL sessions run with (lib/db/client.ts, docs/decisions/0029).

async function setting(databaseUrl: string, name: string): Promise<string> {
  const db = createDb(databaseUrl);
  try {
    const rows = await db.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${name}`);
    return rows[0]?.[name] ?? "";
  } finally {
    await db.$disconnect();
  }
}

describe.skipIf(provider !== "postgresql")("PostgreSQL session settings", () => {
  it("runs the app's queries without JIT compilation, which cost the dashboard more than it saved", async () => {
    const database = await createEmptyDatabase();
    try {
      expect(await setting(database.url, "jit")).toBe("off");
    } finally {
      await database.drop();
    }
  });

  it("keeps the settings an operator gives in the URL's options parameter", async () => {
    const database = await createEmptyDatabase();
    try {
      const url = new URL(database.url);
      url.searchParams.set("options", "-c statement_timeout=12345");
      expect(await setting(url.toString(), "statement_timeout")).toBe("12345ms");
      expect(await setting(url.toString(), "jit")).toBe("off");
    } finally {
      await database.drop();
    }
  });
});
