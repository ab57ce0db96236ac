import { linkClass } from "@/components/ui/styles";

/**
 * " · Evidence pack" after the assessment record's other links: the portfolio's ZIP of evidence
 * files with index.pdf and manifest.json (app/api/packs/enrolments/[enrolmentId]). A plain link
 * with `download`, not next/link: it is a file, not a page.
 */
export function EnrolmentPackLink({ enrolmentId }: { enrolmentId: string }) {
  return (
    <>
      {" "}
      ·{" "}
      <a href={`/api/packs/enrolments/${encodeURIComponent(enrolmentId)}`} download className={linkClass}>
        Evidence pack
      </a>
    </>
  );
}
