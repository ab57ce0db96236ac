import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createLogger } from "@/lib/ops/log";
import { inRequestContext } from "@/lib/ops/log-http";
import { observeDatabasePool } from "@/lib/ops/metrics";
import { provider, useMigratedDb } from "../helpers/test-db";

// GET /api/metrics, the route handler itself, and the request metrics the server records
// (lib/ops/log-http.ts) for a request on a real HTTP server.

vi.mock("server-only", () => ({}));
// The environment is read once at start-up; here a copy the tests may change (METRICS_TOKEN).
vi.mock("@/lib/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/env")>();
  return { ...original, env: { ...original.env } };
});

const state = useMigratedDb();
const token = "metrics-token-0123456789abcdef";
const { GET: metrics } = await import("@/app/api/metrics/route");

function scrape(authorization?: string) {
  const headers = authorization ? { authorization } : undefined;
  return metrics(new Request("http://portfolio.test/api/metrics", { headers }), {});
}

// A server that answers with the metrics route handler, as `next start` does, with the request
// logging the app installs (its lines go nowhere here).
const server = http.createServer((req, res) =>
  inRequestContext(
    req,
    res,
    { logger: createLogger({ level: "silent", destination: { write: () => {} } }), routeOf: () => "/api/metrics" },
    async () => {
      const answer = await metrics(new Request(`http://portfolio.test${req.url}`), {});
      res.statusCode = answer.status;
      res.end(await answer.text());
    },
  ),
);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("GET /api/metrics", () => {
  it("does not exist (404) while METRICS_TOKEN is not set", async () => {
    env.METRICS_TOKEN = undefined;
    expect((await scrape(`Bearer ${token}`)).status).toBe(404);
  });

  it("refuses a missing or wrong token with 401", async () => {
    env.METRICS_TOKEN = token;
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${token}x`)).status).toBe(401);
    expect((await scrape(`Bearer ${token.slice(0, -1)}`)).status).toBe(401);
    expect((await scrape(token)).status).toBe(401);
  });

  it("gives Prometheus text with the right token, counting requests by route pattern and status", async () => {
    env.METRICS_TOKEN = token;
    const port = (server.address() as AddressInfo).port;
    // Without the token: answered 401, and counted.
    const answered = await fetch(`http://127.0.0.1:${port}/api/metrics`);
    expect(answered.status).toBe(401);

    const response = await scrape(`Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^portfolio_http_requests_total\{method="GET",route="\/api\/metrics",status="401"\} 1$/m);
    expect(text).toMatch(
      /^portfolio_http_request_duration_seconds_count\{method="GET",route="\/api\/metrics",status="401"\} 1$/m,
    );
    expect(text).toContain("# TYPE portfolio_upload_bytes_total counter");
    expect(text).toContain("# TYPE portfolio_audit_events_appended_total counter");
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it("reports the PostgreSQL pool's connections (none on SQLite)", async () => {
    env.METRICS_TOKEN = token;
    const db = createDb(state.url, { onPool: observeDatabasePool });
    try {
      await db.user.count();
      const text = await (await scrape(`Bearer ${token}`)).text();
      if (provider === "postgresql") {
        expect(text).toMatch(/^portfolio_db_pool_connections\{state="total"\} 1$/m);
        expect(text).toMatch(/^portfolio_db_pool_connections\{state="idle"\} 1$/m);
        expect(text).toMatch(/^portfolio_db_pool_connections\{state="waiting"\} 0$/m);
      } else expect(text).not.toMatch(/^portfolio_db_pool_connections\{/m);
    } finally {
      await db.$disconnect();
    }
  });
});
