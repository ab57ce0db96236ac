import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { Cluster, pinHeader, type ServerName } from "../../scripts/cluster";
import { SmtpSink } from "../helpers/smtp-sink";
import { expectAccessible } from "./fixtures";
import { demoPassword } from "./helpers";

// Issue 20, several servers: two `next start` processes of this build on one PostgreSQL
// database behind nginx (tests/helpers/cluster.ts). Nothing a request needs may live in one
// server's memory: a session made on one is honoured by the other, and failed sign-ins are
// counted in the database, so a guesser cannot double their tries by alternating servers. Both
// servers run job workers on the one queue, and each job runs once.

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
  const answeredBy = new Set<ServerName | undefined>();
  for (let i = 0; i < 6; i++) {
    answeredBy.add(await open(page, "/assessor"));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
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
