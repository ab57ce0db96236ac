import type { Metadata } from "next";
import { pageParam, RoleEnrolments } from "@/components/enrolments/role-enrolments";
import { requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My candidates" };

export default async function AssessorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { page } = await searchParams;
  return (
    <RoleEnrolments
      actor={actor}
      role="ASSESSOR"
      title="My candidates"
      intro={<p>Candidates enrolled with you as their assessor, active ones first and the nearest planned end date at the top.</p>}
      caption="Enrolments you assess"
      empty="No candidate is enrolled with you as assessor yet. Your centre admin assigns assessors when they enrol candidates."
      columns={["candidate", "unit", "iqa", "start", "plannedEnd", "status"]}
      basePath="/assessor"
      page={pageParam(page)}
      linkTo={(row) => `/assessor/enrolments/${encodeURIComponent(row.id)}`}
    />
  );
}
