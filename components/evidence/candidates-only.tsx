import type { ReactNode } from "react";
import type { SessionActor } from "@/lib/auth/actor";
import { roleLabels } from "@/lib/authz/labels";

/**
 * The whole page when someone acting in another role opens a candidate's evidence page: what the
 * page is for, the role they are in, and how to switch to their candidate role if they have one.
 */
export function CandidatesOnly({
  title,
  actor,
  children,
}: {
  title: string;
  actor: Pick<SessionActor, "active">;
  children: ReactNode;
}) {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
        {children}{" "}
        {actor.active
          ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. `
          : ""}
        If you are also a candidate, choose that role with “Acting as” at the top of the page.
      </p>
    </div>
  );
}
