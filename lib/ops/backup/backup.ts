import fs from "node:fs";
import path from "node:path";
import { providerOf } from "../../db/provider";
import { formatBytes } from "../../format/bytes";
import { LocalDiskStorage } from "../../storage/local-disk";
import type { StorageProvider } from "../../storage/storage-provider";
import { snapshotDatabase, snapshotFileName } from "./database";
import { copyHashed, hashFile } from "./files";
import { backupPathOf, BackupError, writeManifest, type Manifest } from "./manifest";

// npm run backup: the database snapshot first, then every evidence file that snapshot refers
// to, then manifest.json. Files uploaded after the snapshot are left out: no row of the backup
// refers to them (docs/decisions/0013-backup-and-restore.md).

export type BackupOptions = {
  databaseUrl: string;
  storageDir: string;
  /** Where the evidence files are read from (STORAGE_DRIVER); local disk under storageDir if not given. */
  store?: { provider: Pick<StorageProvider, "openRead">; where: string };
  /** A new or empty directory. */
  backupDir: string;
  appVersion: string;
  log?: (line: string) => void;
  /** How many times to start again when a file the snapshot refers to is deleted before it is copied. */
  attempts?: number;
};

/** A stored object the snapshot refers to was not there to copy. */
class MissingObject extends Error {
  constructor(readonly key: string) {
    super(`stored object ${key} is missing`);
  }
}

/** Creates the directory if needed; refuses one with anything in it. Returns whether it was created. */
async function prepareEmptyDir(dir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await fs.promises.readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      return true;
    }
    if (code === "ENOTDIR") throw new BackupError(`${dir} is a file, not a directory: choose a new directory.`);
    throw error;
  }
  if (entries.length > 0)
    throw new BackupError(
      `${dir} is not empty (${entries.length} entr${entries.length === 1 ? "y" : "ies"}, e.g. ${entries[0]}). A backup is written only into a new or empty directory, so it never mixes with another: choose a new one, such as backups/${new Date().toISOString().slice(0, 10)}.`,
    );
  return false;
}

async function clearDir(dir: string): Promise<void> {
  for (const entry of await fs.promises.readdir(dir))
    await fs.promises.rm(path.join(dir, entry), { recursive: true, force: true });
}

async function copyFiles(
  store: Pick<StorageProvider, "openRead">,
  keys: string[],
  dir: string,
): Promise<Manifest["files"]> {
  const files: Manifest["files"] = [];
  for (const key of keys) {
    try {
      const { sha256, size } = await copyHashed(() => store.openRead(key), backupPathOf(dir, key));
      files.push({ key, size, sha256 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new MissingObject(key);
      throw error;
    }
  }
  return files;
}

async function attempt(options: BackupOptions, log: (line: string) => void): Promise<Manifest> {
  const { databaseUrl, backupDir } = options;
  const provider = providerOf(databaseUrl);
  const dbFile = snapshotFileName(provider);
  const createdAt = new Date().toISOString();
  let started = performance.now();
  const facts = await snapshotDatabase(databaseUrl, path.join(backupDir, dbFile));
  const db = await hashFile(path.join(backupDir, dbFile));
  log(`database snapshot (${provider}): ${formatBytes(db.size)} in ${seconds(started)}`);
  started = performance.now();
  const files = await copyFiles(
    options.store?.provider ?? new LocalDiskStorage(options.storageDir),
    facts.storageKeys,
    backupDir,
  );
  log(
    `evidence files: ${files.length} (${formatBytes(files.reduce((sum, f) => sum + f.size, 0))}) in ${seconds(started)}`,
  );
  const manifest: Manifest = {
    format: "competence-portfolio-backup",
    formatVersion: 1,
    createdAt,
    appVersion: options.appVersion,
    database: {
      provider,
      file: dbFile,
      sha256: db.sha256,
      size: db.size,
      migration: facts.migrations.at(-1) ?? null,
      migrations: facts.migrations,
      auditHeads: facts.auditHeads,
    },
    files,
  };
  await writeManifest(backupDir, manifest);
  return manifest;
}

/** Writes a consistent backup into an empty directory; on failure removes what it wrote. */
export async function createBackup(options: BackupOptions): Promise<Manifest> {
  const log = options.log ?? (() => {});
  const attempts = options.attempts ?? 3;
  const created = await prepareEmptyDir(options.backupDir);
  try {
    for (let n = 1; ; n++) {
      try {
        return await attempt(options, log);
      } catch (error) {
        if (!(error instanceof MissingObject)) throw error;
        if (n >= attempts)
          throw new BackupError(
            `Stored object ${error.key} is referenced by the database but missing from ${options.store?.where ?? path.resolve(options.storageDir)} (${attempts} attempts). If ${options.store ? "the storage settings are" : "STORAGE_DIR is"} right, the database refers to a file storage has lost: find it with SELECT * FROM "EvidenceFile" WHERE "storageKey" = '${error.key}'.`,
          );
        // Evidence deleted after the snapshot takes its files with it: a new snapshot no longer refers to them.
        log(`stored object ${error.key} was deleted after the snapshot; starting again`);
        await clearDir(options.backupDir);
      }
    }
  } catch (error) {
    if (created) await fs.promises.rm(options.backupDir, { recursive: true, force: true });
    else await clearDir(options.backupDir);
    throw error;
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
