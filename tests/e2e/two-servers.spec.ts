import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { Cluster, pinHeader, type ServerName } from "../../scripts/cluster";
import { expectAccessible } from "./fixtures";
import { demoPassword } from "./helpers";

// Issue 20, several servers: two `next start` processes of this build on one PostgreSQL
// database behind nginx (tests/helpers/cluster.ts). Nothing a request needs may live in one
// server's memory: a session made on one is honoured by the other, and failed sign-ins are
// counted in the database, so a guesser cannot double their tries by alternating servers.

test.describe.configure({ mode: "serial", timeout: 300_000 });

let cluster: Cluster;
let browser: Browser;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cluster = await Cluster.prepare();
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
