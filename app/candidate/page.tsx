import type { Metadata } from "next";
import { RoleHome } from "@/components/enrolments/role-enrolments";
import { UnitProgressList } from "@/components/portfolio/unit-progress-list";
import { NextSteps } from "@/components/plans/next-steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My units" };

export default function CandidateHome(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <RoleHome role="CANDIDATE" searchParams={props.searchParams}>
      {(actor) => (
        <>
          <NextSteps actor={actor} />
          <UnitProgressList candidateId={actor.userId} />
        </>
      )}
    </RoleHome>
  );
}
