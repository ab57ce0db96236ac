import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { checkCredentialSecret, checkDisk, checkMail, checkPublicUrl, checkSecret, runDoctor } from "@/lib/ops/doctor";
import { checkReadiness } from "@/lib/ops/readiness";
import { createS3Client, type S3Settings } from "@/lib/storage/s3";
import { startS3TestServer, type S3TestServer } from "../helpers/s3-test-server";
import { createEmptyDatabase, provider, useMigratedDb } from "../helpers/test-db";

// npm run doctor against a good configuration and a broken one, through the real script, and
// the readiness check a load balancer polls (GET /api/ready).

const state = useMigratedDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-doctor-"));
const secret = "doctor-suite-secret-0123456789abcdef";
const tsx = path.resolve("node_modules/.bin/tsx");
/** A path under a regular file: nobody can create it, root included. */
const unwritable = path.join(dir, "a-file", "uploads");

/** Just enough of an SMTP server to accept one message, keeping what it was sent. */
function fakeSmtpServer() {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = "";
    socket.write("220 fake.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data) {
          if (line === ".") {
            data = false;
            socket.write("250 queued\r\n");
          } else received.push(line);
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 fake.test\r\n");
        else if (/^DATA/i.test(line)) {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  return { server, received };
}

const smtp = fakeSmtpServer();
let smtpUrl = "";

beforeAll(async () => {
  fs.writeFileSync(path.join(dir, "a-file"), "not a directory");
  await new Promise<void>((resolve) => smtp.server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => smtp.server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

const good = () => ({
  DATABASE_URL: state.url,
  STORAGE_DIR: path.join(dir, "uploads"),
  NEXTAUTH_SECRET: secret,
  CREDENTIAL_KEY_SECRET: secret,
  NEXTAUTH_URL: "https://portfolio.example.org",
  TRUST_PROXY: "1",
  SMTP_URL: smtpUrl,
  MAIL_FROM: "Portfolio <portfolio@example.org>",
  // Small, so that the disk check passes on any test machine.
  UPLOAD_MAX_BYTES: String(1024 * 1024),
});
const broken = () => ({
  DATABASE_URL:
    provider === "sqlite"
      ? `file:${path.join(dir, "missing", "app.db")}`
      : "postgresql://postgres@127.0.0.1:5432/cp_doctor_no_such_database",
  STORAGE_DIR: unwritable,
  NEXTAUTH_SECRET: "too-short",
  NEXTAUTH_URL: "http://portfolio.example.org",
  TRUST_PROXY: "0",
  SMTP_URL: "",
  UPLOAD_MAX_BYTES: String(1024 * 1024),
});

async function doctor(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(tsx, ["scripts/doctor.ts", ...args], {
      env: { ...process.env, NODE_ENV: "production", ...env },
      timeout: 150_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "" };
  }
}

const statusOf = (stdout: string) =>
  Object.fromEntries(
    stdout
      .split("\n")
      .filter((l) => /^(ok|warn|FAIL) /.test(l))
      .map((l) => [l.slice(6, 19).trim(), l.slice(0, 4).trim()]),
  );

describe("npm run doctor", { timeout: 200_000 }, () => {
  it("passes a good configuration, one line per check, and sends the test mail", async () => {
    const run = await doctor(good(), "--mail-to", "ops@example.org", "--public-url", "https://portfolio.example.org/");
    expect(run.code, run.stdout).toBe(0);
    expect(statusOf(run.stdout)).toEqual({
      configuration: "ok",
      database: "ok",
      migrations: "ok",
      storage: "ok",
      disk: "ok",
      "public URL": "ok",
      secret: "ok",
      credentials: "ok",
      proxy: "ok",
      mail: "ok",
    });
    expect(run.stdout).toContain("All checks passed.");
    expect(smtp.received).toEqual(
      expect.arrayContaining([
        "To: ops@example.org",
        "Subject: Competence Portfolio: test message from npm run doctor",
      ]),
    );
    // The storage probe leaves nothing behind.
    expect(fs.readdirSync(path.join(dir, "uploads"))).toEqual([]);
  });

  it("fails a broken configuration with a non-zero exit, naming each problem", async () => {
    const run = await doctor(broken());
    expect(run.code, run.stdout).toBe(1);
    expect(statusOf(run.stdout)).toEqual({
      configuration: "ok",
      database: "FAIL",
      migrations: "FAIL",
      storage: "FAIL",
      disk: "ok",
      "public URL": "FAIL",
      secret: "FAIL",
      credentials: "FAIL",
      proxy: "ok",
      mail: "warn",
    });
    expect(run.stdout).toContain("ENOTDIR");
    expect(run.stdout).toContain("NEXTAUTH_URL http://portfolio.example.org is not https.");
    expect(run.stdout).toContain("NEXTAUTH_SECRET has 9 characters; it needs at least 32.");
    expect(run.stdout).toContain("SMTP_URL is not set: mail stays in the outbox");
    expect(run.stdout).toContain("6 check(s) failed.");
    // Checking a SQLite URL never creates the file.
    expect(fs.existsSync(path.join(dir, "missing"))).toBe(false);
  });

  it("fails pending migrations and a malformed value of a variable without its own check", async () => {
    const empty = await createEmptyDatabase();
    try {
      const checks = await runDoctor({ ...good(), DATABASE_URL: empty.url, UPLOAD_MAX_BYTES: "lots" });
      const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
      expect(byName.configuration).toMatchObject({ ok: false, detail: expect.stringContaining("UPLOAD_MAX_BYTES") });
      expect(byName.database).toMatchObject({ ok: provider === "postgresql" });
      if (provider === "postgresql")
        expect(byName.migrations).toMatchObject({
          ok: false,
          detail: expect.stringContaining("Run npm run db:migrate"),
        });
    } finally {
      await empty.drop();
    }
  });

  it("judges NEXTAUTH_URL, the secret, the mail server and the free disk", async () => {
    expect(checkPublicUrl(undefined)).toMatchObject({ ok: false });
    expect(checkPublicUrl("http://localhost:3000")).toMatchObject({ ok: true, warning: true });
    expect(
      checkPublicUrl("https://portfolio.example.org", { publicUrl: "https://www.portfolio.example.org" }),
    ).toMatchObject({ ok: false });
    expect(checkSecret(undefined)).toMatchObject({ ok: false });
    expect(checkSecret("x".repeat(32))).toMatchObject({ ok: true });
    expect(checkCredentialSecret(undefined)).toMatchObject({ ok: false, name: "credentials" });
    expect(checkCredentialSecret("short").detail).toContain("needs at least 32");
    expect(checkCredentialSecret("x".repeat(32))).toMatchObject({ ok: true });
    expect(await checkMail({ smtpUrl: "smtp://127.0.0.1:1", mailFrom: "p@example.org" })).toMatchObject({
      ok: false,
      detail: expect.stringContaining("ECONNREFUSED"),
    });
    expect(await checkDisk(dir, Number.MAX_SAFE_INTEGER)).toMatchObject({
      ok: false,
      detail: expect.stringContaining("less than one upload"),
    });
  });
});

describe("readiness (GET /api/ready)", () => {
  it("is ready with migrations current and storage writable, and leaves no probe file", async () => {
    const storageDir = path.join(dir, "ready-uploads");
    expect(await checkReadiness({ databaseUrl: state.url, storageDir })).toEqual({
      ok: true,
      body: { db: "ok", migrations: "current", storage: "ok" },
    });
    expect(fs.readdirSync(storageDir)).toEqual([]);
  });

  it("is not ready while migrations are pending, and ready once they are applied", async () => {
    const empty = await createEmptyDatabase();
    try {
      if (provider === "sqlite") fs.mkdirSync(path.dirname(empty.name), { recursive: true });
      expect(await checkReadiness({ databaseUrl: empty.url, storageDir: dir })).toMatchObject({
        ok: false,
        body: { migrations: "pending", storage: "ok" },
      });
      await migrate(empty.url);
      expect(await checkReadiness({ databaseUrl: empty.url, storageDir: dir })).toMatchObject({ ok: true });
    } finally {
      await empty.drop();
    }
  });

  it("is not ready when the upload directory cannot be written, and does not say where it is", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const readiness = await checkReadiness({ databaseUrl: state.url, storageDir: unwritable });
      expect(readiness).toMatchObject({ ok: false, body: { db: "ok", migrations: "current", storage: "error" } });
      expect(JSON.stringify(readiness.body)).not.toContain(dir);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(unwritable));
    } finally {
      logged.mockRestore();
    }
  });
});

describe("readiness with STORAGE_DRIVER=s3", () => {
  // An S3-compatible server started here (as in the storage contract); STORAGE_DIR is a path
  // nobody can write, which s3 mode does not use: only the bucket may decide.
  let server: S3TestServer;
  let s3: S3Settings;

  beforeAll(async () => {
    server = await startS3TestServer("ready-evidence");
    s3 = server.settings;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("is ready when the bucket answers, whatever STORAGE_DIR is, and writes nothing to the bucket", async () => {
    for (let poll = 0; poll < 3; poll++)
      expect(await checkReadiness({ databaseUrl: state.url, storageDir: unwritable, s3 })).toEqual({
        ok: true,
        body: { db: "ok", migrations: "current", storage: "ok" },
      });
    // Not even an object put and deleted again: a poll every few seconds would be a write each.
    expect(server.events).toEqual([]);
    const listed = await createS3Client(s3).send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it("is not ready when the bucket is missing, and does not say which bucket or server", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const missing = { ...s3, bucket: "no-such-bucket" };
      const readiness = await checkReadiness({ databaseUrl: state.url, storageDir: dir, s3: missing });
      expect(readiness).toMatchObject({ ok: false, body: { db: "ok", migrations: "current", storage: "error" } });
      expect(JSON.stringify(readiness.body)).not.toContain("no-such-bucket");
      expect(JSON.stringify(readiness.body)).not.toContain(s3.endpoint ?? "");
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("no-such-bucket"));
    } finally {
      logged.mockRestore();
    }
  });
});
