import { env } from "./lib/env";
import { log } from "./lib/ops/log";
import { installRequestLogging } from "./lib/ops/log-http";
import { enableProcessMetrics } from "./lib/ops/metrics";

// Node-only start-up checks (importing lib/env stops the server on a bad variable).
if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
  process.stderr.write(
    "Configuration error: NEXTAUTH_SECRET must be set in production (at least 32 characters; npm run demo writes one to .env)\n",
  );
  process.exit(1);
}

/** Every request from here on gets a request id, a completion line and its metrics (lib/ops/log-http.ts). */
export function startRequestLogging(): void {
  installRequestLogging(log);
  enableProcessMetrics();
}

/**
 * Uploads cut off by a crash or restart leave a pending mark behind (a .part file, or a marker
 * object on S3), and the object too if the crash came after storing it but before its row; sweep
 * those a day old (no upload streams for that long). docs/decisions/0014 and 0023.
 */
export async function sweepAbandonedUploads(): Promise<void> {
  const { storage } = await import("./lib/storage");
  const { createDb } = await import("./lib/db/client");
  const { sweepAbandonedUploadFiles } = await import("./lib/evidence/sweep-abandoned-uploads");
  // A client of its own for this one job (lib/db is the requests' one, and server-only).
  let db: ReturnType<typeof createDb> | undefined;
  try {
    db = createDb(env.DATABASE_URL);
    // With the staging directory: resumable uploads abandoned as long go too (docs/decisions/0025).
    const removed = await sweepAbandonedUploadFiles(db, storage(), undefined, undefined, env.UPLOAD_STAGING_DIR);
    if (removed > 0) log.info({ removed }, "removed abandoned partial uploads");
  } catch (error) {
    log.error({ err: error }, "could not sweep abandoned uploads");
  } finally {
    await db?.$disconnect().catch(() => undefined);
  }
}
