import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { verifyAuditChains, type VerifyReport } from "../../audit/verify";
import { createDb } from "../../db/client";
import { migrate } from "../../db/migrate";
import { readMigrations } from "../../db/migrations";
import { providerOf, redactUrl, sqliteFilePath } from "../../db/provider";
import { formatBytes } from "../../format/bytes";
import { LocalDiskStorage } from "../../storage/local-disk";
import { restoreDatabase } from "./database";
import { copyHashed, filesUnder, hashFile } from "./files";
import { backupPathOf, BackupError, readManifest, type Manifest } from "./manifest";
import { openSql, tableRowCounts } from "./sql";

// npm run restore: checks the backup, refuses a target that holds anything (unless forced),
// copies every evidence file in through a hash check, restores the database, brings it to this
// version's migrations and verifies the audit chains (docs/decisions/0013-backup-and-restore.md).

export type RestoreOptions = {
  backupDir: string;
  databaseUrl: string;
  storageDir: string;
  /** Replace whatever the target database and storage hold. */
  force?: boolean;
  log?: (line: string) => void;
};

export type RestoreResult = {
  manifest: Manifest;
  /** Migrations newer than the backup, applied after restoring it. */
  migrationsApplied: string[];
  audit: VerifyReport;
  /** Chains whose head after restore differs from the manifest's copy (none when all is well). */
  headMismatches: string[];
};

type TargetContents = { tables: Array<[string, number]>; files: string[] };

async function targetContents(databaseUrl: string, storageDir: string): Promise<TargetContents> {
  const files = await filesUnder(storageDir);
  if (providerOf(databaseUrl) === "sqlite" && !fs.existsSync(sqliteFilePath(databaseUrl))) return { tables: [], files };
  let sql;
  try {
    sql = await openSql(databaseUrl, { readonly: true });
  } catch (error) {
    throw new BackupError(
      `Cannot open the target database ${redactUrl(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}. Create it first (PostgreSQL: createdb), empty.`,
    );
  }
  try {
    const counts = await tableRowCounts(sql);
    return { tables: [...counts].filter(([, rows]) => rows > 0), files };
  } finally {
    await sql.close();
  }
}

/** What the target holds, in words: "the database ... has rows in User (3), ...; and the storage directory ... holds 2 files". */
function describeContents(databaseUrl: string, storageDir: string, found: TargetContents): string {
  const parts: string[] = [];
  if (found.tables.length > 0) {
    const listed = found.tables
      .slice(0, 8)
      .map(([name, rows]) => `${name} (${rows})`)
      .join(", ");
    const more = found.tables.length > 8 ? ` and ${found.tables.length - 8} more tables` : "";
    parts.push(`the database ${redactUrl(databaseUrl)} has rows in ${listed}${more}`);
  }
  if (found.files.length > 0)
    parts.push(
      `the storage directory ${path.resolve(storageDir)} holds ${found.files.length} file${found.files.length === 1 ? "" : "s"} (e.g. ${found.files[0]})`,
    );
  return parts.join(", and ");
}

function checkCompatible(manifest: Manifest, databaseUrl: string): void {
  const provider = providerOf(databaseUrl);
  if (manifest.database.provider !== provider)
    throw new BackupError(
      `This backup is of a ${manifest.database.provider} database and DATABASE_URL is ${provider}: restore it into a ${manifest.database.provider} database.`,
    );
  const known = new Set(readMigrations(provider).map((m) => m.name));
  const unknown = manifest.database.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new BackupError(
      `This backup was made by a newer version of the app (${manifest.appVersion}): migration ${unknown[0]} is unknown here. Restore it with that version or a later one.`,
    );
}

async function checkSnapshot(backupDir: string, manifest: Manifest): Promise<string> {
  const file = path.join(backupDir, manifest.database.file);
  const found = await hashFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT")
      throw new BackupError(`The backup has no database snapshot ${file}: it is incomplete.`);
    throw error;
  });
  if (found.sha256 !== manifest.database.sha256 || found.size !== manifest.database.size)
    throw new BackupError(
      `The database snapshot ${file} does not match the manifest (sha256 ${found.sha256}, expected ${manifest.database.sha256}): the backup is damaged or was altered. Nothing was restored; use another backup.`,
    );
  return file;
}

/** One file in through a temporary name; the hash is checked before it takes its key. */
async function restoreFile(backupDir: string, store: LocalDiskStorage, entry: Manifest["files"][number]) {
  const temp = path.join(store.root, "tmp", `restore-${crypto.randomBytes(8).toString("hex")}.part`);
  const source = backupPathOf(backupDir, entry.key);
  let found;
  try {
    found = await copyHashed(() => fs.createReadStream(source), temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !fs.existsSync(source))
      throw new BackupError(
        `Evidence file ${entry.key} is listed in the manifest but missing from the backup (${source}): the backup is incomplete. Nothing was restored; use another backup.`,
      );
    throw error;
  }
  if (found.sha256 !== entry.sha256 || found.size !== entry.size) {
    await fs.promises.rm(temp, { force: true });
    throw new BackupError(
      `Evidence file ${entry.key} in the backup does not match the manifest (sha256 ${found.sha256}, ${found.size} bytes; expected ${entry.sha256}, ${entry.size} bytes): the backup is damaged or was altered. Nothing was restored; use another backup.`,
    );
  }
  const final = store.pathOf(entry.key);
  await fs.promises.mkdir(path.dirname(final), { recursive: true });
  await fs.promises.rename(temp, final);
  return final;
}

async function removeAll(files: string[]): Promise<void> {
  for (const file of files) await fs.promises.rm(file, { force: true });
}

/** Stored files the backup does not have: with --force, storage ends up holding exactly the backup's. */
async function removeOthers(store: LocalDiskStorage, manifest: Manifest): Promise<number> {
  const keep = new Set(manifest.files.map((f) => path.relative(store.root, store.pathOf(f.key))));
  const others = (await filesUnder(store.root)).filter((file) => !keep.has(file));
  await removeAll(others.map((file) => path.join(store.root, file)));
  return others.length;
}

async function verifyRestored(databaseUrl: string, manifest: Manifest) {
  const db = createDb(databaseUrl);
  try {
    const audit = await verifyAuditChains(db);
    const heads = new Map((await db.auditChainHead.findMany()).map((h) => [h.chainId, h]));
    const headMismatches = manifest.database.auditHeads
      .filter((h) => heads.get(h.chainId)?.hash !== h.hash || heads.get(h.chainId)?.seq !== h.seq)
      .map((h) => h.chainId);
    return { audit, headMismatches };
  } finally {
    await db.$disconnect();
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { backupDir, databaseUrl, storageDir } = options;
  const log = options.log ?? (() => {});
  const manifest = await readManifest(backupDir);
  checkCompatible(manifest, databaseUrl);
  const snapshot = await checkSnapshot(backupDir, manifest);

  const found = await targetContents(databaseUrl, storageDir);
  const occupied = found.tables.length > 0 || found.files.length > 0;
  if (occupied) {
    const contents = describeContents(databaseUrl, storageDir, found);
    if (!options.force)
      throw new BackupError(
        `Refusing to restore: ${contents}. Restore into a new, empty database (created, with at most the migrations applied) and an empty storage directory; or, to replace everything there now (it is lost), run again with --force.`,
      );
    log(`--force: replacing what is there: ${contents}`);
  }

  const store = new LocalDiskStorage(storageDir);
  const restored: string[] = [];
  try {
    for (const entry of manifest.files) restored.push(await restoreFile(backupDir, store, entry));
    log(
      `evidence files: ${restored.length} (${formatBytes(manifest.files.reduce((s, f) => s + f.size, 0))}), each matching its hash`,
    );
    await restoreDatabase(databaseUrl, snapshot, manifest.database.sha256);
    log(`database restored from ${manifest.database.file} (${manifest.database.migration ?? "no migrations"})`);
  } catch (error) {
    await removeAll(restored);
    throw error;
  }
  if (options.force) {
    const removed = await removeOthers(store, manifest);
    if (removed) log(`removed ${removed} stored file(s) the backup does not have`);
  }

  const migrationsApplied: string[] = [];
  await migrate(databaseUrl, (line) => migrationsApplied.push(line.replace(/^applied /, "")));
  if (migrationsApplied.length) log(`applied ${migrationsApplied.length} migration(s) newer than the backup`);
  return { manifest, migrationsApplied, ...(await verifyRestored(databaseUrl, manifest)) };
}
