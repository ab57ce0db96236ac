import { processDb } from "../db/process-db";
import { env } from "../env";
import { storage } from "../storage";
import { createTusUploads, type TusUploads } from "./tus-server";

// One tus server per process, kept on globalThis so dev-mode reloads do not make more, and so
// the route handler and the PATCH path before Next (lib/uploads/node-route.ts), which Next
// bundles apart, share it. It holds no upload state that matters beyond a shortcut (the running
// hashes): that is in the database and the staging directory.
const globalForUploads = globalThis as { tusUploads?: TusUploads };

export function processTusUploads(): TusUploads {
  globalForUploads.tusUploads ??= createTusUploads({
    db: processDb(),
    stagingDir: env.UPLOAD_STAGING_DIR,
    storage: storage(),
    limits: { maxBytes: env.UPLOAD_MAX_BYTES, quotaBytes: env.CANDIDATE_QUOTA_BYTES },
  });
  return globalForUploads.tusUploads;
}
