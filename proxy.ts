import { withAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";
import { requestIdFrom, requestIdHeader } from "@/lib/ops/log-request-id";
import {
  isServerActionPost,
  serverActionBodyTooLarge,
  serverActionTooLargeResponse,
} from "@/lib/http/server-action-limit";

// Runs for every page (not for /api: see the matcher), for three things:
// 1. a server action body over the limit gets 413 and a message instead of Next's bare 500;
// 2. pages behind sign-in send visitors without a session to /login. Only a convenience:
//    every page, action and route handler still authenticates and authorizes itself;
// 3. each response gets a Content-Security-Policy with a fresh script nonce;
// 4. the request id (lib/ops/log-http.ts gives every request one as it arrives) is passed on to
//    the page and its server actions (headers().get("x-request-id")) and sent back with the answer.

const requireSession = withAuth({ pages: { signIn: "/login" } });

/** The pages whose visitors are sent to sign-in (the matcher of proxy.ts before CSP nonces). */
const signInRequired = [/^\/home$/, /^\/(account|admin|candidate|assessor|iqa|eqa|platform)(\/.*)?$/];

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const requestId = requestIdFrom(request.headers.get(requestIdHeader));
  const early = await refusalOrRedirect(request, event);
  if (early) {
    early.headers.set("X-Request-Id", requestId);
    return early;
  }

  // Next finds the nonce in the request's CSP header while rendering and adds it to its scripts.
  // NODE_ENV is inlined by Next at build time; the proxy must not load the full env parser.
  // eslint-disable-next-line no-restricted-syntax
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(requestIdHeader, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

/** A too-large server action's 413, or the redirect to sign-in; nothing when the request goes on. */
async function refusalOrRedirect(request: NextRequest, event: NextFetchEvent): Promise<Response | undefined> {
  if (isServerActionPost(request) && (await serverActionBodyTooLarge(request))) return serverActionTooLargeResponse();
  if (signInRequired.some((pattern) => pattern.test(request.nextUrl.pathname))) {
    // withAuth answers with a redirect to sign-in, or nothing when the session is valid.
    return (await requireSession(request as Parameters<typeof requireSession>[0], event)) ?? undefined;
  }
  return undefined;
}

export const config = {
  // Left out: static assets and every /api route. A proxy buffers request bodies and silently
  // truncates them past experimental.proxyClientMaxBodySize (10 MB), so the evidence upload
  // route (/api/evidence/{id}/files) must not pass through one, and evidence downloads
  // (/api/files/{id}) set their own, stricter CSP (a sandbox); see
  // docs/decisions/0004-evidence-files.md. next.config.ts gives /api its fixed CSP.
  matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)"],
};
