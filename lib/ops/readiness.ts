import { migrationStatus } from "../db/migrate";
import { log } from "./log";
import type { S3Settings } from "../storage/s3";
import { probeBucket, probeStorage } from "./storage-probe";

export type Readiness = {
  ok: boolean;
  body: {
    db: "ok" | "error";
    migrations: "current" | "pending" | "edited" | "unknown";
    storage: "ok" | "error";
    reasons?: string[];
  };
};

export type ReadinessConfig = {
  databaseUrl: string;
  storageDir: string;
  /** With STORAGE_DRIVER=s3: the bucket is checked instead of STORAGE_DIR, which is then unused. */
  s3?: S3Settings;
};

/**
 * Whether this server can take traffic: the database answers with every committed migration
 * applied, and the storage is usable: the upload directory takes a write, or (s3) the bucket
 * answers a HeadBucket. A load balancer polls it (GET /api/ready), so it costs one database round
 * trip and one small file or one request to the bucket, no more (no object is written per poll).
 */
export async function checkReadiness(config: ReadinessConfig): Promise<Readiness> {
  const [migrations, storage] = await Promise.all([
    migrationStatus(config.databaseUrl).then(
      (status) => ({ ok: true as const, status }),
      () => ({ ok: false as const }),
    ),
    config.s3 ? probeBucket(config.s3) : probeStorage(config.storageDir),
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
  if (!storage.ok && config.s3) {
    // The endpoint is public: the bucket and server go to the server log, not to whoever asks.
    log.error({ reason: storage.reason }, "not ready: the storage bucket does not answer");
    reasons.push("The storage bucket does not answer; the server log says which and why.");
  } else if (!storage.ok) {
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
