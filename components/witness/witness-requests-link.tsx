import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** " · Ask a workplace witness": the way from an assessment record to its witness requests. */
export function WitnessRequestsLink({ enrolmentId }: { enrolmentId: string }) {
  return (
    <>
      {" "}
      ·{" "}
      <Link href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}/witnesses`} className={linkClass}>
        Ask a workplace witness
      </Link>
    </>
  );
}
