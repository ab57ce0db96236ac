// The page Content-Security-Policy, built per request by proxy.ts around a fresh nonce. Next
// reads the nonce back from the request's CSP header while rendering and puts it on its own
// scripts (framework, page chunks, inline hydration data), so no inline script runs without
// it: script-src has no 'unsafe-inline'. 'strict-dynamic' lets those nonced scripts load the
// chunks they import. (docs/decisions/0011-csp-nonces.md)
//
// style-src keeps 'unsafe-inline': nonces cannot cover style="" attributes, which React
// renders (the progress charts' bar widths). Styles cannot run script.

/** A fresh, unguessable nonce (128 random bits, base64): one per response, never reused. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * With a nonce: the policy for pages. Without (null): for responses the proxy does not see,
 * the /api routes (JSON, and next-auth's own small pages): scripts from our origin only, no
 * inline script at all. 'unsafe-eval' only for the dev server (React rebuilds server error
 * stacks with eval).
 */
export function contentSecurityPolicy(nonce: string | null, { dev }: { dev: boolean }): string {
  const scripts = nonce === null ? "'self'" : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
