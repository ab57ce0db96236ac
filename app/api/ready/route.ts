import { env } from "@/lib/env";
import { withRouteLog } from "@/lib/ops/log-route";
import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

// Public on purpose, like /api/health: a load balancer calls it to decide whether to send this
// server traffic. 503 while migrations are pending or the upload directory cannot be written.
// It says which, never where: no path is shown (lib/ops/readiness.ts logs it instead).
export const GET = withRouteLog("/api/ready", async () => {
  const readiness = await checkReadiness({ databaseUrl: env.DATABASE_URL, storageDir: env.STORAGE_DIR });
  return Response.json(readiness.body, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
