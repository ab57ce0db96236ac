import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** " · Questions" after the assessment record's other links: the assigned assessor's questioning page. */
export function QuestionsLink({ enrolmentId }: { enrolmentId: string }) {
  return (
    <>
      {" "}
      ·{" "}
      <Link href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}/questions`} className={linkClass}>
        Questions
      </Link>
    </>
  );
}
