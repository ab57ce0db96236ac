import { migrationStatus } from "../db/migrate";
import { log } from "./log";
import { probeStorage } from "./storage-probe";

export type Readiness = {
  ok: boolean;
  body: {
    db: "ok" | "error";
    migrations: "current" | "pending" | "edited" | "unknown";
    storage: "ok" | "error";
    reasons?: string[];
  };
};

/**
 * Whether this server can take traffic: the database answers with every committed migration
 * applied, and the upload directory takes a write. A load balancer polls it (GET /api/ready), so
 * it costs one database round trip and one small file, no more.
 */
export async function checkReadiness(config: { databaseUrl: string; storageDir: string }): Promise<Readiness> {
  const [migrations, storage] = await Promise.all([
    migrationStatus(config.databaseUrl).then(
      (status) => ({ ok: true as const, status }),
      () => ({ ok: false as const }),
    ),
    probeStorage(config.storageDir),
  ]);
  const reasons: string[] = [];
  let state: Readiness["body"]["migrations"] = "unknown";
  if (!migrations.ok) reasons.push("The database does not answer.");
  else if (migrations.status.edited.length > 0) {
    state = "edited";
    reasons.push(`Applied migrations differ from the committed files: ${migrations.status.edited.join(", ")}.`);
  } else if (migrations.status.pending.length > 0) {
    state = "pending";
    reasons.push(`Run npm run db:migrate: ${migrations.status.pending.length} migration(s) not applied.`);
  } else state = "current";
  if (!storage.ok) {
    // The endpoint is public: the path goes to the server log, not to whoever asks.
    log.error({ reason: storage.reason }, "not ready: the upload directory cannot be written");
    reasons.push("The upload directory cannot be written; the server log says where and why.");
  }
  const body: Readiness["body"] = {
    db: migrations.ok ? "ok" : "error",
    migrations: state,
    storage: storage.ok ? "ok" : "error",
  };
  return { ok: reasons.length === 0, body: reasons.length ? { ...body, reasons } : body };
}
