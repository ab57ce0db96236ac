import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { Cluster, pinHeader, type ServerName } from "../../scripts/cluster";
import { SmtpSink } from "../helpers/smtp-sink";
import { expectAccessible } from "./fixtures";
import { demoPassword } from "./helpers";

// Issue 20, several servers: two `next start` processes of this build on one PostgreSQL
// database behind nginx (tests/helpers/cluster.ts). Nothing a request needs may live in one
// server's memory: a session made on one is honoured by the other, and failed sign-ins are
// counted in the database, so a guesser cannot double their tries by alternating servers. Both
// servers run job workers on the one queue, and each job runs once. An upload started through
// one server that is then killed resumes through the other (the last test: it kills server a).

test.describe.configure({ mode: "serial", timeout: 300_000 });

let cluster: Cluster;
let browser: Browser;
// Takes 400 ms to accept each message, so that both servers' workers are busy at once.
const mail = new SmtpSink(400);

test.beforeAll(async () => {
  test.setTimeout(600_000);
  await mail.start();
  cluster = await Cluster.prepare();
  // "job done" lines (lib/jobs/worker.ts) say which server ran which job.
  cluster.extraEnv = { SMTP_URL: mail.url, LOG_LEVEL: "info" };
  await Promise.all([cluster.startServer("a"), cluster.startServer("b")]);
  await cluster.startNginx();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
  await mail.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("cluster logs", { body: cluster.logs() });
});

/** A browser session against the balancer, whose requests all go to `server` until re-pinned. */
async function pinnedContext(server: ServerName): Promise<BrowserContext> {
  return browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: { [pinHeader]: server } });
}

async function pin(context: BrowserContext, server: ServerName): Promise<void> {
  await context.setExtraHTTPHeaders({ [pinHeader]: server });
}

/** Loads a page and says which server answered it. */
async function open(page: Page, path: string): Promise<ServerName | undefined> {
  const response = await page.goto(path);
  expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
  return cluster.serverOf(await response?.headerValue("x-upstream"));
}

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a session made on one server is honoured by the other, and a change made through one is seen through the other", async () => {
  const context = await pinnedContext("a");
  const page = await context.newPage();
  expect(await open(page, "/login")).toBe("a");
  await submitSignIn(page, "candidate@northgate.example", demoPassword);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await pin(context, "b");
  expect(await open(page, "/candidate/evidence/new")).toBe("b");
  await expect(page.getByRole("heading", { level: 1, name: "Add evidence" })).toBeVisible();
  const title = `Saved through server b ${Date.now().toString(36)}`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Method", { exact: true }).selectOption({ label: "Witness testimony" });
  await page.getByLabel("Date of the activity", { exact: true }).fill("2026-01-15");
  await page.getByLabel("Description", { exact: true }).fill("Rebooked a missed delivery for a caller.");
  await page.getByRole("button", { name: "Save evidence" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);

  await pin(context, "a");
  expect(await open(page, "/candidate/evidence")).toBe("a");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await context.close();
});

test("failed sign-ins are counted across both servers: alternating between them gains no extra tries", async () => {
  const context = await pinnedContext("a");
  const page = await context.newPage();
  const email = "eqa@awarding.example";
  // Five wrong passwords, alternating servers: each server alone has seen fewer than the limit.
  const servers: ServerName[] = ["a", "b", "a", "b", "a"];
  for (const server of servers) {
    await pin(context, server);
    expect(await open(page, "/login")).toBe(server);
    await submitSignIn(page, email, "not-the-password");
    await expect(page.locator("#login-error")).toContainText("do not match an active account");
  }
  // The right password now waits, on either server.
  for (const server of ["b", "a"] as const) {
    await pin(context, server);
    expect(await open(page, "/login")).toBe(server);
    await submitSignIn(page, email, demoPassword);
    await expect(page.locator("#login-error")).toContainText("Too many failed attempts for this email");
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  }
  await context.close();
});

test("the balancer spreads requests over both servers, and a signed-in user moves between them unnoticed", async () => {
  const context = await browser.newContext({ baseURL: cluster.url });
  const page = await context.newPage();
  await page.goto("/login");
  await submitSignIn(page, "assessor@northgate.example", demoPassword);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Every response the page gets (documents, prefetches, assets), not only the documents: with
  // round-robin, a page load that makes an even number of requests would land every document on
  // the same server.
  const answers: Promise<ServerName | undefined>[] = [];
  page.on("response", (response) =>
    answers.push(response.headerValue("x-upstream").then((upstream) => cluster.serverOf(upstream))),
  );
  for (let i = 0; i < 6; i++) {
    await open(page, "/assessor");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  const answeredBy = new Set((await Promise.all(answers)).filter((server) => server !== undefined));
  expect([...answeredBy].sort()).toEqual(["a", "b"]);
  await context.close();
});

/** The ids of the jobs one server's worker says it finished. */
function jobsDoneBy(server: ServerName, prefix: string): string[] {
  const done: string[] = [];
  for (const line of cluster.serverLog(server).split("\n")) {
    if (!line.includes('"job done"')) continue;
    const jobId = (JSON.parse(line) as { jobId?: string }).jobId ?? "";
    if (jobId.startsWith(prefix)) done.push(jobId);
  }
  return done;
}

test("a job runs exactly once though both servers run workers: forty emails, each delivered once", async () => {
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  try {
    const marker = `cluster-mail-${Date.now().toString(36)}`;
    const count = 40;
    // What a change that sends mail writes in its transaction (lib/mail, lib/jobs/queue.ts).
    for (let i = 0; i < count; i++) {
      const messageId = `${marker}-${i}`;
      await db.query(
        `INSERT INTO "OutboxMessage" (id, "to", subject, body, "createdAt") VALUES ($1, $2, $3, 'Hello.', now())`,
        [messageId, `person${i}@example.org`, `${marker} message ${i}`],
      );
      await db.query(
        `INSERT INTO "Job" (id, name, payload, "singletonKey", status, attempts, "maxAttempts", "runAfter", "createdAt", "updatedAt")
         VALUES ($1, 'mail.deliver', $2, $3, 'queued', 0, 8, now(), now(), now())`,
        [`job-${messageId}`, JSON.stringify({ outboxMessageId: messageId }), `mail.deliver:${messageId}`],
      );
    }
    const finished = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "Job" WHERE id LIKE $1 AND status = 'succeeded'`,
          [`job-${marker}-%`],
        )
      ).rows[0]?.n;
    await expect.poll(finished, { timeout: 120_000, intervals: [500] }).toBe(count);

    for (let i = 0; i < count; i++)
      expect(mail.containing(`Subject: ${marker} message ${i}\r\n`), `message ${i}`).toHaveLength(1);
    const attempts = await db.query<{ attempts: number }>(`SELECT DISTINCT attempts FROM "Job" WHERE id LIKE $1`, [
      `job-${marker}-%`,
    ]);
    expect(attempts.rows.map((r) => r.attempts)).toEqual([1]);
    const sent = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE id LIKE $1 AND "sentAt" IS NOT NULL`,
      [`${marker}-%`],
    );
    expect(sent.rows[0]?.n).toBe(count);

    // Both workers took part, and no job was run by both.
    const byA = jobsDoneBy("a", `job-${marker}-`);
    const byB = jobsDoneBy("b", `job-${marker}-`);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(new Set([...byA, ...byB]).size).toBe(count);
    expect(byA.length + byB.length).toBe(count);
  } finally {
    await db.end();
  }
});

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const tusHeaders = (server: ServerName, cookie: string) => ({ "tus-resumable": "1.0.0", [pinHeader]: server, cookie });

/** A tus PATCH body that sends `first` bytes of `content` and then waits for ever (until the server dies). */
function stallingBody(content: Buffer, first: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= first) return new Promise(() => undefined);
      const piece = content.subarray(sent, Math.min(first, sent + 256 * 1024));
      sent += piece.length;
      controller.enqueue(new Uint8Array(piece));
    },
  });
}

test("an upload cut off by a server killed with SIGKILL leaves no row and no object, and resumes through the other server", async () => {
  const db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
  const context = await pinnedContext("a");
  try {
    const page = await context.newPage();
    await open(page, "/login");
    await submitSignIn(page, "candidate@northgate.example", demoPassword);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

    // Evidence of the candidate's own, not yet submitted, to add the file to.
    const owner = await db.query<{ id: string; centreId: string }>(
      `SELECT u.id, m."centreId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 LIMIT 1`,
      ["candidate@northgate.example"],
    );
    const candidate = owner.rows[0];
    if (!candidate) throw new Error("the demo candidate is missing");
    const evidenceId = `sigkill${Date.now().toString(36)}`;
    await db.query(
      `INSERT INTO "Evidence" (id, "centreId", "candidateId", title, method, "activityDate", description, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, 'Handover notes', 'product', now(), 'Notes I wrote at handover.', now(), now())`,
      [evidenceId, candidate.centreId, candidate.id],
    );
    const size = 24 * 1024 * 1024;
    const content = Buffer.concat([
      Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"),
      crypto.randomBytes(size - 15),
    ]);
    const b64 = (text: string) => Buffer.from(text).toString("base64");

    const created = await fetch(`${cluster.url}/api/uploads`, {
      method: "POST",
      headers: {
        ...tusHeaders("a", cookie),
        "upload-length": String(content.length),
        "upload-metadata": `evidenceId ${b64(evidenceId)},filename ${b64("handover-notes.pdf")}`,
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const location = new URL(created.headers.get("location") ?? "", cluster.url).pathname;

    // Half the file goes to server a, which is killed while the request is still open.
    const half = content.length / 2;
    const cutOff = fetch(`${cluster.url}${location}`, {
      method: "PATCH",
      headers: { ...tusHeaders("a", cookie), "upload-offset": "0", "content-type": "application/offset+octet-stream" },
      body: stallingBody(content, half),
      duplex: "half",
    } as RequestInit).catch((error: unknown) => error);
    const staged = () => filesUnder(cluster.stagingDir).reduce((sum, file) => sum + fs.statSync(file).size, 0);
    await expect.poll(staged, { timeout: 60_000 }).toBeGreaterThanOrEqual(half - 1024 * 1024);
    await cluster.kill("a");
    await cutOff;

    const rows = async (sql: string) => (await db.query<{ n: number }>(sql, [evidenceId])).rows[0]?.n;
    expect(await rows(`SELECT count(*)::int AS n FROM "EvidenceFile" WHERE "evidenceId" = $1`)).toBe(0);
    expect(filesUnder(cluster.storageDir)).toEqual([]);
    expect(await rows(`SELECT count(*)::int AS n FROM "UploadSession" WHERE "evidenceId" = $1`)).toBe(1);

    // Server b says how far it got (once a's lease on the upload has run out) and takes the rest.
    const head = await fetch(`${cluster.url}${location}`, { method: "HEAD", headers: tusHeaders("b", cookie) });
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get("upload-offset"));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(half);
    const rest = await fetch(`${cluster.url}${location}`, {
      method: "PATCH",
      headers: {
        ...tusHeaders("b", cookie),
        "upload-offset": String(offset),
        "content-type": "application/offset+octet-stream",
      },
      body: content.subarray(offset),
    });
    // The last PATCH answers with the recorded file (lib/uploads/finish-upload.ts).
    expect(rest.status, await rest.clone().text()).toBe(200);
    expect(await rest.json()).toMatchObject({ evidenceId, originalName: "handover-notes.pdf", size: content.length });
    expect(cluster.serverOf(rest.headers.get("x-upstream"))).toBe("b");

    const file = await db.query<{ sha256: string; size: string }>(
      `SELECT sha256, size::text FROM "EvidenceFile" WHERE "evidenceId" = $1`,
      [evidenceId],
    );
    expect(file.rows).toEqual([
      { sha256: crypto.createHash("sha256").update(content).digest("hex"), size: String(content.length) },
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM "UploadSession" WHERE "evidenceId" = $1`)).toBe(0);
    expect(filesUnder(cluster.storageDir)).toHaveLength(1);
  } finally {
    await context.close();
    await db.end();
  }
});
