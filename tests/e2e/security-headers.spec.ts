import http from "node:http";
import type { ConsoleMessage, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, signOut, fillAndSaveEvidence } from "./helpers";

function scriptSrc(policy: string | undefined): string {
  return (
    (policy ?? "")
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ?? ""
  );
}

/** Collects what the browser reports about Content-Security-Policy (blocked scripts, styles…). */
function watchCsp(page: Page): string[] {
  const reports: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      reports.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => reports.push(`${page.url()}: ${error.message}`));
  return reports;
}

test("pages carry a per-request script nonce, no 'unsafe-inline' for scripts, and every script has the nonce", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/standards", "/login"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const scripts = scriptSrc(response.headers()["content-security-policy"]);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scripts)?.[1];
    expect(nonce, `${path}: ${scripts}`).toBeTruthy();
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    nonces.add(nonce ?? "");

    // Next put the nonce on each of its script tags (framework, chunks, inline hydration data).
    const html = await response.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    expect(
      tags.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
      path,
    ).toEqual([]);
  }
  expect(nonces.size).toBe(3);
});

test("pages hydrate with no CSP violation, signed out and as a candidate", async ({ page, visit }) => {
  test.setTimeout(90_000); // axe runs on every page visited
  const reports = watchCsp(page);
  await visit("/login");
  await visit("/standards");
  // Signing in only works once the form's script runs (it posts with fetch, not a form submit).
  await signIn(page, "candidate@northgate.example");
  await visit("/candidate");
  await visit("/candidate/evidence");
  expect(reports).toEqual([]);
});

test("admin pages hydrate with no CSP violation, style attributes included", async ({ page, visit }) => {
  test.setTimeout(90_000);
  const reports = watchCsp(page);
  await signIn(page, "admin@northgate.example");
  // The progress charts draw bars with style attributes: still allowed ('unsafe-inline' styles).
  await visit("/admin/progress");
  await visit("/admin/people/import");
  await signOut(page);
  expect(reports).toEqual([]);
});

test("/api routes, outside the proxy, get a fixed policy with no inline script", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(scriptSrc(response.headers()["content-security-policy"])).toBe("script-src 'self'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});

test("evidence files are served sandboxed, never as a page of this app", async ({ page, visit }) => {
  test.setTimeout(90_000);
  // HTML with script, uploaded as text: it must never run on the app's origin.
  const html = Buffer.from("<html><body><script>document.title='pwned'</script>Shift notes</body></html>\n");
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  const title = `Sandbox check ${Date.now().toString(36)}`;
  await signIn(page, "candidate@northgate.example");
  await visit("/candidate/evidence/new");
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Product of work",
    date: "2026-10-01",
    description: "Notes from the shift handover.",
  });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.getByLabel("Add files").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: html });
  const textLink = page.getByRole("link", { name: /Download notes\.txt/ });
  await expect(textLink).toBeVisible();
  await page.getByLabel("Add files").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "photo.png" })).toBeVisible();

  const textHref = new URL((await textLink.getAttribute("href")) ?? "", page.url());
  textHref.searchParams.delete("download");
  const text = await page.request.get(textHref.href);
  expect(text.status()).toBe(200);
  expect(text.headers()["content-security-policy"]).toBe("sandbox; frame-ancestors 'none'");
  expect(text.headers()["content-disposition"]).toMatch(/^attachment; filename="notes\.txt"/);
  expect(text.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(text.headers()["x-content-type-options"]).toBe("nosniff");
  expect(text.headers()["x-frame-options"]).toBe("DENY");

  const image = await page.request.get((await page.getByRole("img", { name: "photo.png" }).getAttribute("src")) ?? "");
  expect(image.status()).toBe(200);
  expect(image.headers()["content-security-policy"]).toBe("sandbox; frame-ancestors 'none'");
  expect(image.headers()["content-disposition"]).toMatch(/^inline; filename="photo\.png"/);
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
});

const tooLargeMessage = /more than 2 MB, so it was not saved\. Send a smaller file/;
const threeMb = 3 * 1024 * 1024;

test("a server action body over 2 MB is refused with 413 and a message, not a 500", async ({ request }) => {
  const response = await request.post("/admin/people/import", {
    headers: { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" },
    data: Buffer.alloc(threeMb, "a"),
  });
  expect(response.status()).toBe(413);
  expect(response.headers()["content-type"]).toBe("text/plain");
  expect(await response.text()).toMatch(tooLargeMessage);
});

test("a chunked server action body (no Content-Length) over 2 MB is refused the same way", async ({ baseURL }) => {
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(new URL("/admin/people/import", baseURL), {
      method: "POST",
      headers: {
        "Next-Action": "0".repeat(42),
        "Content-Type": "text/plain;charset=UTF-8",
        "Transfer-Encoding": "chunked",
      },
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    const chunk = Buffer.alloc(64 * 1024, "a");
    for (let sent = 0; sent < threeMb; sent += chunk.length) req.write(chunk);
    req.end();
  });
  expect(status).toBe(413);
  expect(body).toMatch(tooLargeMessage);
});
