import { getToken } from "next-auth/jwt";
import type { Db } from "../db/client";
import { activeRoleCookie, loadActor, type SessionActor } from "./actor";
import { EndedSessionError, sessionToken } from "./end-sessions";

/** A Cookie header's cookies by name (the first of a repeated name, as browsers send the most specific first). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at < 1) continue;
    const name = pair.slice(0, at).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(pair.slice(at + 1).trim()));
    } catch {
      // a malformed value is no value
    }
  }
  return cookies;
}

/**
 * The signed-in person of a request Next does not handle (lib/uploads/node-route.ts), from its
 * cookies alone, by getActor's rules (lib/auth/session.ts): next-auth's session cookie (never a
 * Bearer header), the account's current session version (the jwt callback's sessionToken), and
 * roles fresh from the database with the role switcher's choice. Null when there is none.
 */
export async function actorFromCookies(
  db: Db,
  cookieHeader: string | undefined,
  secret: string,
): Promise<SessionActor | null> {
  const cookies = parseCookies(cookieHeader);
  const token = await getToken({ req: { cookies, headers: {} } as never, secret });
  if (!token?.sub) return null;
  try {
    await sessionToken(db, token);
  } catch (error) {
    if (error instanceof EndedSessionError) return null;
    throw error;
  }
  return loadActor(db, token.sub, cookies.get(activeRoleCookie) ?? null);
}
