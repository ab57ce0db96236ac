import { Time } from "@/components/assessment/page-parts";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { ObservationRecord } from "@/lib/observation/get-observation";

/** "Recorded by Asha Patel on 15 January 2026, 08:30–09:15 at the front desk". */
export function RecordedBy({ record }: { record: ObservationRecord }) {
  return (
    <p>
      Recorded by <span className="font-medium">{record.authorName}</span> on{" "}
      <Time date={record.activityDate}>{formatDate(record.activityDate, record.timeZone)}</Time>, {record.startTime}–
      {record.endTime} at {record.location}
    </p>
  );
}

/** The candidate's answer, in words (the border only repeats it), for `reader`: the candidate or anyone else. */
export function ResponseState({ record, reader }: { record: ObservationRecord; reader: "candidate" | "other" }) {
  const when = record.respondedAt ? (
    <>
      {" "}
      on <Time date={record.respondedAt}>{formatDateTime(record.respondedAt, record.timeZone)}</Time>
    </>
  ) : null;
  const who = reader === "candidate" ? "You" : record.candidateName;
  if (record.response === "CONFIRMED")
    return (
      <p className="rounded border-2 border-green-800 bg-green-50 p-3 text-green-900">
        <span className="font-semibold">Confirmed:</span> {who} confirmed this as an accurate record{when}. It counts
        towards the criteria it is mapped to.
      </p>
    );
  if (record.response === "DISPUTED")
    return (
      <p className="rounded border-2 border-amber-700 bg-amber-50 p-3 text-amber-950">
        <span className="font-semibold">Disputed:</span> {who} disputed this record{when}; see the comments. It does not
        count towards “met” until {reader === "candidate" ? "you confirm" : "they confirm"} it.
      </p>
    );
  return (
    <p className="rounded border-2 border-slate-500 bg-slate-50 p-3">
      <span className="font-semibold">Waiting for {reader === "candidate" ? "your" : "the candidate's"} answer:</span>{" "}
      {reader === "candidate" ? "you have" : `${record.candidateName} has`} not yet confirmed or disputed this record.
      It does not count towards “met” until confirmed.
    </p>
  );
}

/** The criteria an observation was recorded against, with the range items covered. */
export function ObservedCriteria({ record }: { record: ObservationRecord }) {
  return (
    <ul className="list-disc space-y-1 pl-5">
      {record.criteria.map((c) => (
        <li key={c.mappingId}>
          <span className="font-mono font-semibold">
            {c.unitCode} {c.ref}
          </span>{" "}
          {c.text}
          {c.rangeItems.length > 0 ? (
            <span className="text-slate-700"> (covers: {c.rangeItems.join("; ")})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
