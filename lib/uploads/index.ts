import "server-only";
import { db } from "../db";
import { env } from "../env";
import { storage } from "../storage";
import { createTusUploads, type TusUploads } from "./tus-server";

// One tus server per process, kept on globalThis so dev-mode reloads do not make more. It holds
// no upload state of its own: that is in the database and the staging directory.
const globalForUploads = globalThis as { tusUploads?: TusUploads };

export function tusUploads(): TusUploads {
  globalForUploads.tusUploads ??= createTusUploads({
    db,
    stagingDir: env.UPLOAD_STAGING_DIR,
    storage: storage(),
    limits: { maxBytes: env.UPLOAD_MAX_BYTES, quotaBytes: env.CANDIDATE_QUOTA_BYTES },
  });
  return globalForUploads.tusUploads;
}
