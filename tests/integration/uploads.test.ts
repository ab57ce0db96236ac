import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { ForbiddenError, type Actor } from "@/lib/authz/policy";
import { deleteEvidenceFile, receiveUpload, UploadError, type ReceiveUploadInput } from "@/lib/evidence/receive-upload";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { useMigratedDb } from "../helpers/test-db";
import { seedUploadPeople, type UploadPeople } from "../helpers/upload-people";

const state = useMigratedDb();

const MB = 1024 * 1024;
const GB = 1024 * MB;

let people: UploadPeople;
let store: LocalDiskStorage;
let root: string;

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(state.db, userId);
  if (!actor) throw new Error("test user has no actor");
  return actor;
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  people = await seedUploadPeople(state.db, { slug: "uploads", name: "Uploads Centre" });
});

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-uploads-"));
  store = new LocalDiskStorage(root);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function newEvidence(extra: { submittedAt?: Date; candidateId?: string } = {}) {
  const evidence = await state.db.evidence.create({
    data: {
      centreId: people.centreId,
      candidateId: extra.candidateId ?? people.candidate.userId,
      title: "Handling a complaint",
      method: "product",
      activityDate: new Date("2026-03-01"),
      description: "Call notes",
      submittedAt: extra.submittedAt,
    },
  });
  return evidence.id;
}

/** A candidate of their own, so their allowance starts empty; and a piece of their evidence. */
async function freshCandidate(email: string) {
  const candidate = await state.db.user.create({ data: { email, name: email } });
  await state.db.membership.create({ data: { userId: candidate.id, centreId: people.centreId, role: "CANDIDATE" } });
  return { actor: await actorOf(candidate.id), evidenceId: await newEvidence({ candidateId: candidate.id }) };
}

/** Every file under the storage root, including tmp/. */
function storedFiles(): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const pdfHeader = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");

/** `size` bytes of a PDF-looking file, as a stream of 64 KiB chunks, with its SHA-256. */
function pdfStream(size: number, options: { failAfter?: number; onChunk?: (sent: number) => Promise<void> } = {}) {
  const content = Buffer.concat([pdfHeader, crypto.randomBytes(size - pdfHeader.length)]);
  const sha256 = crypto.createHash("sha256").update(content).digest("hex");
  async function* chunks() {
    for (let offset = 0; offset < content.length; offset += 64 * 1024) {
      if (options.failAfter !== undefined && offset >= options.failAfter) {
        throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
      }
      await options.onChunk?.(offset);
      yield content.subarray(offset, offset + 64 * 1024);
    }
  }
  return { body: Readable.from(chunks()), sha256, content };
}

/** Where a body stops until the test lets it go on. */
function gate() {
  let reach!: () => void;
  let open!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { reached, open, wait: () => (reach(), opened) };
}

/**
 * A chunked body as the route gets it: a web stream with no Content-Length, pulled 64 KiB at
 * a time, counting what it has delivered. With `pause`, it stops once `pause.at` bytes are
 * out until the gate opens, so that uploads overlap as a test needs.
 */
function chunkedPdf(size: number, pause?: { at: number; gate: ReturnType<typeof gate> }) {
  const delivered = { bytes: 0 };
  const chunk = Buffer.concat([pdfHeader, crypto.randomBytes(64 * 1024 - pdfHeader.length)]);
  let paused = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pause && !paused && delivered.bytes >= pause.at) {
        paused = true;
        await pause.gate.wait();
      }
      if (delivered.bytes >= size) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.length, size - delivered.bytes));
      delivered.bytes += piece.length;
      controller.enqueue(new Uint8Array(piece));
    },
  });
  return { body, delivered };
}

/** How far past a limit the server may have read: what is already in the pipes when it stops. */
const readAhead = 512 * 1024;

function upload(evidenceId: string, body: ReceiveUploadInput["body"], overrides: Partial<ReceiveUploadInput> = {}) {
  return receiveUpload({
    db: state.db,
    actor: people.candidate,
    evidenceId,
    fileName: "statement.pdf",
    body,
    maxBytes: 2 * GB,
    quotaBytes: 20 * GB,
    storage: store,
    ...overrides,
  });
}

async function expectUploadError(promise: Promise<unknown>, status: number, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadError);
  expect((error as UploadError).status).toBe(status);
  if (message) expect((error as UploadError).userMessage).toMatch(message);
}

async function expectNothingStored(evidenceId: string) {
  expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
  expect(storedFiles()).toEqual([]);
}

describe("receiveUpload", () => {
  it("streams a 5 MB file into storage with its size, SHA-256 and sniffed type", async () => {
    const evidenceId = await newEvidence();
    const { body, sha256, content } = pdfStream(5 * MB);
    const file = await upload(evidenceId, body, { declaredLength: content.length });

    expect(file).toMatchObject({
      evidenceId,
      originalName: "statement.pdf",
      size: 5 * MB,
      sha256,
      mimeType: "application/pdf",
    });
    const row = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(row.size).toBe(BigInt(5 * MB));
    const stored = store.pathOf(row.storageKey);
    expect(storedFiles()).toEqual([stored]);
    expect(crypto.createHash("sha256").update(fs.readFileSync(stored)).digest("hex")).toBe(sha256);
    expect(await store.stat(row.storageKey)).toEqual({ size: 5 * MB });
    const audit = await state.db.auditEvent.findFirst({
      where: { entityType: "EvidenceFile", entityId: file.id, action: "evidence.addFile" },
    });
    expect(audit?.actorId).toBe(people.candidate.userId);
  });

  it("refuses a file over maxBytes with 413 and leaves nothing behind", async () => {
    const evidenceId = await newEvidence();
    await expectUploadError(upload(evidenceId, pdfStream(3 * MB).body, { maxBytes: MB }), 413, /larger than 1 MB/);
    await expectNothingStored(evidenceId);
  });

  it("refuses at once when Content-Length is already over maxBytes", async () => {
    const evidenceId = await newEvidence();
    await expectUploadError(upload(evidenceId, pdfStream(2 * MB).body, { maxBytes: MB, declaredLength: 2 * MB }), 413);
    await expectNothingStored(evidenceId);
  });

  it("removes the partial file when the body stream fails midway", async () => {
    const evidenceId = await newEvidence();
    await expectUploadError(
      upload(evidenceId, pdfStream(3 * MB, { failAfter: MB }).body),
      400,
      /stopped before the whole file arrived/,
    );
    await expectNothingStored(evidenceId);
  });

  it("removes the partial file when the request is aborted", async () => {
    const evidenceId = await newEvidence();
    const controller = new AbortController();
    const { body } = pdfStream(3 * MB, {
      onChunk: async (sent) => {
        if (sent >= MB) controller.abort();
      },
    });
    await expectUploadError(upload(evidenceId, body, { signal: controller.signal }), 400);
    await expectNothingStored(evidenceId);
  });

  it("refuses a body shorter than its Content-Length (a truncating proxy)", async () => {
    const evidenceId = await newEvidence();
    await expectUploadError(
      upload(evidenceId, pdfStream(MB).body, { declaredLength: 2 * MB }),
      400,
      /did not arrive complete/,
    );
    await expectNothingStored(evidenceId);
  });

  it("refuses a Windows program named report.pdf with 415", async () => {
    const evidenceId = await newEvidence();
    const exe = Buffer.concat([
      Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"),
      crypto.randomBytes(300_000),
    ]);
    await expectUploadError(
      upload(evidenceId, Readable.from([exe]), { fileName: "report.pdf" }),
      415,
      /EXE.*You can upload/,
    );
    await expectNothingStored(evidenceId);
  });

  it("keeps a Unicode name for display and stores the bytes under a server-made key", async () => {
    const evidenceId = await newEvidence();
    const name = "Évaluation – 顧客 📄.pdf";
    const file = await upload(evidenceId, pdfStream(10_000).body, { fileName: name.normalize("NFD") });
    expect(file.originalName).toBe(name);
    const { storageKey } = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(storageKey).toMatch(/^[0-9a-f]{32}$/);
    const stored = store.pathOf(storageKey);
    expect(stored).toBe(path.join(root, storageKey.slice(0, 2), storageKey));
    expect(storedFiles()).toEqual([stored]);
    for (const part of ["Évaluation", "顧客", "📄", "pdf", "Evaluation"])
      expect(stored.slice(root.length)).not.toContain(part);
  });

  it("cleans names: no control characters, no paths, no bidi tricks; refuses empty and overlong ones", async () => {
    const evidenceId = await newEvidence();
    const file = await upload(evidenceId, pdfStream(5000).body, {
      fileName: "../../etc/pass\u0000wd\r\n\u202Efdp.exe",
    });
    expect(file.originalName).toBe(".._.._etc_passwdfdp.exe");
    await expectUploadError(upload(evidenceId, pdfStream(5000).body, { fileName: " \u0007 " }), 400, /no usable name/);
    await expectUploadError(
      upload(evidenceId, pdfStream(5000).body, { fileName: `${"📄".repeat(256)}` }),
      400,
      /longer than 255/,
    );
    const longest = await upload(evidenceId, pdfStream(5000).body, { fileName: `${"📄".repeat(251)}.pdf` });
    expect(Array.from(longest.originalName)).toHaveLength(255);
  });

  it("refuses what would go over the candidate's allowance, before and while streaming", async () => {
    const { actor, evidenceId } = await freshCandidate("quota@example.org");
    const quotaBytes = 3 * MB;
    await upload(evidenceId, pdfStream(2 * MB).body, { actor, quotaBytes });
    const before = storedFiles();

    await expectUploadError(
      upload(evidenceId, pdfStream(2 * MB).body, { actor, quotaBytes, declaredLength: 2 * MB }),
      413,
      /storage allowance of 3 MB \(1 MB left\)/,
    );
    await expectUploadError(
      upload(evidenceId, pdfStream(2 * MB).body, { actor, quotaBytes }),
      413,
      /storage allowance/,
    );
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(1);
    expect(storedFiles()).toEqual(before);
    await upload(evidenceId, pdfStream(MB).body, { actor, quotaBytes });
  });

  it("keeps simultaneous uploads within the allowance: only what fits is kept", async () => {
    const { actor, evidenceId } = await freshCandidate("quota-race@example.org");
    const quotaBytes = 3 * MB;
    // Six 1 MB uploads at once: each passes the check made before streaming (nothing is stored
    // yet), so only the re-check when each is recorded can hold the line at three.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => upload(evidenceId, pdfStream(MB).body, { actor, quotaBytes })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    const used = await state.db.evidenceFile.aggregate({ where: { evidenceId }, _sum: { size: true } });
    expect(Number(used._sum.size)).toBe(3 * MB);
  });

  it("stops reading a chunked body (no Content-Length) soon after it passes the file limit", async () => {
    const evidenceId = await newEvidence();
    const { body, delivered } = chunkedPdf(64 * MB);
    await expectUploadError(
      upload(evidenceId, body, { maxBytes: MB }),
      413,
      /larger than 1 MB, the most one file can be\. .*split/,
    );
    expect(delivered.bytes).toBeGreaterThan(MB);
    expect(delivered.bytes).toBeLessThan(MB + readAhead);
    await expectNothingStored(evidenceId);
  });

  it("stops reading a chunked body soon after it passes what is left of the allowance", async () => {
    const { actor, evidenceId } = await freshCandidate("chunked-quota@example.org");
    await upload(evidenceId, pdfStream(MB).body, { actor, quotaBytes: 2 * MB });
    const before = storedFiles();
    const { body, delivered } = chunkedPdf(64 * MB);
    await expectUploadError(
      upload(evidenceId, body, { actor, quotaBytes: 2 * MB }),
      413,
      /allowance of 2 MB \(1 MB left\)\. .*removing files from evidence you have not submitted/,
    );
    expect(delivered.bytes).toBeLessThan(MB + readAhead);
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(1);
    expect(storedFiles()).toEqual(before);
  });

  it("counts uploads in progress: of two that each fit but not together, the one that passes the allowance stops early", async () => {
    const { actor, evidenceId } = await freshCandidate("in-flight@example.org");
    const quotaBytes = 5 * MB;
    // The first is 2 MB in, and waits, when the second starts with nothing recorded yet: a
    // check made only at its start, or only against recorded files, would let it all in.
    const firstGate = gate();
    const first = chunkedPdf(4 * MB, { at: 2 * MB, gate: firstGate });
    const firstUpload = upload(evidenceId, first.body, { actor, quotaBytes });
    await firstGate.reached;

    const second = chunkedPdf(4 * MB);
    await expectUploadError(
      upload(evidenceId, second.body, { actor, quotaBytes }),
      413,
      /allowance of 5 MB \(3 MB left, counting 2 MB for your other uploads still in progress\)/,
    );
    // Stopped once the two together passed 5 MB, 3 MB into its own 4 MB.
    expect(second.delivered.bytes).toBeGreaterThan(3 * MB);
    expect(second.delivered.bytes).toBeLessThan(3 * MB + readAhead);
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
    // Only the first's partial file, still arriving.
    expect(storedFiles()).toEqual([expect.stringMatching(/\.part$/)]);

    firstGate.open();
    const kept = await firstUpload;
    expect(kept).toMatchObject({ size: 4 * MB });
    const { storageKey } = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: kept.id } });
    expect(storedFiles()).toEqual([store.pathOf(storageKey)]);
  });

  it("counts a file recorded while another upload was streaming", async () => {
    const { actor, evidenceId } = await freshCandidate("recorded-meanwhile@example.org");
    const quotaBytes = 5 * MB;
    const firstGate = gate();
    const first = chunkedPdf(4 * MB, { at: MB, gate: firstGate });
    const firstUpload = upload(evidenceId, first.body, { actor, quotaBytes });
    await firstGate.reached;
    await upload(evidenceId, chunkedPdf(4 * MB).body, { actor, quotaBytes });

    firstGate.open();
    await expectUploadError(firstUpload, 413, /allowance of 5 MB/);
    expect(first.delivered.bytes).toBeLessThan(MB + readAhead);
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(1);
  });

  it("refuses at once a declared length that does not fit beside an upload in progress", async () => {
    const { actor, evidenceId } = await freshCandidate("declared-in-flight@example.org");
    const quotaBytes = 3 * MB;
    const firstGate = gate();
    const first = chunkedPdf(2 * MB, { at: 2 * MB - 64 * 1024, gate: firstGate });
    const firstUpload = upload(evidenceId, first.body, { actor, quotaBytes });
    await firstGate.reached;

    const second = chunkedPdf(2 * MB);
    await expectUploadError(
      upload(evidenceId, second.body, { actor, quotaBytes, declaredLength: 2 * MB }),
      413,
      /allowance of 3 MB \(1(\.\d)? MB left, counting .+ for your other uploads still in progress\)/,
    );
    expect(second.delivered.bytes).toBeLessThan(readAhead);
    firstGate.open();
    expect(await firstUpload).toMatchObject({ size: 2 * MB });
  });

  it("refuses an HTML page named photo.jpg with 415, saying what it is", async () => {
    const evidenceId = await newEvidence();
    const html = Buffer.from("<!DOCTYPE html>\n<html><body><script>fetch('/api/me')</script></body></html>\n");
    await expectUploadError(
      upload(evidenceId, Readable.from([html]), { fileName: "photo.jpg" }),
      415,
      /^photo\.jpg is not a JPEG image: its content is an HTML document\. Save it in the format its name says, or rename it to match what it is\.$/,
    );
    await expectNothingStored(evidenceId);
  });

  it("hides the evidence from another candidate (404, as if missing), refuses its assessor, and stores nothing", async () => {
    const evidenceId = await newEvidence();
    await expectUploadError(upload(evidenceId, pdfStream(MB).body, { actor: people.otherCandidate }), 404);
    await expect(upload(evidenceId, pdfStream(MB).body, { actor: people.assessor })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expectNothingStored(evidenceId);
  });

  it("refuses evidence that has been submitted, saying what to do", async () => {
    const evidenceId = await newEvidence({ submittedAt: new Date() });
    await expectUploadError(
      upload(evidenceId, pdfStream(MB).body),
      409,
      /^This evidence has been submitted for assessment, so it can no longer be changed or deleted\. If you need to change it or its files, ask your assessor to return it\.$/,
    );
    await expectNothingStored(evidenceId);
  });

  it("refuses evidence with a mapping under review, as editing it is refused", async () => {
    const evidenceId = await newEvidence();
    const enrolment = await state.db.enrolment.findFirstOrThrow({ where: { candidateId: people.candidate.userId } });
    const criterion = await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId } });
    const mapping = await state.db.mapping.create({
      data: { evidenceId, criterionId: criterion.id, enrolmentId: enrolment.id, status: "SUBMITTED" },
    });
    await expectUploadError(upload(evidenceId, pdfStream(MB).body), 409, /reviewing or has accepted/);
    await expectNothingStored(evidenceId);
    await state.db.mapping.update({ where: { id: mapping.id }, data: { status: "REJECTED" } });
    await upload(evidenceId, pdfStream(MB).body);
  });

  it("says 404 for evidence that does not exist", async () => {
    await expectUploadError(upload("no-such-evidence", pdfStream(MB).body), 404);
    expect(storedFiles()).toEqual([]);
  });

  it("says the server is out of space (507), not that the upload was interrupted, when storage fails", async () => {
    const evidenceId = await newEvidence();
    class FullDisk extends LocalDiskStorage {
      override async createWriteTarget() {
        const target = await super.createWriteTarget();
        let written = 0;
        const failing = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            written += chunk.length;
            if (written > MB) callback(Object.assign(new Error("no space left on device"), { code: "ENOSPC" }));
            else target.stream.write(chunk, callback);
          },
          final(callback) {
            target.stream.end(callback);
          },
        });
        return { ...target, stream: failing };
      }
    }
    await expectUploadError(
      upload(evidenceId, pdfStream(3 * MB).body, { storage: new FullDisk(root) }),
      507,
      /run out of storage space/,
    );
    await expectNothingStored(evidenceId);
  });

  it("removes the committed file when the row cannot be written", async () => {
    const evidenceId = await newEvidence();
    // The evidence is deleted while its file is still arriving; the transaction then fails.
    const { body } = pdfStream(2 * MB, {
      onChunk: async (sent) => {
        if (sent === MB) await state.db.evidence.delete({ where: { id: evidenceId } });
      },
    });
    await expectUploadError(upload(evidenceId, body), 404);
    await expectNothingStored(evidenceId);
  });
});

describe("deleteEvidenceFile", () => {
  async function uploaded() {
    const evidenceId = await newEvidence();
    const file = await upload(evidenceId, pdfStream(20_000).body);
    const { storageKey } = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: file.id } });
    return { evidenceId, fileId: file.id, storageKey };
  }

  it("lets the owner remove a file before submission: row, object and an audit event", async () => {
    const { evidenceId, fileId } = await uploaded();
    await deleteEvidenceFile({ db: state.db, actor: people.candidate, fileId, storage: store });
    await expectNothingStored(evidenceId);
    expect(await state.db.auditEvent.count({ where: { entityId: fileId, action: "evidence.removeFile" } })).toBe(1);
  });

  it("refuses the assessor (403), hides the file from a stranger (404), and keeps submitted files", async () => {
    const { evidenceId, fileId, storageKey } = await uploaded();
    await expect(
      deleteEvidenceFile({ db: state.db, actor: people.assessor, fileId, storage: store }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expectUploadError(
      deleteEvidenceFile({ db: state.db, actor: people.otherCandidate, fileId, storage: store }),
      404,
    );
    await state.db.evidence.update({ where: { id: evidenceId }, data: { submittedAt: new Date() } });
    await expectUploadError(
      deleteEvidenceFile({ db: state.db, actor: people.candidate, fileId, storage: store }),
      409,
      /^This evidence has been submitted for assessment/,
    );
    expect(await state.db.evidenceFile.count({ where: { id: fileId } })).toBe(1);
    expect(storedFiles()).toEqual([store.pathOf(storageKey)]);
  });
});
