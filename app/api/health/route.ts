import { checkHealth } from "@/lib/health";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

// Public on purpose: load balancers and the README's first command call it. It reveals
// only whether the database answers and whether migrations are current.
export const GET = withRouteLog("/api/health", async () => {
  const health = await checkHealth();
  return Response.json(health.body, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
