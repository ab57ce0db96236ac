import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/authz/policy";
import { roleLabels } from "@/lib/authz/labels";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getEvidence, type EvidenceDetail } from "@/lib/evidence/get-evidence";

/** What an evidence page shows instead of the evidence: a heading, why, and the way back to the list. */
export function EvidenceNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <div role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
        {children}
      </div>
      <p>
        <Link href="/candidate/evidence" className="text-brand-700 underline underline-offset-4">
          Back to your evidence
        </Link>
      </p>
    </div>
  );
}

/**
 * The signed-in candidate's own piece of evidence `id`, in the centre they are acting in, or why
 * they cannot have it (to show in an `EvidenceNotice`). Evidence that does not exist is a 404.
 * `notCandidate` starts the reason given to someone not acting as a candidate; `notOwn` is the
 * reason given for someone else's evidence or another centre's.
 */
export async function loadOwnEvidence(
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
          {actor.active ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. ` : ""}
          If you are also a candidate, choose that role with “Acting as” at the top of the page.
        </>
      ),
    };
  }
  let evidence: EvidenceDetail;
  try {
    evidence = await getEvidence(db, actor, id);
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, reason: error.userMessage };
    if (error instanceof AppError) notFound();
    throw error;
  }
  if (evidence.candidateId !== actor.userId || evidence.centreId !== actor.active.centreId) return { ok: false, reason: words.notOwn };
  return { ok: true, evidence };
}
