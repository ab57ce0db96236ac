import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getObservationRecord } from "@/lib/observation/get-observation";
import { linkClass } from "@/components/ui/styles";
import Link from "next/link";
import { RecordedBy, ResponseState } from "./observation-summary";
import { RespondToObservationForm } from "./respond-form";
import { RecordingMarkers } from "./recording-markers";
import { recordWords } from "@/lib/observation/words";
import { renderMarkdown } from "@/lib/markdown/render";

/**
 * On an evidence page, what makes an assessor's observation one: who recorded it, when and where,
 * and the candidate's answer in words; the candidate it is about gets the form to answer it, its
 * author a link to its own page (files, corrections). Nothing for any other evidence.
 */
export async function ObservationDetails({
  evidenceId,
  reader,
}: {
  evidenceId: string;
  reader: "candidate" | "other";
}) {
  const actor = await getActor();
  if (!actor) return null;
  const record = await getObservationRecord(db, actor, evidenceId);
  if (!record) return null;
  return (
    <section aria-labelledby="observation-record-title" className="max-w-3xl space-y-3">
      <h2 id="observation-record-title" className="text-xl font-semibold">
        {recordWords[record.kind].Noun} recorded by {reader === "candidate" ? "your assessor" : "the assessor"}
      </h2>
      <RecordedBy record={record} />
      <ResponseState record={record} reader={reader} />
      {record.agenda ? (
        <div className="space-y-1">
          <h3 className="font-semibold">Questions and agenda</h3>
          <div className="rounded border border-slate-300 bg-white p-4 break-words">
            {renderMarkdown(record.agenda, { baseHeadingLevel: 4 })}
          </div>
        </div>
      ) : null}
      {record.kind === "professionalDiscussion" ? <RecordingMarkers record={record} editable={false} /> : null}
      {record.canRespond ? <RespondToObservationForm evidenceId={record.id} /> : null}
      {record.canChange ? (
        <p>
          <Link href={`/assessor/observations/${encodeURIComponent(record.id)}`} className={linkClass}>
            Open the {recordWords[record.kind].noun} to add files or correct it
          </Link>
        </p>
      ) : null}
    </section>
  );
}
