import { redirect } from "next/navigation";
import { homeOf, requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Sends each person to the home of the role they are acting in. */
export default async function HomeRedirect() {
  redirect(homeOf(await requireActor()));
}
