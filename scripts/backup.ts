// npm run backup -- <dir>: writes a consistent backup of DATABASE_URL and the evidence files
// under STORAGE_DIR into <dir>, a new or empty directory, while the app keeps running
// (docs/decisions/0013-backup-and-restore.md). Exit 1 if it could not.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { redactUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { formatBytes } from "../lib/format/bytes";
import { createBackup } from "../lib/ops/backup/backup";
import { storage } from "../lib/storage";

const usage = "Usage: npm run backup -- <new or empty directory>";
let dir: string | undefined;
try {
  [dir] = parseArgs({ allowPositionals: true, options: {} }).positionals;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (!dir) {
  console.error(usage);
  process.exit(2);
}

const { version } = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as {
  version: string;
};
// STORAGE_DRIVER=s3: the files are read from the bucket (docs/decisions/0023-object-storage.md).
const from =
  env.STORAGE_DRIVER === "s3"
    ? `bucket ${env.S3_BUCKET} at ${env.S3_ENDPOINT ?? "AWS S3"}`
    : path.resolve(env.STORAGE_DIR);
try {
  console.log(`Backing up ${redactUrl(env.DATABASE_URL)} and ${from} into ${path.resolve(dir)}`);
  const manifest = await createBackup({
    databaseUrl: env.DATABASE_URL,
    storageDir: env.STORAGE_DIR,
    ...(env.STORAGE_DRIVER === "s3" ? { store: { provider: storage(), where: from } } : {}),
    backupDir: dir,
    appVersion: version,
    log: (line) => console.log(`  ${line}`),
  });
  const bytes = manifest.database.size + manifest.files.reduce((sum, f) => sum + f.size, 0);
  console.log(
    `Backup complete: ${path.resolve(dir)} (${formatBytes(bytes)}; snapshot at ${manifest.createdAt}, migration ${manifest.database.migration ?? "none"}, ${manifest.files.length} evidence files, ${manifest.database.auditHeads.length} audit chain heads in manifest.json).`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
