import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit";
import { loadActor } from "@/lib/auth/actor";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDemo } from "@/lib/demo/seed";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { receiveUpload } from "@/lib/evidence/receive-upload";
import { createBackup } from "@/lib/ops/backup/backup";
import { filesUnder, hashFile } from "@/lib/ops/backup/files";
import { backupPathOf, readManifest } from "@/lib/ops/backup/manifest";
import { restoreBackup } from "@/lib/ops/backup/restore";
import { openSql, tableRowCounts } from "@/lib/ops/backup/sql";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { changedTables, openSnapshotter } from "../helpers/db-snapshot";
import { createEmptyDatabase, useMigratedDb, type TestDatabase } from "../helpers/test-db";

// npm run backup / npm run restore (docs/decisions/0013-backup-and-restore.md): a backup
// restored into an empty database and storage gives back every row, every evidence file byte
// for byte and an audit log that verifies; restore refuses a target that holds anything, and a
// tampered backup stops it with nothing left behind.

const state = useMigratedDb();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cp-backup-test-"));
const sourceStorage = path.join(scratch, "source-storage");
const databases: TestDatabase[] = [];
let backupCount = 0;

async function emptyTarget(options: { migrated?: boolean } = {}) {
  const database = await createEmptyDatabase();
  databases.push(database);
  if (options.migrated) await migrate(database.url);
  return { url: database.url, storageDir: fs.mkdtempSync(path.join(scratch, "target-storage-")) };
}

async function backup() {
  const backupDir = path.join(scratch, `backup-${++backupCount}`);
  await createBackup({ databaseUrl: state.url, storageDir: sourceStorage, backupDir, appVersion: "test" });
  return backupDir;
}

async function rowCounts(url: string) {
  const sql = await openSql(url, { readonly: true });
  try {
    return await tableRowCounts(sql);
  } finally {
    await sql.close();
  }
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  const candidate = await state.db.user.findUniqueOrThrow({ where: { email: "candidate@northgate.example" } });
  const centre = await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } });
  const actor = (await loadActor(state.db, candidate.id))!;
  const store = new LocalDiskStorage(sourceStorage);
  for (let i = 1; i <= 3; i++) {
    const { id } = await createEvidence(state.db, actor, centre.id, {
      ...emptyEvidenceFormValues,
      title: `Evidence ${i}`,
      method: "reflectiveAccount",
      activityDate: "2026-01-15",
      description: "What I did at work.",
    });
    await receiveUpload({
      db: state.db,
      actor,
      evidenceId: id,
      fileName: `notes-${i}.txt`,
      body: Readable.from([`Notes ${i}\n`, crypto.randomBytes(100_000 * i).toString("base64")]),
      maxBytes: 10_000_000,
      quotaBytes: 100_000_000,
      storage: store,
    });
  }
  // Events on the platform chain as well as the centre's.
  await state.db.$transaction((tx) =>
    recordAudit(tx, { actorId: null, centreId: null, action: "test.platform", entityType: "Test", entityId: "1" }),
  );
});

afterAll(async () => {
  for (const database of databases) await database.drop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores into an empty database and storage every row, every file byte for byte, and an audit log that verifies", async () => {
    const backupDir = await backup();
    const target = await emptyTarget();

    const result = await restoreBackup({ backupDir, databaseUrl: target.url, storageDir: target.storageDir });

    const source = await rowCounts(state.url);
    expect(source.get("EvidenceFile")).toBe(3);
    expect(source.get("AuditEvent")).toBeGreaterThan(5);
    expect(await rowCounts(target.url)).toEqual(source);
    // Beyond counts: every table's rows, column by column.
    const [before, after] = await Promise.all([state.url, target.url].map((url) => openSnapshotter(url)));
    expect(changedTables(await before!.take(), await after!.take())).toEqual([]);
    await Promise.all([before!.close(), after!.close()]);

    const files = await state.db.evidenceFile.findMany({ select: { storageKey: true, sha256: true } });
    const restoredStore = new LocalDiskStorage(target.storageDir);
    for (const file of files) {
      expect((await hashFile(restoredStore.pathOf(file.storageKey))).sha256).toBe(file.sha256);
    }
    expect(await filesUnder(target.storageDir)).toHaveLength(3);

    expect(result.audit).toMatchObject({ ok: true, problems: [] });
    expect(result.headMismatches).toEqual([]);
    const restored = createDb(target.url);
    try {
      const heads = await restored.auditChainHead.findMany({ orderBy: { chainId: "asc" } });
      expect(heads).toEqual(await state.db.auditChainHead.findMany({ orderBy: { chainId: "asc" } }));
      expect(heads.length).toBe(2);
    } finally {
      await restored.$disconnect();
    }
  });

  it("refuses to restore onto a database that has rows, or into storage that has files, saying what is there", async () => {
    const backupDir = await backup();
    const snapshot = await openSnapshotter(state.url, { storageDir: sourceStorage });
    const before = await snapshot.take();
    const emptyStorage = fs.mkdtempSync(path.join(scratch, "empty-storage-"));

    await expect(restoreBackup({ backupDir, databaseUrl: state.url, storageDir: emptyStorage })).rejects.toThrow(
      /Refusing to restore: the database .* has rows in .*AuditEvent \(\d+\).*run again with --force/,
    );
    const emptyDatabase = await emptyTarget({ migrated: true });
    await expect(
      restoreBackup({ backupDir, databaseUrl: emptyDatabase.url, storageDir: sourceStorage }),
    ).rejects.toThrow(/Refusing to restore: the storage directory .*source-storage holds 3 files/);

    expect(changedTables(before, await snapshot.take())).toEqual([]);
    expect(await filesUnder(emptyStorage)).toEqual([]);
    await snapshot.close();
  });

  it("stops at a tampered file in the backup, naming it, and leaves the target empty", async () => {
    const backupDir = await backup();
    const { files } = await readManifest(backupDir);
    const tampered = files[1]!.key;
    const copy = backupPathOf(backupDir, tampered);
    const bytes = fs.readFileSync(copy);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    fs.writeFileSync(copy, bytes);
    const target = await emptyTarget({ migrated: true });

    await expect(restoreBackup({ backupDir, databaseUrl: target.url, storageDir: target.storageDir })).rejects.toThrow(
      new RegExp(`Evidence file ${tampered} in the backup does not match the manifest`),
    );

    expect([...(await rowCounts(target.url)).values()].every((rows) => rows === 0)).toBe(true);
    expect(await filesUnder(target.storageDir)).toEqual([]);
  });

  it("refuses to write a backup into a directory that is not empty", async () => {
    const backupDir = fs.mkdtempSync(path.join(scratch, "occupied-"));
    fs.writeFileSync(path.join(backupDir, "keep.txt"), "mine");

    await expect(
      createBackup({ databaseUrl: state.url, storageDir: sourceStorage, backupDir, appVersion: "test" }),
    ).rejects.toThrow(/is not empty \(1 entry, e.g. keep.txt\)/);
    expect(fs.readdirSync(backupDir)).toEqual(["keep.txt"]);
  });

  it("fails, naming the file and leaving nothing, when the database refers to a file storage has lost", async () => {
    const [lost] = await state.db.evidenceFile.findMany({ orderBy: { storageKey: "asc" }, take: 1 });
    const lostPath = new LocalDiskStorage(sourceStorage).pathOf(lost!.storageKey);
    const kept = fs.readFileSync(lostPath);
    fs.rmSync(lostPath);
    const backupDir = path.join(scratch, "lost-file-backup");
    try {
      await expect(
        createBackup({ databaseUrl: state.url, storageDir: sourceStorage, backupDir, appVersion: "test" }),
      ).rejects.toThrow(new RegExp(`Stored object ${lost!.storageKey} is referenced by the database but missing`));
      expect(fs.existsSync(backupDir)).toBe(false);
    } finally {
      fs.writeFileSync(lostPath, kept);
    }
  });
});
