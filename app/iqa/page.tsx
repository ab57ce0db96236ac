import type { Metadata } from "next";
import { pageParam, RoleEnrolments } from "@/components/enrolments/role-enrolments";
import { requireActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sampling" };

export default async function IqaHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const { page } = await searchParams;
  return (
    <RoleEnrolments
      actor={actor}
      role="IQA"
      title="Enrolments I quality-assure"
      intro={<p>Enrolments where you are the internal quality assurer, with their candidate and assessor. Sample assessors&apos; decisions from here.</p>}
      caption="Enrolments you quality-assure"
      empty="You are not the internal quality assurer of any enrolment yet. Your centre admin assigns IQAs when they enrol candidates."
      columns={["candidate", "unit", "assessor", "plannedEnd", "status"]}
      basePath="/iqa"
      page={pageParam(page)}
      linkTo={(row) => `/assessor/enrolments/${encodeURIComponent(row.id)}`}
    />
  );
}
