// The one size limit for server action request bodies: next.config.ts hands it to Next
// (experimental.serverActions.bodySizeLimit), and proxy.ts answers 413 above it, because Next
// 16.4.6 itself turns an oversized fetch action into a 500 with no message for the user.
// The CSV import form posts files up to 1 MB; multipart overhead needs a little more.
// Evidence files never go through server actions (they stream to a route handler).

export const serverActionBodyLimitMb = 2;

/** In Next's own notation ("2mb": parsed by the `bytes` package, so 1 mb = 1024 * 1024 bytes). */
export const serverActionBodyLimit = `${serverActionBodyLimitMb}mb` as const;

export const serverActionBodyLimitBytes = serverActionBodyLimitMb * 1024 * 1024;

export const serverActionTooLargeMessage =
  `The form sent more than ${serverActionBodyLimitMb} MB, so it was not saved. ` +
  `Send a smaller file (CSV imports take up to 1 MB), or split it into several, and try again.`;

/**
 * Whether `request` may be a server action call: a POST carrying Next's action header (calls
 * from the client router), or a multipart POST to a page (a form submitted before hydration).
 * Route handlers under /api/ take their own bodies and are not server actions.
 */
export function isServerActionPost(request: Request): boolean {
  if (request.method !== "POST") return false;
  if (request.headers.has("next-action")) return true;
  const contentType = request.headers.get("content-type") ?? "";
  return contentType.startsWith("multipart/form-data") && !new URL(request.url).pathname.startsWith("/api/");
}

/**
 * Whether a server action body is over the limit: by its Content-Length when it has one;
 * a chunked body (no Content-Length) is counted as it is read, stopping at the limit. Next
 * has already buffered the body for the proxy by then, so reading it costs no more memory.
 */
export async function serverActionBodyTooLarge(request: Request, limit = serverActionBodyLimitBytes): Promise<boolean> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > limit;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return true;
    }
  }
}

export function serverActionTooLargeResponse(): Response {
  // Exactly "text/plain": Next's client router shows a text/plain error body as the action's
  // error message; with any other type it says only "An unexpected response was received".
  return new Response(serverActionTooLargeMessage, {
    status: 413,
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}
