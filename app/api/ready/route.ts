import { env } from "@/lib/env";
import { withRouteLog } from "@/lib/ops/log-route";
import { checkReadiness } from "@/lib/ops/readiness";
import { s3SettingsOf } from "@/lib/storage/s3";

export const dynamic = "force-dynamic";

// Public on purpose, like /api/health: a load balancer calls it to decide whether to send this
// server traffic. 503 while migrations are pending or the storage is unusable (the upload
// directory cannot be written, or with STORAGE_DRIVER=s3 the bucket does not answer). It says
// which, never where: no path or bucket is shown (lib/ops/readiness.ts logs it instead).
export const GET = withRouteLog("/api/ready", async () => {
  const readiness = await checkReadiness({
    databaseUrl: env.DATABASE_URL,
    storageDir: env.STORAGE_DIR,
    s3: env.STORAGE_DRIVER === "s3" ? s3SettingsOf(env) : undefined,
  });
  return Response.json(readiness.body, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
