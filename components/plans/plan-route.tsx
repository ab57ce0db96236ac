import { cache } from "react";
import { firstParam } from "@/components/assessment/page-parts";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { getAssessmentPlan } from "@/lib/plans/read-plan";
import { AssessmentPlanPage } from "./assessment-plan-page";

type Params = { enrolmentId: string };
type Props = { params: Promise<Params>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The plan page of one side of the assessment (the assessor's record, the candidate's unit):
 * the same page, with the way back and the evidence links of that side.
 */
export function planRoute(side: {
  back: (enrolmentId: string) => { href: string; label: string };
  evidenceHref: (evidenceId: string) => string;
}) {
  const load = cache(async (enrolmentId: string) =>
    orNotFound(getAssessmentPlan(db, await requireActor(), enrolmentId)),
  );
  return {
    generateMetadata: titleOnceFound("Assessment plan", ({ enrolmentId }: Params) => load(enrolmentId)),
    Page: async function PlanPage({ params, searchParams }: Props) {
      const plan = await load((await params).enrolmentId);
      return (
        <AssessmentPlanPage
          plan={plan}
          done={firstParam((await searchParams).done)}
          back={side.back(plan.enrolment.id)}
          evidenceHref={side.evidenceHref}
        />
      );
    },
  };
}
