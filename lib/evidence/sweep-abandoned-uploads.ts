import type { Db } from "../db/client";
import type { StorageProvider } from "../storage/storage-provider";

/** How old a partial upload must be before the sweep takes it: no upload in progress is that old. */
export const ABANDONED_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * What the server does at start for uploads a crash or restart cut off (instrumentation-node.ts):
 * removes their pending marks (partial files on disk, marker objects on S3), and the stored
 * objects of those that died after storing the file but before its row was committed. An object
 * stays whenever a row names its key.
 */
export function sweepAbandonedUploadFiles(
  db: Pick<Db, "evidenceFile">,
  storage: Pick<StorageProvider, "sweepAbandonedParts">,
  olderThanMs = ABANDONED_UPLOAD_AGE_MS,
  now = Date.now(),
): Promise<number> {
  return storage.sweepAbandonedParts(
    olderThanMs,
    now,
    async (storageKey) => (await db.evidenceFile.count({ where: { storageKey } })) > 0,
  );
}
