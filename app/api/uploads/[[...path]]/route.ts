import { getActor } from "@/lib/auth/session";
import { withRouteLog } from "@/lib/ops/log-route";
import { tusUploads } from "@/lib/uploads";
import { signedOut, uploadsRoute } from "@/lib/uploads/node-route";

// Resumable uploads (the tus protocol): POST starts one, HEAD says how far it got, PATCH sends
// more, DELETE cancels it (docs/decisions/0025-resumable-uploads.md). The endpoint is
// /api/uploads with no trailing slash: /api/uploads/ is redirected, which tus clients do not
// follow. Outside proxy.ts's matcher, which would truncate request bodies. Under `next start`
// PATCHes (the bytes) never reach this route: lib/uploads/node-route.ts answers them first.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = withRouteLog(uploadsRoute, async (request: Request) => {
  const actor = await getActor();
  if (!actor) return Response.json(signedOut.body, { status: signedOut.status, headers: signedOut.headers });
  return tusUploads().handle(request, actor);
});

// No GET: staged bytes are never served; files are read through /api/files once recorded.
export const POST = handler;
export const HEAD = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
