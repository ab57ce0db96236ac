import Link from "next/link";
import { cache } from "react";
import { EvidenceComments } from "@/components/assessment/comments";
import { DoneBanner, firstParam } from "@/components/assessment/page-parts";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { CorrectObservationForm } from "@/components/observation/correct-observation-form";
import { ObservedCriteria, RecordedBy, ResponseState } from "@/components/observation/observation-summary";
import { Folded } from "@/components/ui/folded";
import { Section } from "@/components/ui/section";
import { linkClass } from "@/components/ui/styles";
import { getCommentThread } from "@/lib/assessment/comment-thread";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getObservationRecord } from "@/lib/observation/get-observation";
import { renderMarkdown } from "@/lib/markdown/render";
import { recordWords } from "@/lib/observation/words";
import { RecordingMarkers } from "@/components/observation/recording-markers";

export const dynamic = "force-dynamic";

async function observation(evidenceId: string) {
  const record = await getObservationRecord(db, await requireActor(), evidenceId);
  // Evidence that is not an assessor's record has its own pages.
  if (!record) throw new AppError("That evidence is not an observation.");
  return record;
}
const load = cache((evidenceId: string) => orNotFound(observation(evidenceId)));
export const generateMetadata = titleOnceFound("Observation", ({ evidenceId }: { evidenceId: string }) =>
  load(evidenceId),
);

const doneMessages: Record<string, string> = {
  recorded:
    "Recorded, and its criteria accepted. The candidate has been asked to confirm it. Add photos, audio or video below.",
  marked: "Moment marked. The candidate and the IQA can play the recording from it.",
  unmarked: "Marker removed.",
  updated: "Correction saved. The candidate has been asked to confirm the record again.",
};

/**
 * An observation as its author (and anyone else who may read it) sees it: the record, the
 * candidate's answer, its files (its author adds and removes them while it may change, through the
 * same upload route as a candidate's evidence), the correction form, and the comments.
 */
export default async function ObservationPage({
  params,
  searchParams,
}: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ evidenceId }, query] = await Promise.all([params, searchParams]);
  const record = await load(evidenceId);
  const thread = await getCommentThread(db, await requireActor(), record.id);
  const done = firstParam(query.done);
  const enrolmentId = record.criteria[0]?.enrolmentId;
  const words = recordWords[record.kind];
  return (
    <div className="space-y-8">
      {enrolmentId ? (
        <p>
          <Link href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}`} className={linkClass}>
            Back to the assessment record
          </Link>
        </p>
      ) : null}
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <div className="space-y-3">
        <h1 className="text-3xl font-bold">{record.title}</h1>
        <p className="text-slate-700">
          {words.Noun} with {record.candidateName}
        </p>
        <RecordedBy record={record} />
        <ResponseState record={record} reader="other" />
        {record.lockedBecause ? <p className="max-w-3xl text-slate-700">{record.lockedBecause}</p> : null}
      </div>

      {record.agenda ? (
        <Section id="agenda-title" title="Questions and agenda" className="max-w-3xl space-y-2">
          <div className="rounded border border-slate-300 bg-white p-4 break-words">
            {renderMarkdown(record.agenda, { baseHeadingLevel: 3 })}
          </div>
        </Section>
      ) : null}

      <Section id="observed-title" title={words.body} className="max-w-3xl space-y-2">
        <div className="rounded border border-slate-300 bg-white p-4 break-words">
          {renderMarkdown(record.description, { baseHeadingLevel: 3 })}
        </div>
      </Section>

      <Section id="criteria-title" title={words.criteria} className="max-w-3xl space-y-2">
        <ObservedCriteria record={record} />
      </Section>

      <EvidenceFiles evidenceId={record.id} canEdit={record.canChange} />

      {record.kind === "professionalDiscussion" ? (
        <RecordingMarkers record={record} editable={record.canChange} />
      ) : null}

      {record.canChange ? (
        <Folded summary="Correct the record" summaryClassName="cursor-pointer font-medium text-brand-700" folded>
          <CorrectObservationForm
            evidenceId={record.id}
            timeZone={record.timeZone}
            initial={{
              title: record.title,
              activityDate: record.activityCalendarDate,
              startTime: record.startTime,
              endTime: record.endTime,
              location: record.location,
              description: record.description,
              agenda: record.agenda,
            }}
            kind={record.kind}
          />
        </Folded>
      ) : null}

      <EvidenceComments thread={thread} page="review" />
    </div>
  );
}
