// npm run restore -- <dir> [--force]: restores a backup written by npm run backup into
// DATABASE_URL and STORAGE_DIR, which must be empty unless --force; checks every file against
// the manifest, then verifies the audit chains. Stop the app first. Exit 1 if anything failed
// (docs/decisions/0013-backup-and-restore.md).
import path from "node:path";
import { parseArgs } from "node:util";
import { redactUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { restoreBackup } from "../lib/ops/backup/restore";

const usage = "Usage: npm run restore -- <backup directory> [--force]";
let dir: string | undefined;
let force = false;
try {
  const parsed = parseArgs({ allowPositionals: true, options: { force: { type: "boolean", default: false } } });
  [dir] = parsed.positionals;
  force = parsed.values.force;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (!dir) {
  console.error(usage);
  process.exit(2);
}

if (env.STORAGE_DRIVER === "s3") {
  // Not yet: restore writes evidence files under STORAGE_DIR (docs/decisions/0023-object-storage.md).
  console.error(
    'npm run restore writes evidence files to local disk only, and STORAGE_DRIVER is s3. Restore with STORAGE_DRIVER=disk into an empty STORAGE_DIR, upload each file <xx>/<key> there to objects/<key> in the bucket, then set STORAGE_DRIVER=s3 again (docs/decisions/0023-object-storage.md, "Restoring into a bucket").',
  );
  process.exit(2);
}

try {
  console.log(
    `Restoring ${path.resolve(dir)} into ${redactUrl(env.DATABASE_URL)} and ${path.resolve(env.STORAGE_DIR)}${force ? " (--force)" : ""}`,
  );
  const result = await restoreBackup({
    backupDir: dir,
    databaseUrl: env.DATABASE_URL,
    storageDir: env.STORAGE_DIR,
    force,
    log: (line) => console.log(`  ${line}`),
  });
  const { audit, headMismatches, manifest } = result;
  for (const problem of audit.problems) console.error(problem.message);
  if (headMismatches.length > 0)
    console.error(`Audit chain heads differ from the backup's manifest on: ${headMismatches.join(", ")}.`);
  if (!audit.ok || headMismatches.length > 0) {
    console.error(
      `Restored, but the audit log does NOT verify (${audit.problems.length} problem(s) above): the backup's data was changed outside the app. Keep the app stopped and investigate, or restore an older backup.`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Restore complete: backup of ${manifest.createdAt} (app ${manifest.appVersion}); audit log intact: ${audit.events} events on ${audit.chains} chains, heads as in the manifest.`,
    );
  }
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
