import type { SessionActor } from "@/lib/auth/actor";

/** Why a signed-in person cannot use an admin page, and what to do about it. Says nothing about any record, so it never depends on an id in the address. */
export function refusalMessage(actor: SessionActor, what = "this page"): string {
  const adminElsewhere = actor.roles.some((r) => r.role === "CENTRE_ADMIN");
  return adminElsewhere
    ? `Only a centre admin can use ${what}. You are not acting as one now: choose your centre admin role in "Acting as" at the top of the page.`
    : `Only a centre admin can use ${what}. If you need it, ask your centre admin.`;
}
