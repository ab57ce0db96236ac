import Link from "next/link";
import type { SessionActor } from "@/lib/auth/actor";
import { linkClass } from "./styles";

/** Why a signed-in person cannot use an admin page, and what to do about it. */
export function refusalMessage(actor: SessionActor, what = "this page"): string {
  const adminElsewhere = actor.roles.some((r) => r.role === "CENTRE_ADMIN");
  return adminElsewhere
    ? `Only a centre admin can use ${what}. You are not acting as one now: choose your centre admin role in "Acting as" at the top of the page.`
    : `Only a centre admin can use ${what}. If you need it, ask your centre admin.`;
}

/** The whole page when the actor may not see it: a heading and a message, never a crash. */
export function Refusal({ title, message }: { title: string; message: string }) {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="rounded border border-amber-700 bg-amber-50 p-4 text-amber-950">
        <span className="font-semibold">Not available: </span>
        {message}
      </p>
      <p>
        <Link href="/home" className={linkClass}>
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
