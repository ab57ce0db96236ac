import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/policy";
import { sweepAbandonedUploadFiles } from "@/lib/evidence/sweep-abandoned-uploads";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { DbLocker } from "@/lib/uploads/db-locker";
import { createTusUploads, type TusUploads } from "@/lib/uploads/tus-server";
import { useMigratedDb } from "../helpers/test-db";
import { seedUploadPeople, type UploadPeople } from "../helpers/upload-people";

// The tus server driven as the route drives it: real Request objects through handleWeb, uploads
// staged in a temporary directory, files stored on a temporary local disk.

const state = useMigratedDb();

const MB = 1024 * 1024;
const GB = 1024 * MB;

let people: UploadPeople;
let storageRoot: string;
let stagingDir: string;
let store: LocalDiskStorage;

async function actorOf(userId: string): Promise<Actor> {
  const actor = await loadActor(state.db, userId);
  if (!actor) throw new Error("test user has no actor");
  return actor;
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  people = await seedUploadPeople(state.db, { slug: "tus", name: "Resumable Centre" });
});

beforeEach(async () => {
  // Each test starts with no upload in progress (the sweep and the counts look at all of them).
  await state.db.uploadSession.deleteMany();
  storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cp-tus-store-"));
  stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-tus-staging-"));
  store = new LocalDiskStorage(storageRoot);
});

afterEach(() => {
  fs.rmSync(storageRoot, { recursive: true, force: true });
  fs.rmSync(stagingDir, { recursive: true, force: true });
});

/** A server as a process starts one; a second call is a restart (or another server). */
function server(limits: { maxBytes?: number; quotaBytes?: number } = {}): TusUploads {
  return createTusUploads({
    db: state.db,
    stagingDir,
    storage: store,
    limits: { maxBytes: limits.maxBytes ?? 2 * GB, quotaBytes: limits.quotaBytes ?? 20 * GB },
  });
}

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

async function freshCandidate(email: string) {
  const candidate = await state.db.user.create({ data: { email, name: email } });
  await state.db.membership.create({ data: { userId: candidate.id, centreId: people.centreId, role: "CANDIDATE" } });
  return { actor: await actorOf(candidate.id), evidenceId: await newEvidence({ candidateId: candidate.id }) };
}

const pdfHeader = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");

function pdf(size: number) {
  const content = Buffer.concat([pdfHeader, crypto.randomBytes(size - pdfHeader.length)]);
  return { content, sha256: crypto.createHash("sha256").update(content).digest("hex") };
}

function request(method: string, url: string, headers: Record<string, string>, body?: Buffer): Request {
  return new Request(`http://portfolio.test${url}`, {
    method,
    headers: { "Tus-Resumable": "1.0.0", ...headers },
    body: body ? new Uint8Array(body) : undefined,
  });
}

const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

function create(uploads: TusUploads, actor: Actor, evidenceId: string, length: number, fileName = "statement.pdf") {
  return uploads.handle(
    request("POST", "/api/uploads", {
      "Upload-Length": String(length),
      "Upload-Metadata": `evidenceId ${b64(evidenceId)},filename ${b64(fileName)}`,
    }),
    actor,
  );
}

async function created(response: Response): Promise<string> {
  expect(response.status, await response.clone().text()).toBe(201);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/api\/uploads\/[0-9a-f]{32}$/);
  return location;
}

function patch(uploads: TusUploads, actor: Actor, location: string, offset: number, bytes: Buffer) {
  return uploads.handle(
    request(
      "PATCH",
      location,
      {
        "Upload-Offset": String(offset),
        "Content-Type": "application/offset+octet-stream",
        "Content-Length": String(bytes.length),
      },
      bytes,
    ),
    actor,
  );
}

function head(uploads: TusUploads, actor: Actor, location: string) {
  return uploads.handle(request("HEAD", location, {}), actor);
}

function cancel(uploads: TusUploads, actor: Actor, location: string) {
  return uploads.handle(request("DELETE", location, {}), actor);
}

async function messageOf(response: Response): Promise<string> {
  return ((await response.json()) as { message: string }).message;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function expectNothingLeft(evidenceId: string) {
  expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
  expect(await state.db.uploadSession.count({ where: { evidenceId } })).toBe(0);
  expect(filesUnder(storageRoot)).toEqual([]);
  expect(filesUnder(stagingDir)).toEqual([]);
}

describe("resumable uploads (tus)", () => {
  it("resumes after a restart from the offset the server kept, and records the whole file once", async () => {
    const evidenceId = await newEvidence();
    const { content, sha256 } = pdf(3 * MB);
    const first = server();
    const location = await created(await create(first, people.candidate, evidenceId, content.length));
    const half = Math.floor(content.length / 2);
    const sent = await patch(first, people.candidate, location, 0, content.subarray(0, half));
    expect(sent.status).toBe(204);
    expect(sent.headers.get("upload-offset")).toBe(String(half));
    // Nothing recorded or stored while the upload is in progress.
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
    expect(filesUnder(storageRoot)).toEqual([]);

    const restarted = server();
    const probed = await head(restarted, people.candidate, location);
    expect(probed.status).toBe(200);
    expect(probed.headers.get("upload-offset")).toBe(String(half));
    const done = await patch(restarted, people.candidate, location, half, content.subarray(half));
    expect(done.status).toBe(200);
    const file = (await done.json()) as { id: string; size: number; sha256: string; mimeType: string };
    expect(file).toMatchObject({ size: content.length, sha256, mimeType: "application/pdf" });

    const rows = await state.db.evidenceFile.findMany({ where: { evidenceId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ originalName: "statement.pdf", size: BigInt(content.length), sha256 });
    expect(filesUnder(storageRoot)).toEqual([store.pathOf(rows[0]!.storageKey)]);
    expect(fs.readFileSync(store.pathOf(rows[0]!.storageKey)).equals(content)).toBe(true);
    expect(filesUnder(stagingDir)).toEqual([]);
    expect(await state.db.uploadSession.count()).toBe(0);
    expect(await state.db.auditEvent.count({ where: { entityId: file.id, action: "evidence.addFile" } })).toBe(1);
  });

  it("hashes a file sent through one server as it arrives, without reading it again at the finish", async () => {
    const evidenceId = await newEvidence();
    const { content, sha256 } = pdf(3 * MB);
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, content.length));
    const stagedPath = path.join(stagingDir, location.split("/").pop()!);
    const third = Math.floor(content.length / 3);
    expect((await patch(uploads, people.candidate, location, 0, content.subarray(0, third))).status).toBe(204);

    const reads = vi.spyOn(fs, "createReadStream");
    try {
      const done = await patch(uploads, people.candidate, location, third, content.subarray(third));
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({ size: content.length, sha256 });
      expect(reads.mock.calls.filter(([file]) => file === stagedPath)).toEqual([]);
    } finally {
      reads.mockRestore();
    }
    expect(await state.db.evidenceFile.findMany({ where: { evidenceId }, select: { sha256: true } })).toEqual([
      { sha256 },
    ]);
  });

  it("records the whole file's SHA-256 when its bytes came through two servers in turn", async () => {
    const evidenceId = await newEvidence();
    const { content, sha256 } = pdf(3 * MB);
    const [one, other] = [server(), server()];
    const location = await created(await create(one, people.candidate, evidenceId, content.length));
    const [a, b] = [MB, 2 * MB];
    expect((await patch(one, people.candidate, location, 0, content.subarray(0, a))).status).toBe(204);
    expect((await patch(other, people.candidate, location, a, content.subarray(a, b))).status).toBe(204);
    // Back to the first server, which saw the first and last parts but not the middle one.
    const done = await patch(one, people.candidate, location, b, content.subarray(b));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ size: content.length, sha256 });
  });

  it("tells a client that missed the finish's answer that its upload is complete, so it is not sent again", async () => {
    const evidenceId = await newEvidence();
    const { content, sha256 } = pdf(MB);
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, content.length));
    // The last PATCH is recorded, but its answer never reaches the browser (a dropped connection,
    // a reload): the client asks where the upload stands before sending anything again.
    expect((await patch(uploads, people.candidate, location, 0, content)).status).toBe(200);

    const probed = await head(server(), people.candidate, location);
    expect(probed.status).toBe(200);
    expect(probed.headers.get("upload-offset")).toBe(String(content.length));
    expect(probed.headers.get("upload-length")).toBe(String(content.length));
    expect(probed.headers.get("tus-resumable")).toBe("1.0.0");
    expect(await state.db.evidenceFile.findMany({ where: { evidenceId }, select: { sha256: true } })).toEqual([
      { sha256 },
    ]);
    // Nobody else learns that the upload existed.
    expect((await head(uploads, people.otherCandidate, location)).status).toBe(404);
    // It cannot be written to again.
    expect((await patch(uploads, people.candidate, location, content.length, Buffer.from("x"))).status).toBe(404);
  });

  it("hides an upload from everyone but the person who started it", async () => {
    const evidenceId = await newEvidence();
    const { content } = pdf(MB);
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, content.length));

    expect((await head(uploads, people.otherCandidate, location)).status).toBe(404);
    const stranger = await patch(uploads, people.otherCandidate, location, 0, content);
    expect(stranger.status).toBe(404);
    expect(await messageOf(stranger)).toMatch(/cannot be continued/);
    expect((await cancel(uploads, people.otherCandidate, location)).status).toBe(404);
    expect((await head(uploads, people.candidate, location)).headers.get("upload-offset")).toBe("0");
    expect(await state.db.uploadSession.count({ where: { evidenceId } })).toBe(1);
  });

  it("refuses the assessor, another candidate and an unknown evidence at create, storing nothing", async () => {
    const evidenceId = await newEvidence();
    const uploads = server();
    const assessor = await create(uploads, people.assessor, evidenceId, MB);
    expect(assessor.status).toBe(403);
    const other = await create(uploads, people.otherCandidate, evidenceId, MB);
    expect(other.status).toBe(404);
    expect((await create(uploads, people.candidate, "no-such-evidence", MB)).status).toBe(404);
    await expectNothingLeft(evidenceId);
  });

  it("refuses a file over the limit at create, with today's message", async () => {
    const evidenceId = await newEvidence();
    const response = await create(server({ maxBytes: MB }), people.candidate, evidenceId, 2 * MB);
    expect(response.status).toBe(413);
    expect(await messageOf(response)).toMatch(/larger than 1 MB, the most one file can be/);
    await expectNothingLeft(evidenceId);
  });

  it("refuses metadata that does not say which evidence, and a length left for later", async () => {
    const uploads = server();
    const noEvidence = await uploads.handle(
      request("POST", "/api/uploads", { "Upload-Length": "10", "Upload-Metadata": `filename ${b64("a.pdf")}` }),
      people.candidate,
    );
    expect(noEvidence.status).toBe(400);
    expect(await messageOf(noEvidence)).toMatch(/did not say which evidence/);
    expect(await state.db.uploadSession.count()).toBe(0);
  });

  it("counts an upload in progress against the allowance, naming it in the refusal", async () => {
    const { actor, evidenceId } = await freshCandidate("tus-quota@example.org");
    const uploads = server({ quotaBytes: 3 * MB });
    const first = await created(await create(uploads, actor, evidenceId, 2 * MB));
    await patch(uploads, actor, first, 0, pdf(2 * MB).content.subarray(0, MB));

    const second = await create(uploads, actor, evidenceId, 2 * MB);
    expect(second.status).toBe(413);
    expect(await messageOf(second)).toMatch(
      /allowance of 3 MB \(1 MB left, counting 2 MB for your other uploads still in progress\)/,
    );
    // Cancelling the first frees its reservation.
    expect((await cancel(uploads, actor, first)).status).toBe(204);
    await created(await create(uploads, actor, evidenceId, 2 * MB));
  });

  it("stops reserving the allowance for an upload abandoned for a day, before the sweep removes it", async () => {
    const { actor, evidenceId } = await freshCandidate("tus-abandoned@example.org");
    const uploads = server({ quotaBytes: 3 * MB });
    const first = await created(await create(uploads, actor, evidenceId, 2 * MB));
    await patch(uploads, actor, first, 0, pdf(2 * MB).content.subarray(0, MB));
    expect((await create(uploads, actor, evidenceId, 2 * MB)).status).toBe(413);

    // Nobody has sent it a byte for a day and no server holds it: the daily sweep has not run yet.
    const dayAndAMinuteAgo = new Date(Date.now() - 24 * 60 * 60 * 1000 - 60_000);
    await state.db.uploadSession.updateMany({
      where: { candidateId: actor.userId },
      data: { touchedAt: dayAndAMinuteAgo, lockedUntil: null },
    });
    await created(await create(uploads, actor, evidenceId, 2 * MB));
    expect(await state.db.uploadSession.count({ where: { candidateId: actor.userId } })).toBe(2);
  });

  it("lets uploads starting at once on two servers reserve no more than the allowance", async () => {
    const { actor, evidenceId } = await freshCandidate("tus-race@example.org");
    const servers = [server({ quotaBytes: 3 * MB }), server({ quotaBytes: 3 * MB })];
    // Eight 1 MB uploads at once: each would fit alone, only three together.
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => create(servers[i % 2]!, actor, evidenceId, MB)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 413)).toHaveLength(5);
    expect(await state.db.uploadSession.count({ where: { candidateId: actor.userId } })).toBe(3);
  });

  it("refuses an HTML page named photo.jpg once complete, leaving no row, object, staged file or session", async () => {
    const evidenceId = await newEvidence();
    const html = Buffer.from("<!DOCTYPE html>\n<html><body><script>fetch('/api/me')</script></body></html>\n");
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, html.length, "photo.jpg"));
    const response = await patch(uploads, people.candidate, location, 0, html);
    expect(response.status).toBe(415);
    expect(await messageOf(response)).toBe(
      "photo.jpg is not a JPEG image: its content is an HTML document. Save it in the format its name says, or rename it to match what it is.",
    );
    await expectNothingLeft(evidenceId);
    expect((await head(uploads, people.candidate, location)).status).toBe(404);
  });

  it("cancels: the staged bytes and the session go", async () => {
    const evidenceId = await newEvidence();
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, 2 * MB));
    await patch(uploads, people.candidate, location, 0, pdf(2 * MB).content.subarray(0, MB));
    expect(filesUnder(stagingDir)).toHaveLength(2);
    expect((await cancel(uploads, people.candidate, location)).status).toBe(204);
    await expectNothingLeft(evidenceId);
  });

  it("sweeps an upload nobody continued for a day, and staged files left without a session", async () => {
    const evidenceId = await newEvidence();
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, 2 * MB));
    await patch(uploads, people.candidate, location, 0, pdf(2 * MB).content.subarray(0, MB));
    const orphan = path.join(stagingDir, "0123456789abcdef0123456789abcdef");
    fs.writeFileSync(orphan, "left by a crash");
    const day = 24 * 60 * 60 * 1000;

    const sweep = (now?: number) => sweepAbandonedUploadFiles(state.db, store, day, now, stagingDir);
    expect(await sweep()).toBe(0);
    expect(await state.db.uploadSession.count({ where: { evidenceId } })).toBe(1);
    expect(await sweep(Date.now() + day + 60_000)).toBe(2);
    await expectNothingLeft(evidenceId);
    expect((await head(uploads, people.candidate, location)).status).toBe(404);
  });

  it("refuses submitted evidence at create, and more bytes once evidence is submitted mid-upload", async () => {
    const submitted = await newEvidence({ submittedAt: new Date() });
    const uploads = server();
    const refused = await create(uploads, people.candidate, submitted, MB);
    expect(refused.status).toBe(409);
    expect(await messageOf(refused)).toMatch(/^This evidence has been submitted for assessment/);

    const evidenceId = await newEvidence();
    const { content } = pdf(2 * MB);
    const location = await created(await create(uploads, people.candidate, evidenceId, content.length));
    await patch(uploads, people.candidate, location, 0, content.subarray(0, MB));
    await state.db.evidence.update({ where: { id: evidenceId }, data: { submittedAt: new Date() } });
    const more = await patch(uploads, people.candidate, location, MB, content.subarray(MB));
    expect(more.status).toBe(409);
    expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(0);
    expect(filesUnder(storageRoot)).toEqual([]);
  });

  it("finishes an upload whose finish a crash cut off: the client is asked for its last byte again", async () => {
    const evidenceId = await newEvidence();
    const { content, sha256 } = pdf(MB);
    const uploads = server();
    const location = await created(await create(uploads, people.candidate, evidenceId, content.length));
    // All bytes staged but never finished, as when the server died between the two.
    fs.writeFileSync(path.join(stagingDir, location.split("/").pop()!), content);

    const probed = await head(server(), people.candidate, location);
    expect(probed.headers.get("upload-offset")).toBe(String(content.length - 1));
    const done = await patch(server(), people.candidate, location, content.length - 1, content.subarray(-1));
    expect(done.status).toBe(200);
    expect(await state.db.evidenceFile.findMany({ where: { evidenceId }, select: { sha256: true } })).toEqual([
      { sha256 },
    ]);
  });
});

describe("the database lease (one request per upload across servers)", () => {
  const timings = { leaseMs: 400, renewEveryMs: 50, retryEveryMs: 20, acquireTimeoutMs: 3000 };

  async function session() {
    const evidenceId = await newEvidence();
    const id = crypto.randomBytes(16).toString("hex");
    await state.db.uploadSession.create({
      data: {
        id,
        centreId: people.centreId,
        candidateId: people.candidate.userId,
        evidenceId,
        ownerId: people.candidate.userId,
        fileName: "a.pdf",
        length: 10n,
      },
    });
    return id;
  }

  it("asks the holder to let go, and hands over once it has", async () => {
    const id = await session();
    const serverA = new DbLocker(state.db, timings);
    const serverB = new DbLocker(state.db, timings);
    const held = serverA.newLock(id);
    let asked!: () => void;
    const askedToLetGo = new Promise<void>((resolve) => (asked = resolve));
    await held.lock(new AbortController().signal, async () => asked());

    const waiting = serverB.newLock(id);
    let taken = false;
    const taking = waiting.lock(new AbortController().signal, async () => {}).then(() => (taken = true));
    await askedToLetGo;
    expect(taken).toBe(false);
    await held.unlock();
    await taking;
    expect(taken).toBe(true);
    await waiting.unlock();
  });

  it("takes over the lease of a server that died once it runs out", async () => {
    const id = await session();
    const dead = new DbLocker(state.db, { ...timings, renewEveryMs: 60_000 }).newLock(id);
    await dead.lock(new AbortController().signal, async () => {});
    const next = new DbLocker(state.db, timings).newLock(id);
    await next.lock(new AbortController().signal, async () => {});
    const row = await state.db.uploadSession.findUniqueOrThrow({ where: { id } });
    expect(row.lockToken).not.toBeNull();
    await next.unlock();
    await dead.unlock();
    expect((await state.db.uploadSession.findUniqueOrThrow({ where: { id } })).lockToken).toBeNull();
  });
});
