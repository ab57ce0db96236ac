import { cache } from "react";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { WitnessRequests } from "@/components/witness/witness-requests";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { listWitnessRequests } from "@/lib/witness/list-requests";

export const dynamic = "force-dynamic";
const load = cache(async (enrolmentId: string) =>
  orNotFound(listWitnessRequests(db, await requireActor(), enrolmentId)),
);
export const generateMetadata = titleOnceFound("Workplace witnesses", ({ enrolmentId }: { enrolmentId: string }) =>
  load(enrolmentId),
);

/** The assessor asks a workplace witness about the candidate's unit, and follows the requests. */
export default async function AssessorWitnessesPage({ params }: { params: Promise<{ enrolmentId: string }> }) {
  const { enrolmentId } = await params;
  const page = await load(enrolmentId);
  return (
    <div className="space-y-6">
      <BackLink href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}`}>
        Back to the assessment record
      </BackLink>
      <PageHeader
        title={`Workplace witnesses for ${page.enrolment.candidateName}`}
        lead={`${page.enrolment.unitCode} ${page.enrolment.unitTitle}`}
      />
      <WitnessRequests page={page} evidenceHref={(id) => `/assessor/review/${encodeURIComponent(id)}`} />
    </div>
  );
}
