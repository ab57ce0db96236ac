import { getActor } from "@/lib/auth/session";
import { withRouteLog } from "@/lib/ops/log-route";
import { tusUploads } from "@/lib/uploads";

// Resumable uploads (the tus protocol): POST starts one, HEAD says how far it got, PATCH sends
// more, DELETE cancels it (docs/decisions/0025-resumable-uploads.md). The endpoint is
// /api/uploads with no trailing slash: /api/uploads/ is redirected, which tus clients do not
// follow. Outside proxy.ts's matcher, which would truncate request bodies.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = withRouteLog("/api/uploads/[[...path]]", async (request: Request) => {
  const actor = await getActor();
  if (!actor)
    return Response.json(
      { message: "Your session has ended. Sign in again, then add the file." },
      { status: 401, headers: { "Cache-Control": "no-store", "Tus-Resumable": "1.0.0" } },
    );
  return tusUploads().handle(request, actor);
});

// No GET: staged bytes are never served; files are read through /api/files once recorded.
export const POST = handler;
export const HEAD = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
