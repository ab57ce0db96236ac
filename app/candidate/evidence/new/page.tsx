import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { CandidatesOnly } from "@/components/evidence/candidates-only";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { createEvidenceAction } from "@/lib/actions/evidence-create";
import { requireActor } from "@/lib/auth/session";
import { todayUtc } from "@/lib/evidence/evidence-form-schema";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add evidence" };

export default async function NewEvidencePage() {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return (
      <CandidatesOnly title="Add evidence" actor={actor}>
        Only candidates add evidence.
      </CandidatesOnly>
    );
  }
  return (
    <div className="space-y-6">
      <BackLink href="/candidate/evidence" className="text-brand-700 underline underline-offset-4">
        Back to your evidence
      </BackLink>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Add evidence</h1>
        <p className="max-w-3xl text-slate-700">
          Describe one piece of evidence from your work. After saving it you can add files and map it to the criteria it
          proves.
        </p>
      </div>
      <EvidenceForm
        action={createEvidenceAction}
        submitLabel="Save evidence"
        cancelHref="/candidate/evidence"
        today={todayUtc()}
      />
    </div>
  );
}
