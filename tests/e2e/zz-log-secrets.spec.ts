import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { demoPassword, signIn } from "./helpers";

// Runs last (Playwright takes spec files in name order, one worker: playwright.config.ts), so
// in a full run the server's log holds every request of the suite. scripts/e2e-server.sh keeps
// that log in test-results/e2e-server.log. It must be JSON lines with request ids, and no
// password, session token or metrics token may be in it. The test makes its own requests too,
// so it checks something when run alone.

const serverLog = path.resolve("test-results/e2e-server.log");
// The same default as scripts/e2e-server.sh.
const metricsToken = process.env.METRICS_TOKEN ?? "e2e-metrics-token-0123456789abcdef";
const email = "candidate@northgate.example";

type Line = Record<string, unknown> & { msg: string; requestId?: string };

function logLines(): { text: string; json: Line[] } {
  const text = fs.readFileSync(serverLog, "utf8");
  const json = text
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Line);
  return { text, json };
}

/** The log is written asynchronously: wait until the request's completion line is in it. */
async function completionOf(requestId: string): Promise<Line> {
  let found: Line | undefined;
  await expect
    .poll(() => (found = logLines().json.find((l) => l.requestId === requestId && l.msg === "request completed")))
    .toBeDefined();
  return found!;
}

test("the server's log has a line per request with its id, and no password or token", async ({ page, request }) => {
  // A request id from a load balancer is kept and sent back.
  const login = await request.get("/login", { headers: { "x-request-id": "e2e-log-check-0001" } });
  expect(login.headers()["x-request-id"]).toBe("e2e-log-check-0001");
  expect(await completionOf("e2e-log-check-0001")).toMatchObject({ method: "GET", route: "/login", status: 200 });

  await signIn(page, email);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session?.value.length).toBeGreaterThan(20);
  const secrets = [
    demoPassword,
    metricsToken,
    ...cookies.filter((c) => c.name.includes("next-auth")).map((c) => c.value),
  ];

  // A signed-in page: its completion line names the user by id, never by email.
  const evidence = await page.goto("/candidate/evidence");
  const evidenceId = evidence?.headers()["x-request-id"] ?? "";
  const seen = await completionOf(evidenceId);
  expect(seen).toMatchObject({ method: "GET", route: "/candidate/evidence", status: 200 });
  // The log holds every earlier test's sign-ins too (this spec runs last): ours is the latest.
  const signedIn = logLines()
    .json.filter((l) => l.msg === "signed in")
    .at(-1);
  expect(signedIn?.userId).toBeTruthy();
  expect(seen.userId).toBe(signedIn?.userId);

  // Metrics count requests by route pattern; the token is needed.
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const metrics = await request.get("/api/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(
    /^portfolio_http_requests_total\{method="GET",route="\/login",status="200"\} \d+$/m,
  );

  // Scrapes are logged at debug level only (Prometheus polls every few seconds), so a last page
  // request marks how far the log must be written before it is read.
  await request.get("/login", { headers: { "x-request-id": "e2e-log-check-0002" } });
  await completionOf("e2e-log-check-0002");
  const { text, json } = logLines();
  const completions = json.filter((line) => line.msg === "request completed");
  expect(completions.length).toBeGreaterThan(3);
  for (const line of completions) expect(line.requestId, JSON.stringify(line)).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  for (const secret of secrets)
    expect(text.includes(secret), `a secret (${secret.slice(0, 4)}...) is in the log`).toBe(false);
  expect(text).not.toContain(email);
});
