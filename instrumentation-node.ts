import { env } from "./lib/env";

// Node-only start-up checks (importing lib/env stops the server on a bad variable).
if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
  process.stderr.write("Configuration error: NEXTAUTH_SECRET must be set in production (at least 32 characters; npm run demo writes one to .env)\n");
  process.exit(1);
}

/**
 * Uploads cut off by a crash or restart leave a .part file behind; sweep those a day old (an
 * upload still streaming writes to its file constantly, so it is never that old).
 */
export async function sweepAbandonedUploads(): Promise<void> {
  const { LocalDiskStorage } = await import("./lib/storage/local-disk");
  try {
    const removed = await new LocalDiskStorage(env.STORAGE_DIR).sweepAbandonedParts(24 * 60 * 60 * 1000);
    if (removed > 0) process.stdout.write(`Removed ${removed} abandoned partial upload${removed === 1 ? "" : "s"} from ${env.STORAGE_DIR}\n`);
  } catch (error) {
    process.stderr.write(`Could not sweep abandoned uploads in ${env.STORAGE_DIR}: ${String(error)}\n`);
  }
}
