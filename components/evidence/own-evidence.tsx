import { cache, type ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/authz/hidden-or-missing";
import { roleLabels } from "@/lib/authz/labels";
import { db } from "@/lib/db";
import { getEvidence, type EvidenceDetail } from "@/lib/evidence/get-evidence";
import { BackLink } from "@/components/ui/back-link";

/** What an evidence page shows instead of the evidence: a heading, why, and the way back to the list. */
export function EvidenceNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <div role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
        {children}
      </div>
      <BackLink href="/candidate/evidence" className="text-brand-700 underline underline-offset-4">
        Back to your evidence
      </BackLink>
    </div>
  );
}

/**
 * The signed-in candidate's own piece of evidence `id`, in the centre they are acting in, or why
 * they cannot have it (to show in an `EvidenceNotice`). Evidence that does not exist, or that
 * they may not read, is the same 404 (see lib/authz/hidden-or-missing.ts).
 * `notCandidate` starts the reason given to someone not acting as a candidate; `notOwn` is the
 * reason given for someone else's evidence or another centre's.
 */
async function readOwnEvidence(
  id: string,
  words: { notCandidate: string; notOwn: string },
): Promise<{ ok: true; evidence: EvidenceDetail } | { ok: false; reason: ReactNode }> {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return {
      ok: false,
      reason: (
        <>
          {words.notCandidate}{" "}
          {actor.active
            ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. `
            : ""}
          If you are also a candidate, choose that role with “Acting as” at the top of the page.
        </>
      ),
    };
  }
  const evidence = await orNotFound(getEvidence(db, actor, id));
  // Evidence this actor may read (their own in another centre, or a candidate's they assess): no id is given away.
  if (evidence.candidateId !== actor.userId || evidence.centreId !== actor.active.centreId)
    return { ok: false, reason: words.notOwn };
  return { ok: true, evidence };
}

/** Once per request, so a page's `generateMetadata` and the page share one read: give both the same `words` object. */
export const loadOwnEvidence = cache(readOwnEvidence);
