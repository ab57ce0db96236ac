import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { updateEvidenceAction } from "@/lib/actions/evidence-update";
import { requireActor } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/authz/policy";
import { roleLabels } from "@/lib/authz/labels";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { todayUtc } from "@/lib/evidence/evidence-form-schema";
import { getEvidence, type EvidenceDetail } from "@/lib/evidence/get-evidence";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Change evidence" };

function Notice({ title, children }: { title: string; children: ReactNode }) {
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

export default async function EditEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return (
      <Notice title="Change evidence">
        Only candidates change their evidence.{" "}
        {actor.active ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. ` : ""}
        If you are also a candidate, choose that role with “Acting as” at the top of the page.
      </Notice>
    );
  }
  const { id } = await params;
  let evidence: EvidenceDetail;
  try {
    evidence = await getEvidence(db, actor, id);
  } catch (error) {
    if (error instanceof ForbiddenError) return <Notice title="Change evidence">{error.userMessage}</Notice>;
    if (error instanceof AppError) notFound();
    throw error;
  }
  if (evidence.candidateId !== actor.userId || evidence.centreId !== actor.active.centreId) {
    return <Notice title="Change evidence">You can only change your own evidence, in the centre you are acting in.</Notice>;
  }
  const detailHref = `/candidate/evidence/${encodeURIComponent(evidence.id)}`;
  if (!evidence.canEdit) {
    return (
      <Notice title={`Change “${evidence.title}”`}>
        {evidence.lockedBecause ?? "You cannot change this evidence."}{" "}
        <Link href={detailHref} className="text-brand-700 underline">
          View the evidence
        </Link>
      </Notice>
    );
  }

  return (
    <div className="space-y-6">
      <p>
        <Link href={detailHref} className="text-brand-700 underline underline-offset-4">
          Back to the evidence
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Change “{evidence.title}”</h1>
      <EvidenceForm
        action={updateEvidenceAction.bind(null, evidence.id)}
        initialValues={{
          title: evidence.title,
          method: evidence.method,
          activityDate: evidence.activityCalendarDate,
          description: evidence.description,
          simulated: evidence.simulated,
          isWorkplaceDocument: evidence.workplaceDocument !== null,
          workplaceWhat: evidence.workplaceDocument?.what ?? "",
          workplaceWhereKept: evidence.workplaceDocument?.whereKept ?? "",
          workplaceHeldBy: evidence.workplaceDocument?.heldBy ?? "",
          workplaceRelevance: evidence.workplaceDocument?.relevance ?? "",
        }}
        submitLabel="Save changes"
        cancelHref={detailHref}
        today={todayUtc()}
      />
    </div>
  );
}
