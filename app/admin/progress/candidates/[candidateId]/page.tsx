import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { EnrolmentDetailSection } from "@/components/progress/enrolment-detail";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/provider";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { env } from "@/lib/env";
import { getCandidateProgress } from "@/lib/progress/candidate-progress";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Candidate progress" };

export default async function CandidateProgressPage({ params }: { params: Promise<{ candidateId: string }> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal
        title="Candidate progress"
        message={refusalMessage(actor, "candidates’ progress")}
        linkClassName={linkClass}
      />
    );
  }
  const { candidateId } = await params;
  const progress = await getCandidateProgress(
    db,
    actor,
    { centreId: centre.centreId, candidateId: candidateId.slice(0, 100) },
    { provider: providerOf(env.DATABASE_URL) },
  );
  if (!progress) notFound();

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <BackLink href="/admin/progress/candidates" className={linkClass}>
          Back to the candidates
        </BackLink>
        <h1 className="text-3xl font-bold">{progress.candidate.name}</h1>
        <p className="text-slate-700">
          {progress.candidate.email} · {progress.centre.name} · read-only: progress on each unit, criterion by
          criterion, with the evidence mapped to it
        </p>
      </div>
      {progress.enrolments.map((enrolment) => (
        <EnrolmentDetailSection key={enrolment.enrolmentId} enrolment={enrolment} timeZone={progress.centre.timeZone} />
      ))}
    </div>
  );
}
