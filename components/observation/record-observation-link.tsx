import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import type { EnrolmentAssessment } from "@/lib/assessment/get-enrolment-assessment";

/** On the assessment record, for its assigned assessor while the unit is in progress. */
export function RecordObservationLink({ view }: { view: EnrolmentAssessment }) {
  const e = view.enrolment;
  if (!view.abilities.observe || e.status !== "ACTIVE") return null;
  const base = `/assessor/enrolments/${encodeURIComponent(e.id)}`;
  return (
    <p>
      <Link href={`${base}/observations/new`} className={linkClass}>
        Record an observation
      </Link>{" "}
      <span className="text-slate-700">of {e.candidateName} at work, or</span>{" "}
      <Link href={`${base}/discussions/new`} className={linkClass}>
        record a professional discussion
      </Link>
      <span className="text-slate-700">, against these criteria.</span>
    </p>
  );
}
