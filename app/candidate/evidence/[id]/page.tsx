import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { FocusOnArrival } from "@/components/a11y/focus-on-arrival";
import { EvidenceComments } from "@/components/assessment/comments";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { WitnessTestimonyDetails } from "@/components/witness/testimony-details";
import { ObservationDetails } from "@/components/observation/observation-details";
import { DeleteEvidenceForm } from "@/components/evidence/delete-evidence-form";
import { EvidenceVersions } from "@/components/evidence/evidence-versions";
import { ReviseEvidenceForm } from "@/components/evidence/revise-evidence-form";
import { EvidenceNotice, loadOwnEvidence } from "@/components/evidence/own-evidence";
import { titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { EvidenceMappings } from "@/components/mapping/evidence-mappings";
import { Section } from "@/components/ui/section";
import { deleteEvidenceAction } from "@/lib/actions/evidence-delete";
import { getCommentThread } from "@/lib/assessment/comment-thread";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listEvidenceVersions } from "@/lib/evidence/evidence-versions";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { renderMarkdown } from "@/lib/markdown/render";

export const dynamic = "force-dynamic";

// One object for the page and its title: loadOwnEvidence is cached by its arguments.
const words = {
  notCandidate: "This page shows a candidate their own evidence.",
  notOwn: "This page shows only your own evidence, in the centre you are acting in.",
};
export const generateMetadata = titleOnceFound("Evidence", ({ id }: { id: string }) => loadOwnEvidence(id, words));

const savedMessages: Record<string, string> = {
  created:
    "Evidence saved. Next, add its files (or check the workplace document reference) and map it to the criteria it proves.",
  updated: "Your changes were saved.",
  revised:
    "This is the new version of your evidence, with the same details and files and the mappings referred back. Change what your assessor asked for, then resubmit it. The accepted mappings stay on the earlier version.",
  comment: "Your comment has been added and your assessor and internal quality assurer have been told.",
  observationConfirmed:
    "You confirmed the observation as an accurate record. It now counts towards the criteria it is mapped to.",
  observationDisputed:
    "You disputed the observation. Your comment is below and your assessor has been told; they can correct the record.",
};

// long-function: one piece of evidence as its candidate sees it, read top to bottom: the saved notice, the heading with its badges, details and edit/revise links, the description, the workplace document, files, mappings, comments and delete; the sections are components, what remains is their order
export default async function EvidencePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const loaded = await loadOwnEvidence(id, words);
  if (!loaded.ok) return <EvidenceNotice title="Evidence">{loaded.reason}</EvidenceNotice>;
  const { evidence } = loaded;
  const actor = await requireActor();
  const [thread, versions] = await Promise.all([
    getCommentThread(db, actor, evidence.id),
    listEvidenceVersions(db, actor, evidence.id),
  ]);

  const saved = typeof query.saved === "string" ? savedMessages[query.saved] : undefined;
  const document = evidence.workplaceDocument;

  return (
    <div className="space-y-8">
      <BackLink href="/candidate/evidence" className="text-brand-700 underline underline-offset-4">
        Back to your evidence
      </BackLink>

      {saved ? (
        <FocusOnArrival className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          {saved}
        </FocusOnArrival>
      ) : null}

      <div className="space-y-3">
        <h1 className="text-3xl font-bold">{evidence.title}</h1>
        <p className="flex flex-wrap gap-2">
          <span
            className={`rounded-full border px-3 py-0.5 text-sm font-medium ${evidence.simulated ? "border-amber-700 bg-amber-50 text-amber-950" : "border-green-700 bg-green-50 text-green-900"}`}
          >
            {evidence.simulated ? "Simulation or role-play" : "Real work"}
          </span>
          <span className="rounded-full border border-slate-500 bg-white px-3 py-0.5 text-sm font-medium">
            {evidence.statusText}
          </span>
        </p>
        <dl className="grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Method</dt>
          <dd>{evidence.methodLabel}</dd>
          <dt className="font-medium">Date of the activity</dt>
          <dd>{formatDate(evidence.activityDate, evidence.timeZone)}</dd>
          {evidence.submittedAt ? (
            <>
              <dt className="font-medium">Submitted</dt>
              <dd>{formatDateTime(evidence.submittedAt, evidence.timeZone)}</dd>
            </>
          ) : null}
          <dt className="font-medium">Last changed</dt>
          <dd>{formatDateTime(evidence.updatedAt, evidence.timeZone)}</dd>
        </dl>
        {evidence.canEdit ? (
          <p>
            <Link
              href={`/candidate/evidence/${encodeURIComponent(evidence.id)}/edit`}
              className="inline-block rounded border border-slate-500 bg-white px-4 py-2 font-medium hover:bg-slate-100"
            >
              Change the details
            </Link>
          </p>
        ) : evidence.lockedBecause ? (
          <p className="max-w-3xl text-slate-700">{evidence.lockedBecause}</p>
        ) : null}
        {evidence.canRevise ? <ReviseEvidenceForm evidenceId={evidence.id} /> : null}
        {evidence.revisedAs ? (
          <p>
            <Link
              href={`/candidate/evidence/${encodeURIComponent(evidence.revisedAs.id)}`}
              className="text-brand-700 underline underline-offset-4"
            >
              Open version {evidence.revisedAs.version}, the latest
            </Link>
          </p>
        ) : null}
        <EvidenceVersions versions={versions} shownId={evidence.id} basePath="/candidate/evidence/" />
      </div>

      <ObservationDetails evidenceId={evidence.id} reader="candidate" />

      <Section id="description-heading" title="Description" className="max-w-3xl space-y-2">
        <div className="rounded border border-slate-300 bg-white p-4 break-words">
          {renderMarkdown(evidence.description)}
        </div>
      </Section>

      {document ? (
        <Section id="workplace-heading" title="Workplace document reference" className="max-w-3xl space-y-2">
          <dl className="grid gap-x-6 gap-y-2 rounded border border-slate-300 bg-white p-4 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">What it is</dt>
            <dd className="whitespace-pre-line break-words">{document.what}</dd>
            <dt className="font-medium">Where it is kept</dt>
            <dd className="whitespace-pre-line break-words">{document.whereKept}</dd>
            <dt className="font-medium">Who holds it</dt>
            <dd className="whitespace-pre-line break-words">{document.heldBy}</dd>
            <dt className="font-medium">How it is relevant</dt>
            <dd className="whitespace-pre-line break-words">{document.relevance}</dd>
          </dl>
        </Section>
      ) : null}

      <WitnessTestimonyDetails evidenceId={evidence.id} timeZone={evidence.timeZone} />

      <EvidenceFiles evidenceId={evidence.id} canEdit={evidence.canEdit} />

      {/* Mappings stay the owner's to manage after submission: the mapping rules decide per
          status what may change (a referred mapping can be revised and resubmitted). */}
      {/* An old version stays as it was judged (docs/decisions/0017): no new claims on it; an
          assessor's record or a witness's testimony is answered or judged, not re-mapped. */}
      <EvidenceMappings
        evidenceId={evidence.id}
        canEdit={evidence.canMap}
        evidenceEditable={evidence.canEdit || evidence.canRevise}
        revisedAsVersion={evidence.revisedAs?.version}
      />

      <EvidenceComments thread={thread} page="candidate" />

      {evidence.canDelete ? (
        <Section id="delete-heading" title="Delete" className="max-w-3xl space-y-2">
          <DeleteEvidenceForm action={deleteEvidenceAction.bind(null, evidence.id)} />
        </Section>
      ) : evidence.canEdit && evidence.keptBecause ? (
        <p className="max-w-3xl text-slate-700">{evidence.keptBecause}</p>
      ) : null}
    </div>
  );
}
