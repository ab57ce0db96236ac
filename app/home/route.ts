import { getActor, homeOf } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/**
 * Sends each person to the home of the role they are acting in, as an HTTP redirect from the
 * server: a page that redirects while rendering showed a blank page first. Without a session,
 * to sign-in (proxy.ts does that before this runs; this is the same answer if it did not).
 */
export async function GET(): Promise<Response> {
  const actor = await getActor();
  // A relative Location is valid HTTP and keeps whatever host and scheme the visitor used.
  return new Response(null, { status: 307, headers: { Location: actor ? homeOf(actor) : "/login", "Cache-Control": "no-store" } });
}
