import type { Metadata } from "next";
import { pageParam, RoleEnrolments } from "@/components/enrolments/role-enrolments";
import { requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared portfolios" };

export default async function EqaHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { page } = await searchParams;
  return (
    <RoleEnrolments
      actor={actor}
      role="EQA"
      title="Portfolios shared with me"
      intro={
        <p>
          Enrolments a centre has shared with you for external quality assurance. Your access is read-only and ends at the end of the day shown; expired
          shares are not listed.
        </p>
      }
      caption="Enrolments shared with you, and until when"
      empty="Nothing is shared with you at the moment. A centre admin shares an enrolment with you when it is chosen for sampling."
      columns={["candidate", "unit", "assessor", "access", "status"]}
      basePath="/eqa"
      linkTo={(row) => `/assessor/enrolments/${encodeURIComponent(row.id)}`}
      page={pageParam(page)}
    />
  );
}
