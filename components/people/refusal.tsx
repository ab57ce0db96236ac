import type { SessionActor } from "@/lib/auth/actor";
import { Refusal as PageRefusal } from "@/components/ui/refusal";
import { linkClass } from "./styles";

/** Why a signed-in person cannot use an admin page, and what to do about it. */
export function refusalMessage(actor: SessionActor, what = "this page"): string {
  const adminElsewhere = actor.roles.some((r) => r.role === "CENTRE_ADMIN");
  return adminElsewhere
    ? `Only a centre admin can use ${what}. You are not acting as one now: choose your centre admin role in "Acting as" at the top of the page.`
    : `Only a centre admin can use ${what}. If you need it, ask your centre admin.`;
}

/** Kept only for app/admin/progress, which is being worked on elsewhere; new code uses components/ui/refusal with `linkClassName`. */
export function Refusal({ title, message }: { title: string; message: string }) {
  return <PageRefusal title={title} message={message} linkClassName={linkClass} />;
}
