import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";
import { getEnrolmentProgress, type EnrolmentProgress } from "@/lib/portfolio/enrolment-progress";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The one thing to do next on a unit, in words, most pressing first. */
function nextStep(p: EnrolmentProgress): string {
  if (p.status === "WITHDRAWN") return "You have been withdrawn from this unit. Your record is kept as it was.";
  if (p.status === "COMPLETED") return "This unit is complete.";
  if (p.referredMappings > 0)
    return `${plural(p.referredMappings, "mapping was", "mappings were")} referred back by your assessor — read the feedback in the gap view.`;
  if (p.none > 0) return `${plural(p.none, "criterion has", "criteria have")} no evidence yet — open the gap view.`;
  if (p.proposedMappings > 0)
    return `${plural(p.proposedMappings, "mapping is", "mappings are")} not yet submitted — submit the evidence for assessment.`;
  if (p.met === p.total) return "Every criterion is met — your assessor can sign the unit off.";
  return "Every criterion has evidence — your assessor is reviewing it.";
}

/** Each of a candidate's enrolments with progress in words and a bar, linking to its gap view. */
export async function UnitProgressList({ candidateId }: { candidateId: string }) {
  const actor = await requireActor();
  const progress = await getEnrolmentProgress(db, actor, candidateId);
  if (progress.length === 0)
    return <p>You are not enrolled on any units yet. Your centre admin enrols you; ask them if you expected one.</p>;

  return (
    <ul className="space-y-4">
      {progress.map((p) => {
        const barId = `progress-${p.enrolmentId}`;
        return (
          <li key={p.enrolmentId} className="space-y-2 rounded border border-slate-200 bg-white p-4">
            <h2 className="text-lg font-semibold">
              <Link href={`/candidate/units/${p.enrolmentId}`} className="text-brand-700 underline underline-offset-4">
                {p.unitCode} {p.unitTitle}
              </Link>
            </h2>
            {p.status !== "ACTIVE" && (
              <p className="text-sm font-medium">{p.status === "WITHDRAWN" ? "Withdrawn" : "Completed"}</p>
            )}
            <p id={`${barId}-words`}>
              {p.met} of {p.total} criteria met, {p.evidenced} with evidence but not yet met, {p.none} with no evidence
              yet.
            </p>
            <progress
              value={p.met}
              max={Math.max(p.total, 1)}
              aria-label={`${p.unitCode}: ${p.met} of ${p.total} criteria met`}
              className="h-3 w-full max-w-md accent-brand-700"
            />
            <p className="text-sm">Planned end date: {formatDate(p.plannedEndDate, p.timeZone)}</p>
            <p>
              <span className="font-medium">What to do next:</span> {nextStep(p)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
