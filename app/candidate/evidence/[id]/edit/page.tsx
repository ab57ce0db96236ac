import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { EvidenceNotice, loadOwnEvidence } from "@/components/evidence/own-evidence";
import { titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { updateEvidenceAction } from "@/lib/actions/evidence-update";
import { todayUtc } from "@/lib/evidence/evidence-form-schema";

export const dynamic = "force-dynamic";

// One object for the page and its title: loadOwnEvidence is cached by its arguments.
const words = {
  notCandidate: "Only candidates change their evidence.",
  notOwn: "You can only change your own evidence, in the centre you are acting in.",
};
export const generateMetadata = titleOnceFound("Change evidence", ({ id }: { id: string }) =>
  loadOwnEvidence(id, words),
);

export default async function EditEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const loaded = await loadOwnEvidence((await params).id, words);
  if (!loaded.ok) return <EvidenceNotice title="Change evidence">{loaded.reason}</EvidenceNotice>;
  const { evidence } = loaded;
  const detailHref = `/candidate/evidence/${encodeURIComponent(evidence.id)}`;
  if (!evidence.canEdit) {
    return (
      <EvidenceNotice title={`Change “${evidence.title}”`}>
        {evidence.lockedBecause ?? "You cannot change this evidence."}{" "}
        <Link href={detailHref} className="text-brand-700 underline">
          View the evidence
        </Link>
      </EvidenceNotice>
    );
  }

  return (
    <div className="space-y-6">
      <BackLink href={detailHref} className="text-brand-700 underline underline-offset-4">
        Back to the evidence
      </BackLink>
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
