import { redirect } from "next/navigation";
import { homeOf, requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/**
 * Sends each person to the home of the role they are acting in. A page, not a route handler:
 * redirect() while rendering answers a plain visit with an HTTP 307, and it also works for the
 * client-side navigations (links, server-action redirects) that a route handler broke.
 */
export default async function HomeRedirect() {
  redirect(homeOf(await requireActor()));
}
