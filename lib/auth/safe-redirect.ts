/** Where to go after sign-in when there is no usable callback address. */
export const defaultCallbackPath = "/home";

/**
 * The path (with query and fragment) to send the browser to after sign-in or sign-out, taken
 * from an untrusted callback address: only if it resolves to the app's own origin, otherwise
 * `defaultCallbackPath`. Decided by the URL parser the browser itself uses, not by string
 * prefixes: `/\host`, `/%09/host` (a tab the parser drops) and `/.//host` all look like paths
 * but resolve to another host or to a protocol-relative `//host`.
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return defaultCallbackPath;
  let own: URL;
  let target: URL;
  try {
    own = new URL(origin);
    target = new URL(raw, own);
  } catch {
    return defaultCallbackPath;
  }
  if (target.origin !== own.origin) return defaultCallbackPath;
  // A pathname the parser normalised to `//host/…` would be read as another host when the
  // path is used on its own (router.push, Location headers).
  if (target.pathname.startsWith("//")) return defaultCallbackPath;
  return `${target.pathname}${target.search}${target.hash}`;
}
