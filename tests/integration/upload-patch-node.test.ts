import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { answerUploadPatch, isUploadPatch } from "@/lib/uploads/node-route";
import { createTusUploads, type TusUploads } from "@/lib/uploads/tus-server";
import { useMigratedDb } from "../helpers/test-db";
import { seedUploadPeople, type UploadPeople } from "../helpers/upload-people";

// The PATCH path before Next (lib/uploads/node-route.ts, ADR 0028): a real HTTP server whose
// PATCHes are answered from Node's request stream, signed in by next-auth's session cookie as a
// browser sends it. Uploads begin through the route's way (TusUploads.handle), as they do in use.

const state = useMigratedDb();
const secret = "node-route-test-secret-0123456789abcdef0123";
const cookieName = "next-auth.session-token";

let people: UploadPeople;
let uploads: TusUploads;
let stagingDir: string;
let storageRoot: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  people = await seedUploadPeople(state.db, { slug: "node-route", name: "Node Route Centre" });
});

beforeEach(async () => {
  stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-node-staging-"));
  storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cp-node-store-"));
  uploads = createTusUploads({
    db: state.db,
    stagingDir,
    storage: new LocalDiskStorage(storageRoot),
    limits: { maxBytes: 1024 ** 3, quotaBytes: 10 * 1024 ** 3 },
  });
  server = http.createServer((req, res) => {
    if (!isUploadPatch(req)) {
      res.statusCode = 418;
      res.end();
      return;
    }
    void answerUploadPatch(req, res, { db: () => state.db, uploads: () => uploads, secret });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(stagingDir, { recursive: true, force: true });
  fs.rmSync(storageRoot, { recursive: true, force: true });
});

async function sessionCookie(userId: string, sessionVersion?: number): Promise<string> {
  const user = await state.db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const token = await encode({ token: { sub: userId, sv: sessionVersion ?? user.sessionVersion }, secret });
  return `${cookieName}=${token}`;
}

async function newEvidence(candidateId = people.candidate.userId): Promise<string> {
  const evidence = await state.db.evidence.create({
    data: {
      centreId: people.centreId,
      candidateId,
      title: "Handling a complaint",
      method: "product",
      activityDate: new Date("2026-03-01"),
      description: "Call notes",
    },
  });
  return evidence.id;
}

function pdf(size: number) {
  const header = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const content = Buffer.concat([header, crypto.randomBytes(size - header.length)]);
  return { content, sha256: crypto.createHash("sha256").update(content).digest("hex") };
}

const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

/** Begins an upload as the route does (POST), answering its id. */
async function begin(actor: Actor, evidenceId: string, length: number): Promise<string> {
  const response = await uploads.handle(
    new Request("http://portfolio.test/api/uploads", {
      method: "POST",
      headers: {
        "Tus-Resumable": "1.0.0",
        "Upload-Length": String(length),
        "Upload-Metadata": `evidenceId ${b64(evidenceId)},filename ${b64("statement.pdf")}`,
      },
    }),
    actor,
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (response.headers.get("location") ?? "").split("/").pop() ?? "";
}

function patch(id: string, offset: number, bytes: Buffer, cookie?: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/uploads/${id}`, {
    method: "PATCH",
    headers: {
      "Tus-Resumable": "1.0.0",
      "Content-Type": "application/offset+octet-stream",
      "Upload-Offset": String(offset),
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body: new Uint8Array(bytes),
  });
}

describe("upload PATCHes answered before Next", () => {
  it("stores a file sent in two PATCHes, with the SHA-256 of every byte, and answers with the file", async () => {
    const evidenceId = await newEvidence();
    const file = pdf(3 * 1024 * 1024 + 17);
    const id = await begin(people.candidate, evidenceId, file.content.length);
    const cookie = await sessionCookie(people.candidate.userId);

    const first = await patch(id, 0, file.content.subarray(0, 2 * 1024 * 1024), cookie);
    expect(first.status).toBe(204);
    expect(first.headers.get("upload-offset")).toBe(String(2 * 1024 * 1024));
    expect(first.headers.get("tus-resumable")).toBe("1.0.0");

    const last = await patch(id, 2 * 1024 * 1024, file.content.subarray(2 * 1024 * 1024), cookie);
    expect(last.status).toBe(200);
    expect(last.headers.get("upload-offset")).toBe(String(file.content.length));
    const stored = (await last.json()) as { id: string; sha256: string; size: number };
    expect(stored).toMatchObject({ sha256: file.sha256, size: file.content.length });
    const row = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row.uploadId).toBe(id);
    expect(await state.db.uploadSession.count({ where: { id } })).toBe(0);
  });

  it("refuses a request without a session (401), another person's upload (404) and an ended session (401), writing nothing", async () => {
    const evidenceId = await newEvidence();
    const file = pdf(64 * 1024);
    const id = await begin(people.candidate, evidenceId, file.content.length);

    expect((await patch(id, 0, file.content)).status).toBe(401);
    const other = await patch(id, 0, file.content, await sessionCookie(people.otherCandidate.userId));
    expect(other.status).toBe(404);
    expect(((await other.json()) as { message: string }).message).toMatch(/cannot be continued/);
    const ended = await patch(id, 0, file.content, await sessionCookie(people.candidate.userId, 999));
    expect(ended.status).toBe(401);

    expect(fs.statSync(path.join(stagingDir, id)).size).toBe(0);
    expect(await state.db.evidenceFile.count({ where: { uploadId: id } })).toBe(0);
  });

  it("answers tus's conflicts as tus does: a wrong offset 409, a body past the length 413, no Tus-Resumable 412", async () => {
    const evidenceId = await newEvidence();
    const file = pdf(64 * 1024);
    const id = await begin(people.candidate, evidenceId, file.content.length);
    const cookie = await sessionCookie(people.candidate.userId);

    expect((await patch(id, 10, file.content.subarray(10), cookie)).status).toBe(409);
    expect((await patch(id, 0, Buffer.concat([file.content, Buffer.alloc(1)]), cookie)).status).toBe(413);
    expect((await patch(id, 0, file.content, cookie, { "Tus-Resumable": "" })).status).toBe(412);
    expect(fs.statSync(path.join(stagingDir, id)).size).toBe(0);

    const done = await patch(id, 0, file.content, cookie);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { sha256: string }).sha256).toBe(file.sha256);
  });

  it("keeps the bytes that arrived before the client went away, and the upload resumes from there", async () => {
    const evidenceId = await newEvidence();
    const file = pdf(4 * 1024 * 1024);
    const id = await begin(people.candidate, evidenceId, file.content.length);
    const cookie = await sessionCookie(people.candidate.userId);
    const { port } = server.address() as AddressInfo;

    // Half the body, then the connection drops.
    await new Promise<void>((resolve) => {
      const request = http.request({
        port,
        host: "127.0.0.1",
        method: "PATCH",
        path: `/api/uploads/${id}`,
        headers: {
          "Tus-Resumable": "1.0.0",
          "Content-Type": "application/offset+octet-stream",
          "Upload-Offset": "0",
          "Content-Length": String(file.content.length),
          Cookie: cookie,
        },
      });
      request.on("error", () => resolve());
      request.write(file.content.subarray(0, 2 * 1024 * 1024), () => setTimeout(() => request.destroy(), 200));
      request.on("close", () => resolve());
    });
    // The server notices and lets the lease go; the staged file holds what arrived.
    let staged = 0;
    for (let i = 0; i < 100 && (staged === 0 || (await leaseHeld(id))); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      staged = fs.statSync(path.join(stagingDir, id)).size;
    }
    expect(staged).toBeGreaterThan(0);
    expect(staged).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(await state.db.evidenceFile.count({ where: { uploadId: id } })).toBe(0);

    const rest = await patch(id, staged, file.content.subarray(staged), cookie);
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { sha256: string }).sha256).toBe(file.sha256);
  });
});

async function leaseHeld(id: string): Promise<boolean> {
  const session = await state.db.uploadSession.findUnique({ where: { id }, select: { lockToken: true } });
  return Boolean(session?.lockToken);
}
