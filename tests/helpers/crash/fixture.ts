import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { Provider } from "@/lib/db/provider";
import { plannedPeriod } from "@/lib/enrolments/planned-period";
import { refreshCentreCounters } from "@/lib/progress/enrolment-counters";
import { refreshCentreMetTally } from "@/lib/progress/met-tally";
import { importStandards } from "@/lib/standards/import";
import { CRASH_PASSWORD, type DriverConfig } from "./config";

export type CrashFixture = Omit<DriverConfig, "run" | "databaseUrl" | "storageDir">;

const day = 86_400_000;

/**
 * A centre with what the driver works on: a candidate's unsubmitted evidence to upload files
 * to; their enrolment with accepted evidence for every criterion, to decide; and other
 * candidates' enrolments ready for unit sign-off. Rows written directly (the states the app
 * would reach through many steps), then the counters recounted, as ADR 0007 says bulk loads do.
 */
export async function seedCrashFixture(db: Db, provider: Provider, signOffPool: number): Promise<CrashFixture> {
  const report = await importStandards(db);
  if (report.errors.length) throw new Error(`standards import failed: ${report.errors.join("; ")}`);
  const centre = await db.centre.create({ data: { slug: "crash", name: "Crash Centre" } });
  const passwordHash = await hashPassword(CRASH_PASSWORD);
  const person = async (email: string, role: "CANDIDATE" | "ASSESSOR" | "CENTRE_ADMIN") => {
    const user = await db.user.create({ data: { email, name: email.split("@")[0] ?? email, passwordHash } });
    await db.membership.create({ data: { userId: user.id, centreId: centre.id, role } });
    return user.id;
  };
  const assessorId = await person("assessor@crash.example", "ASSESSOR");
  const adminId = await person("admin@crash.example", "CENTRE_ADMIN");
  const candidateId = await person("candidate@crash.example", "CANDIDATE");

  // The unit with the most criteria, so decisions do not run out.
  const versions = await db.unitVersion.findMany({ select: { id: true, _count: { select: { criteria: true } } } });
  const unitVersionId = versions.sort((a, b) => b._count.criteria - a._count.criteria)[0]?.id;
  if (!unitVersionId) throw new Error("no unit versions");
  const criteria = await db.criterion.findMany({ where: { unitVersionId }, include: { rangeItems: true } });
  const requirements = await db.evidenceRequirement.findMany({ where: { unitVersionId } });
  const enrol = (candidate: string, extra: object = {}) =>
    db.enrolment.create({
      data: {
        centreId: centre.id,
        candidateId: candidate,
        assessorId,
        unitVersionId,
        ...plannedPeriod(new Date(Date.now() - 30 * day), new Date(Date.now() + 300 * day)),
        ...extra,
      },
    });
  const evidence = (candidate: string, submitted: boolean) =>
    db.evidence.create({
      data: {
        centreId: centre.id,
        candidateId: candidate,
        title: submitted ? "Shift report" : "Recording of a handover",
        method: "observation",
        activityDate: new Date(Date.now() - 10 * day),
        description: "What I did at work.",
        submittedAt: submitted ? new Date() : null,
        declaration: submitted ? "I confirm this evidence is my own work" : null,
      },
    });

  const uploadEvidenceId = (await evidence(candidateId, false)).id;
  const decideEnrolmentId = (await enrol(candidateId)).id;
  const accepted = (await evidence(candidateId, true)).id;
  for (const criterion of criteria) {
    await db.mapping.create({
      data: {
        evidenceId: accepted,
        enrolmentId: decideEnrolmentId,
        criterionId: criterion.id,
        status: "ACCEPTED",
        rangeItems: { create: criterion.rangeItems.map((item) => ({ rangeItemId: item.id })) },
      },
    });
  }

  const signOffEnrolmentIds: string[] = [];
  for (let i = 0; i < signOffPool; i++) {
    const candidate = await person(`ready-${i}@crash.example`, "CANDIDATE");
    const shown = (await evidence(candidate, true)).id;
    const enrolment = await enrol(candidate, {
      candidateDeclaredAt: new Date(),
      candidateDeclaration: "This portfolio is my own work.",
    });
    await db.decision.createMany({
      data: criteria.map((criterion) => ({
        centreId: centre.id,
        enrolmentId: enrolment.id,
        criterionId: criterion.id,
        outcome: "MET" as const,
        signedById: assessorId,
        evidenceSnapshot: [],
        signatureHash: "written by the fixture",
      })),
    });
    await db.requirementConfirmation.createMany({
      data: requirements.map((requirement) => ({
        enrolmentId: enrolment.id,
        requirementId: requirement.id,
        confirmedById: assessorId,
        evidenceIds: [shown],
      })),
    });
    signOffEnrolmentIds.push(enrolment.id);
  }
  await refreshCentreCounters(db, centre.id);
  await refreshCentreMetTally(db, provider, centre.id);
  return {
    centreId: centre.id,
    candidateId,
    assessorId,
    adminId,
    uploadEvidenceId,
    decideEnrolmentId,
    signOffEnrolmentIds,
  };
}
