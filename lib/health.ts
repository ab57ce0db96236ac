import { db } from "./db";
import { migrationStatus } from "./db/migrate";
import { env } from "./env";

export type Health = {
  ok: boolean;
  body: { db: "ok" | "error"; migrations: "current" | "pending" | "edited" | "unknown"; reason?: string };
};

export async function checkHealth(): Promise<Health> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    return { ok: false, body: { db: "error", migrations: "unknown", reason: "The database does not answer." } };
  }
  const status = await migrationStatus(env.DATABASE_URL);
  if (status.edited.length > 0) {
    return {
      ok: false,
      body: {
        db: "ok",
        migrations: "edited",
        reason: `Applied migrations differ from the committed files: ${status.edited.join(", ")}`,
      },
    };
  }
  if (status.pending.length > 0) {
    return {
      ok: false,
      body: {
        db: "ok",
        migrations: "pending",
        reason: `Run npm run db:migrate: ${status.pending.length} migration(s) not applied.`,
      },
    };
  }
  return { ok: true, body: { db: "ok", migrations: "current" } };
}
