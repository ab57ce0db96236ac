import type { ObservationRecord } from "@/lib/observation/get-observation";
import { AddMarkerForm, RemoveMarkerForm } from "./marker-forms";
import { PlayFrom } from "./play-from";

/**
 * The moments of a discussion's recording that cover criteria, each with a button that plays
 * the recording from there; its author adds and removes them while the record may change.
 */
export function RecordingMarkers({ record, editable }: { record: ObservationRecord; editable: boolean }) {
  if (record.markers.length === 0 && !editable) return null;
  return (
    <section id="recording-markers" aria-labelledby="recording-markers-title" className="max-w-3xl space-y-3">
      <h2 id="recording-markers-title" className="text-xl font-semibold">
        Moments in the recording
      </h2>
      {record.markers.length === 0 ? (
        <p>No moments marked yet. Add the recording below, then mark where it covers each criterion.</p>
      ) : (
        <ol className="space-y-2">
          {record.markers.map((m) => {
            const covers = `${m.criterion.unitCode} ${m.criterion.ref}`;
            return (
              <li key={m.id} className="flex flex-wrap items-center gap-3">
                <span>
                  <span className="font-mono font-semibold">{m.at}</span> covers {covers}
                  {m.note ? `: ${m.note}` : ""}
                </span>
                <PlayFrom seconds={m.atSeconds} at={m.at} covers={covers} />
                {editable ? <RemoveMarkerForm markerId={m.id} at={m.at} /> : null}
              </li>
            );
          })}
        </ol>
      )}
      {editable ? <AddMarkerForm evidenceId={record.id} criteria={record.criteria} /> : null}
    </section>
  );
}
