import crypto from "node:crypto";
import { env } from "@/lib/env";
import { withRouteLog } from "@/lib/ops/log-route";
import { metricsText } from "@/lib/ops/metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/** Equal in constant time: how much of a wrong token matched must not show in how long the answer takes. */
function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

// For Prometheus, not for people: no session, a bearer token (METRICS_TOKEN) instead. Without
// the variable the endpoint does not exist (404), so an install that does not scrape shows nothing.
// The numbers are this process's only (docs/deploy.md, "Metrics").
export const GET = withRouteLog("/api/metrics", async (request: Request) => {
  const expected = env.METRICS_TOKEN;
  if (!expected) return new Response("Not found.", { status: 404, headers: noStore });
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!given || !sameToken(given, expected))
    return new Response("Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.", {
      status: 401,
      headers: { ...noStore, "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  const { contentType, body } = await metricsText();
  return new Response(body, { status: 200, headers: { ...noStore, "Content-Type": contentType } });
});
