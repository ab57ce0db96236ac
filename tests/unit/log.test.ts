import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/ops/log";
import { noteRequestUser } from "@/lib/ops/log-context";
import { inRequestContext } from "@/lib/ops/log-http";
import { requestIdFrom } from "@/lib/ops/log-request-id";
import { routeMatcher, unmatchedRoute } from "@/lib/ops/log-route-pattern";

// The request logging the server installs (lib/ops/log-http.ts), on a real HTTP server: the
// logger writes to a list instead of stdout, the code under test is the app's own.

type Line = Record<string, unknown> & { msg: string };
const lines: Line[] = [];
const logger = createLogger({
  level: "debug",
  destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
});

const routeOf = routeMatcher(["/", "/api/files/[id]", "/candidate/evidence/new", "/candidate/evidence/[id]"]);
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

// What a handler does: logs as the app's code does, after awaiting (so the id must survive
// async hops), with values that must never reach the log.
const server = http.createServer((req, res) =>
  inRequestContext(req, res, { logger, routeOf }, async () => {
    await pause();
    noteRequestUser("user-123");
    logger.info(
      {
        email: "cara@northgate.example",
        password: "demo-password-2026",
        form: { token: "one-time-token-abc", newPassword: "new-secret-pass" },
        headers: { authorization: "Bearer metrics-token-xyz", cookie: "next-auth.session-token=eyJ-session" },
      },
      "handler did something",
    );
    await pause();
    logger.warn({ secret: "nextauth-secret-value" }, "handler warned");
    res.statusCode = req.url?.startsWith("/api/files/") ? 404 : 200;
    res.end("done");
  }),
);
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a request and waits for its completion line. */
async function send(path: string, requestId?: string) {
  const response = await fetch(`${base}${path}`, { headers: requestId ? { "x-request-id": requestId } : {} });
  await response.text();
  const id = response.headers.get("x-request-id") ?? "";
  for (let i = 0; i < 100 && !lines.some((l) => l.requestId === id && l.msg === "request completed"); i++)
    await pause();
  return { id, response, lines: lines.filter((line) => line.requestId === id) };
}

describe("request logging", () => {
  it("puts the caller's request id on every line the request writes, and on the response", async () => {
    lines.length = 0;
    const { id, response, lines: own } = await send("/api/files/ckfile0123456789abcdef?token=abc", "lb-request-0001");
    expect(id).toBe("lb-request-0001");
    expect(response.status).toBe(404);
    expect(own.map((line) => line.msg)).toEqual(["handler did something", "handler warned", "request completed"]);
    // Nothing else was written: every line the request produced carries its id.
    expect(lines).toHaveLength(own.length);
  });

  it("ends with one completion line: who (user id), what (method, route pattern), how long, status", async () => {
    lines.length = 0;
    const { lines: own } = await send("/candidate/evidence/ckevidence000000000001", "lb-request-0002");
    const done = own.at(-1)!;
    expect(done).toMatchObject({
      msg: "request completed",
      level: "info",
      requestId: "lb-request-0002",
      userId: "user-123",
      method: "GET",
      route: "/candidate/evidence/[id]",
      status: 200,
    });
    expect(typeof done.durationMs).toBe("number");
    // The raw path (ids, tokens in the query) is never logged.
    expect(JSON.stringify(lines)).not.toContain("ckevidence000000000001");
  });

  it("redacts passwords, tokens, secrets, cookies, authorization headers and emails", async () => {
    lines.length = 0;
    await send("/api/files/x?token=query-token-123", "lb-request-0003");
    const text = JSON.stringify(lines);
    for (const secret of [
      "cara@northgate.example",
      "demo-password-2026",
      "one-time-token-abc",
      "new-secret-pass",
      "metrics-token-xyz",
      "eyJ-session",
      "nextauth-secret-value",
      "query-token-123",
    ])
      expect(text).not.toContain(secret);
    const logged = lines.find((line) => line.msg === "handler did something")!;
    expect(logged).toMatchObject({
      email: "[redacted]",
      password: "[redacted]",
      form: { token: "[redacted]", newPassword: "[redacted]" },
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
    });
  });

  it("keeps each request's id apart when requests overlap", async () => {
    lines.length = 0;
    const results = await Promise.all(
      ["lb-request-0101", "lb-request-0102", "lb-request-0103"].map((id) => send("/", id)),
    );
    for (const result of results) expect(result.lines).toHaveLength(3);
    expect(lines).toHaveLength(9);
  });

  it("makes a new id when none comes, or the one that comes is malformed", async () => {
    const fresh = await send("/");
    expect(fresh.id).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await send("/", "bad id<script>");
    expect(forged.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom("x".repeat(129))).not.toBe("x".repeat(129));
    expect(requestIdFrom("a-well.formed:id_01")).toBe("a-well.formed:id_01");
  });
});

describe("route patterns", () => {
  it("names a path by its route, static segments before parameters, and one label for the rest", () => {
    const of = routeMatcher(["/api/auth/[...nextauth]", "/candidate/evidence/[id]", "/candidate/evidence/new", "/"]);
    expect(of("/candidate/evidence/new")).toBe("/candidate/evidence/new");
    expect(of("/candidate/evidence/ck123")).toBe("/candidate/evidence/[id]");
    expect(of("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(of("/")).toBe("/");
    expect(of("/wp-admin/setup.php")).toBe(unmatchedRoute);
    expect(of("/_next/static/chunks/app.js")).toBe("/_next/static");
  });
});
