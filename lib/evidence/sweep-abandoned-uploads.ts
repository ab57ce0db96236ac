import type { Db } from "../db/client";
import type { StorageProvider } from "../storage/storage-provider";
import { ABANDONED_UPLOAD_AGE_MS } from "../uploads/abandoned-sessions";
import { sweepAbandonedStagedUploads } from "../uploads/staging";

/**
 * What the server does at start for uploads a crash or restart cut off (instrumentation-node.ts):
 * removes their pending marks (partial files on disk, marker objects on S3), and the stored
 * objects of those that died after storing the file but before its row was committed. An object
 * stays whenever a row names its key. Given the staging directory, also resumable uploads
 * abandoned as long (their sessions and staged files; lib/uploads/staging.ts).
 */
export async function sweepAbandonedUploadFiles(
  db: Pick<Db, "evidenceFile" | "uploadSession">,
  storage: Pick<StorageProvider, "sweepAbandonedParts">,
  olderThanMs = ABANDONED_UPLOAD_AGE_MS,
  now = Date.now(),
  stagingDir?: string,
): Promise<number> {
  const parts = await storage.sweepAbandonedParts(
    olderThanMs,
    now,
    async (storageKey) => (await db.evidenceFile.count({ where: { storageKey } })) > 0,
  );
  if (stagingDir === undefined) return parts;
  return parts + (await sweepAbandonedStagedUploads(db, stagingDir, olderThanMs, now));
}
