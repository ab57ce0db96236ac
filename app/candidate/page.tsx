import type { Metadata } from "next";
import { pageParam, RoleEnrolments } from "@/components/enrolments/role-enrolments";
import { UnitProgressList } from "@/components/portfolio/unit-progress-list";
import { requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My units" };

export default async function CandidateHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { page } = await searchParams;
  return (
    <RoleEnrolments
      actor={actor}
      role="CANDIDATE"
      title="My units"
      intro={<p>The units you are enrolled on, who assesses your work on each, and when you plan to finish.</p>}
      caption="Units you are enrolled on"
      empty="You are not enrolled on any unit yet. Your centre admin enrols you; ask them if you expected to see a unit here."
      columns={["unit", "assessor", "plannedEnd", "status"]}
      basePath="/candidate"
      page={pageParam(page)}
    >
      <UnitProgressList candidateId={actor.userId} />
    </RoleEnrolments>
  );
}
