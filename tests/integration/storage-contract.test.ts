import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { receiveUpload } from "@/lib/evidence/receive-upload";
import { createBackup } from "@/lib/ops/backup/backup";
import { checkObjectStore } from "@/lib/ops/doctor";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { createS3Client, S3Storage, type S3Settings } from "@/lib/storage/s3";
import type { StorageProvider, WriteTarget } from "@/lib/storage/storage-provider";
import { startS3TestServer, type S3TestServer } from "../helpers/s3-test-server";
import { useMigratedDb } from "../helpers/test-db";

// One contract, both providers: local disk in a temporary directory, and S3 against s3rver, an
// S3-compatible server started here on a free port (CI needs nothing else). Each test gets a
// fresh directory or bucket. The contract does not use the database, so it runs the same in both
// integration projects, except the last part: an upload through the app's own code into the
// bucket, and a backup of it. s3rver checks no signatures: nothing here tests credentials.

const MiB = 1024 * 1024;
const day = 86_400_000;
const temporary: string[] = [];
const state = useMigratedDb();
let server: S3TestServer;
let s3: S3Settings;

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

beforeAll(async () => {
  server = await startS3TestServer("evidence");
  s3 = server.settings;
});

afterAll(async () => {
  await server?.stop();
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

let buckets = 0;
const providers: [string, () => Promise<StorageProvider>][] = [
  ["local disk", async () => new LocalDiskStorage(tempDir("cp-contract-"))],
  [
    "S3 (s3rver)",
    async () => {
      const bucket = `contract-${++buckets}`;
      await createS3Client(s3).send(new CreateBucketCommand({ Bucket: bucket }));
      return new S3Storage({ ...s3, bucket });
    },
  ],
];

/** Bytes that differ everywhere, so a shifted, framed or truncated copy never matches. */
const randomBytes = (size: number) => crypto.randomBytes(size);

/** An upload body as it arrives over HTTP: many small chunks. */
function body(bytes: Buffer, chunkSize = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    })(),
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** What a comparison failure should show: sizes, digests and the first bytes. */
function fingerprint(bytes: Buffer) {
  return {
    size: bytes.length,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    head: bytes.subarray(0, 8).toString("hex"),
  };
}

async function written(store: StorageProvider, bytes: Buffer): Promise<WriteTarget> {
  const target = await store.createWriteTarget();
  await pipeline(body(bytes), target.stream);
  return target;
}

async function stored(store: StorageProvider, bytes: Buffer): Promise<WriteTarget> {
  const target = await written(store, bytes);
  await target.commit();
  await target.recorded();
  return target;
}

/** Rejects like a missing file (code ENOENT), which the download route and backup rely on. */
async function expectMissing(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ code: "ENOENT" });
}

/** Marks left behind: a sweep that takes every mark however young, and keeps every object. */
const marksLeft = (store: StorageProvider) => store.sweepAbandonedParts(-1, Date.now() + day);

describe.each(providers)("storage contract: %s", (_name, fresh) => {
  it.each([
    ["an empty file", 0],
    ["one byte", 1],
    ["15,000 bytes (one request)", 15_000],
    ["17 MiB and 3 bytes (three 8 MiB parts)", 17 * MiB + 3],
  ])("reads back exactly the bytes written: %s", async (_label, size) => {
    const store = await fresh();
    const bytes = randomBytes(size);
    const target = await stored(store, bytes);
    expect(fingerprint(await readAll(store.openRead(target.key)))).toEqual(fingerprint(bytes));
    expect(await store.stat(target.key)).toEqual({ size });
  });

  it("reads byte ranges, inclusive at both ends", async () => {
    const store = await fresh();
    const bytes = randomBytes(100_000);
    const { key } = await stored(store, bytes);
    for (const [start, end] of [
      [0, 0],
      [1_000, 70_000],
      [99_999, 99_999],
      [0, 99_999],
    ] as const) {
      const part = await readAll(store.openRead(key, { start, end }));
      expect(fingerprint(part)).toEqual(fingerprint(bytes.subarray(start, end + 1)));
    }
  });

  it("reads back what was written before commit (for type sniffing)", async () => {
    const store = await fresh();
    const bytes = randomBytes(300_000);
    const target = await written(store, bytes);
    expect(fingerprint(await readAll(target.readWritten()))).toEqual(fingerprint(bytes));
    await target.abort();
  });

  it("shows nothing under the key while the bytes are still arriving", async () => {
    const store = await fresh();
    const bytes = randomBytes(200_000);
    const target = await store.createWriteTarget();
    await new Promise<void>((resolve, reject) =>
      target.stream.write(bytes.subarray(0, 100_000), (error) => (error ? reject(error) : resolve())),
    );
    await expectMissing(store.stat(target.key));
    target.stream.end(bytes.subarray(100_000));
    await new Promise((resolve) => target.stream.once("finish", resolve));
    await target.commit();
    expect(await store.stat(target.key)).toEqual({ size: 200_000 });
    await target.recorded();
  });

  it("leaves no object and no mark when an upload is aborted, at any step", async () => {
    const store = await fresh();
    const committed = await written(store, randomBytes(50_000));
    await committed.commit();
    await committed.abort();
    const finished = await written(store, randomBytes(50_000));
    await finished.abort();
    // The body fails after more than one part was sent: on S3 a multipart upload is under way.
    const broken = await store.createWriteTarget();
    const failing = Readable.from(
      (function* () {
        yield randomBytes(9 * MiB);
        throw new Error("the client went away");
      })(),
    );
    await expect(pipeline(failing, broken.stream)).rejects.toThrow("the client went away");
    await broken.abort();
    await broken.abort();
    for (const key of [committed.key, finished.key, broken.key]) await expectMissing(store.stat(key));
    expect(await marksLeft(store)).toBe(0);
  });

  it("deletes idempotently, and a deleted or unknown key reads as missing", async () => {
    const store = await fresh();
    const { key } = await stored(store, randomBytes(1_000));
    await store.delete(key);
    await store.delete(key);
    await expectMissing(store.stat(key));
    await expectMissing(readAll(store.openRead(key)));
    const unknown = crypto.randomBytes(16).toString("hex");
    await store.delete(unknown);
    await expectMissing(store.stat(unknown));
  });

  it("keeps the pending mark until the key is recorded; the sweep removes unrecorded objects only", async () => {
    const store = await fresh();
    const recorded = await stored(store, Buffer.from("recorded"));
    const orphan = await written(store, Buffer.from("row never committed"));
    await orphan.commit();
    const rowButNoUnmark = await written(store, Buffer.from("row committed, mark left"));
    await rowButNoUnmark.commit();
    const streaming = await store.createWriteTarget();

    // Nothing is a day old yet: an upload in progress is never taken.
    expect(await store.sweepAbandonedParts(day)).toBe(0);

    const asked: string[] = [];
    const removed = await store.sweepAbandonedParts(day, Date.now() + 2 * day, async (key) => {
      asked.push(key);
      return key === rowButNoUnmark.key;
    });
    // The three marks (orphan, row-but-mark, streaming); never the recorded key's.
    expect(removed).toBe(3);
    expect(asked.sort()).toEqual([orphan.key, rowButNoUnmark.key].sort());
    await expectMissing(store.stat(orphan.key));
    expect((await readAll(store.openRead(rowButNoUnmark.key))).toString()).toBe("row committed, mark left");
    expect((await readAll(store.openRead(recorded.key))).toString()).toBe("recorded");
    expect(await marksLeft(store)).toBe(0);
    await streaming.abort();
  });
});

describe("local disk adopting a staged file (a finished resumable upload)", () => {
  it("keeps the file's bytes under a new key without copying them, pending until recorded", async () => {
    const root = tempDir("cp-adopt-");
    const store = new LocalDiskStorage(path.join(root, "store"));
    const staged = path.join(root, "staged");
    const bytes = randomBytes(3 * MiB + 7);
    fs.writeFileSync(staged, bytes);

    const adopted = await store.adoptFile(staged);
    if (!adopted) throw new Error("same file system: the file should be adopted");
    // The same file by a second name: no second write of its bytes.
    expect(fs.statSync(store.pathOf(adopted.key)).ino).toBe(fs.statSync(staged).ino);
    expect(fs.statSync(store.pathOf(adopted.key)).mode & 0o777).toBe(0o600);
    // The caller removes its staged file; the object stays whole.
    fs.rmSync(staged);
    expect(fingerprint(await readAll(store.openRead(adopted.key)))).toEqual(fingerprint(bytes));
    // Pending until recorded, like a committed write target.
    const mark = path.join(root, "store", "tmp", `${adopted.key}.part`);
    expect(fs.existsSync(mark)).toBe(true);
    await adopted.recorded();
    expect(fs.existsSync(mark)).toBe(false);
    expect(await marksLeft(store)).toBe(0);
    expect(await store.stat(adopted.key)).toEqual({ size: bytes.length });
  });

  it("throws an unrecorded adoption away, object and mark", async () => {
    const root = tempDir("cp-adopt-");
    const store = new LocalDiskStorage(path.join(root, "store"));
    const staged = path.join(root, "staged");
    fs.writeFileSync(staged, "never recorded");
    const adopted = await store.adoptFile(staged);
    if (!adopted) throw new Error("same file system: the file should be adopted");
    await adopted.abort();
    await adopted.abort();
    await expectMissing(store.stat(adopted.key));
    expect(await marksLeft(store)).toBe(0);
    expect(fs.readFileSync(staged, "utf8")).toBe("never recorded");
  });
});

describe("the S3 client the provider uses", () => {
  // With the SDK's default checksum settings, a PutObject whose body is a stream goes out with
  // aws-chunked framing, and servers other than AWS S3 (s3rver, older MinIO) store the framing
  // as the content and answer 200: 15,000 bytes became 15,044 starting "3a98\r\n". Upload sends
  // Buffers and is not affected; this holds the client's settings to the same standard.
  it("stores a streamed PutObject body byte for byte", async () => {
    const client = createS3Client(s3);
    const bytes = randomBytes(15_000);
    const Key = `streamed-${crypto.randomBytes(4).toString("hex")}`;
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: body(bytes), ContentLength: bytes.length }));
    const { Body } = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
    expect(fingerprint(await readAll(Body as Readable))).toEqual(fingerprint(bytes));
  });
});

describe("npm run doctor's storage check with STORAGE_DRIVER=s3", () => {
  const source = (bucket: string) => ({
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });

  it("passes against a bucket it can write, and leaves nothing in it", async () => {
    const bucket = `probe-${++buckets}`;
    const client = createS3Client(s3);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    expect(await checkObjectStore(source(bucket))).toEqual({
      name: "storage",
      ok: true,
      detail: `bucket ${bucket} at ${s3.endpoint} is writable`,
    });
    expect((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).toEqual([]);
  });

  it("fails naming the bucket and what to check when it cannot write", async () => {
    const check = await checkObjectStore(source("no-such-bucket"));
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(
      /bucket no-such-bucket at http:\/\/127\.0\.0\.1:\d+ \(NoSuchBucket\)\. Check S3_BUCKET/,
    );
    expect(await checkObjectStore({ STORAGE_DRIVER: "s3" })).toMatchObject({
      ok: false,
      detail: "STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
    });
  });
});

/**
 * A ZIP of stored entries in the order given: an Office file whose telling [Content_Types].xml
 * comes last, so sniffing must read the upload back. (After tests/unit/sniff-type.test.ts.)
 */
function zip(entries: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(zlib.crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

describe("uploads and backups with STORAGE_DRIVER=s3", () => {
  async function candidateWithEvidence() {
    const centre = await state.db.centre.create({ data: { slug: `s3-${++buckets}`, name: "S3 Centre" } });
    const user = await state.db.user.create({ data: { email: `s3-${buckets}@example.org`, name: "Sam" } });
    await state.db.membership.create({ data: { userId: user.id, centreId: centre.id, role: "CANDIDATE" } });
    const evidence = await state.db.evidence.create({
      data: {
        centreId: centre.id,
        candidateId: user.id,
        title: "Witness statement",
        method: "product",
        activityDate: new Date("2026-03-01"),
        description: "Signed statement",
      },
    });
    return { actor: (await loadActor(state.db, user.id))!, evidenceId: evidence.id };
  }

  async function bucketStore() {
    const bucket = `uploads-${++buckets}`;
    const client = createS3Client(s3);
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const objects = async () =>
      ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((item) => item.Key);
    return { store: new S3Storage({ ...s3, bucket }), objects };
  }

  it("stores an upload in the bucket unmarked, sniffed by reading it back, and backs it up byte for byte", async () => {
    const { actor, evidenceId } = await candidateWithEvidence();
    const { store, objects } = await bucketStore();
    // The type is told 20 KB in (past the first bytes the upload keeps); 9 MiB makes two parts.
    const docx = zip([
      ["_rels/.rels", Buffer.from("<Relationships/>")],
      ["word/media/image1.png", randomBytes(20_000)],
      ["word/document.xml", Buffer.from("<w:document/>")],
      ["[Content_Types].xml", Buffer.from(contentTypes)],
      ["word/media/video.bin", randomBytes(9 * MiB)],
    ]);
    const upload = { db: state.db, actor, evidenceId, maxBytes: 100 * MiB, quotaBytes: 100 * MiB, storage: store };
    await receiveUpload({ ...upload, fileName: "statement.docx", body: body(docx) });

    const row = await state.db.evidenceFile.findFirstOrThrow({ where: { evidenceId } });
    expect(row.mimeType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(await objects()).toEqual([`objects/${row.storageKey}`]);
    expect(fingerprint(await readAll(store.openRead(row.storageKey)))).toEqual(fingerprint(docx));

    const backupDir = path.join(tempDir("cp-s3-backup-"), "backup");
    const where = "the test bucket";
    const manifest = await createBackup({
      databaseUrl: state.url,
      storageDir: path.join(backupDir, "never-read"),
      store: { provider: store, where },
      backupDir,
      appVersion: "test",
    });
    const sha256 = crypto.createHash("sha256").update(docx).digest("hex");
    expect(manifest.files).toEqual([{ key: row.storageKey, size: docx.length, sha256 }]);
  });

  it("leaves nothing in the bucket when an upload is refused", async () => {
    const { actor, evidenceId } = await candidateWithEvidence();
    const { store, objects } = await bucketStore();
    const upload = { db: state.db, actor, evidenceId, maxBytes: 100 * MiB, quotaBytes: 100 * MiB, storage: store };
    const notAWordFile = zip([["word/media/video.bin", randomBytes(9 * MiB)]]);
    await expect(
      receiveUpload({ ...upload, fileName: "statement.docx", body: body(notAWordFile) }),
    ).rejects.toMatchObject({
      status: 415,
    });
    expect(await objects()).toEqual([]);
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
  });
});
