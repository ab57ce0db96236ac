import type { Db } from "./lib/db/client";
import { env } from "./lib/env";
import { log } from "./lib/ops/log";
import { installRequestLogging } from "./lib/ops/log-http";
import { enableProcessMetrics } from "./lib/ops/metrics";
import { processDb } from "./lib/db/process-db";
import { installUploadPatches } from "./lib/uploads/node-route";
import { processTusUploads } from "./lib/uploads/process-uploads";

// Node-only start-up checks (importing lib/env stops the server on a bad variable).
if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
  process.stderr.write(
    "Configuration error: NEXTAUTH_SECRET must be set in production (at least 32 characters; npm run demo writes one to .env)\n",
  );
  process.exit(1);
}

/**
 * Upload PATCHes (the bytes of resumable uploads) are answered on Node's streams, before Next
 * (lib/uploads/node-route.ts). Without a NEXTAUTH_SECRET (development only) the route does it.
 */
export function startUploadPatches(): void {
  if (!env.NEXTAUTH_SECRET) return;
  installUploadPatches({ db: processDb, uploads: processTusUploads, secret: env.NEXTAUTH_SECRET });
}

/** Every request from here on gets a request id, a completion line and its metrics (lib/ops/log-http.ts). */
export function startRequestLogging(): void {
  installRequestLogging(log);
  enableProcessMetrics();
}

/**
 * The abandoned-upload sweep, one function for both callers: the server's start (no client given:
 * it opens one, and a failure is logged, never stopping the start) and the daily uploads.sweep
 * job (lib/jobs/runtime.ts; given the worker's client, a failure is thrown, so the job is retried
 * and shown failed on /platform/jobs). Uploads cut off by a crash or restart leave a pending mark
 * (a .part file, or a marker object on S3), and the object too if the crash came after storing it
 * but before its row; resumable uploads nobody continued leave a session and staged files in
 * UPLOAD_STAGING_DIR. Those a day old go (no upload streams for that long, and an upload being
 * written keeps its session touched). docs/decisions/0014, 0023 and 0025.
 */
export async function sweepAbandonedUploads(jobDb?: Db): Promise<number> {
  if (jobDb) return sweepUploadsWith(jobDb);
  const { createDb } = await import("./lib/db/client");
  // A client of its own for this one run (lib/db is the requests' one, and server-only).
  let db: Db | undefined;
  try {
    db = createDb(env.DATABASE_URL);
    return await sweepUploadsWith(db);
  } catch (error) {
    log.error({ err: error }, "could not sweep abandoned uploads");
    return 0;
  } finally {
    await db?.$disconnect().catch(() => undefined);
  }
}

async function sweepUploadsWith(db: Db): Promise<number> {
  const { storage } = await import("./lib/storage");
  const { sweepAbandonedUploadFiles } = await import("./lib/evidence/sweep-abandoned-uploads");
  const removed = await sweepAbandonedUploadFiles(db, storage(), undefined, undefined, env.UPLOAD_STAGING_DIR);
  if (removed > 0) log.info({ removed }, "removed abandoned partial uploads");
  return removed;
}
