import type { Db } from "../db/client";
import { recordAudits, type AuditInput } from "../audit";
import { hashPassword } from "../auth/password";
import { decisionSignature, normaliseSnapshot, unitSignOffSignature } from "../assessment/signature";
import { plannedPeriod } from "../enrolments/planned-period";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { refreshMetTally } from "../progress/met-tally";
import { issueUnitCredential } from "../credentials/issue-unit-credential";
import { demoPassword } from "./seed";

// Assessed work for the demo's internal quality assurer (Iris Quinn) to sample: two more Northgate
// candidates with evidence of several methods, accepted by Asha Patel and Ben Morgan, and standing
// "met" decisions signed over the last ten months, most of them in the last 90 days, on enrolments
// whose IQA is Iris. One unit (Finn Walsh's CU782) is complete and signed off, so its decisions are
// summative; the rest are interim. Dates are relative to `now`, so "the last 90 days" always
// catches twenty decisions. Written directly, as the assessment operations would have written them
// (evidence, accepted claims with their review, signed decisions, the sign-off) with their audit
// events; the existing demo people and enrolments are not touched. Idempotent like seedDemo: an
// enrolment that exists is left alone.

const day = 86_400_000;

export const demoAssessedCandidates = [
  { email: "ella.green@northgate.example", name: "Ella Green" },
  { email: "finn.walsh@northgate.example", name: "Finn Walsh" },
  { email: "candidate5@northgate.example", name: "Gina Hart" },
];

type DemoEvidence = {
  method: string;
  title: string;
  submittedDaysAgo: number;
  /** The criteria it proves, by their position in the unit (0 is the first). */
  criteria: number[];
  signedDaysAgo: number;
};

type DemoAssessed = {
  candidate: string;
  unit: string;
  assessor: string;
  startDaysAgo: number;
  lengthDays: number;
  evidence: DemoEvidence[];
  /** Days ago the unit was signed off (every criterion must then be proved). */
  signedOffDaysAgo?: number;
  /** Days ago the candidate declared the portfolio their own, when it is not signed off yet. */
  declaredDaysAgo?: number;
  /** The enrolment's IQA, when not Iris (null: none). */
  iqa?: string | null;
};

const iqa = "iqa@northgate.example";
const asha = "assessor@northgate.example";
const ben = "assessor2@northgate.example";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const demoAssessed: DemoAssessed[] = [
  {
    candidate: "ella.green@northgate.example",
    unit: "CS34",
    assessor: asha,
    startDaysAgo: 150,
    lengthDays: 300,
    evidence: [
      {
        method: "observation",
        title: "Observation of the morning service briefing",
        submittedDaysAgo: 75,
        criteria: [0, 1],
        signedDaysAgo: 70,
      },
      {
        method: "product",
        title: "Team rota and service standards sheet",
        submittedDaysAgo: 50,
        criteria: [2, 3],
        signedDaysAgo: 45,
      },
      {
        method: "professionalDiscussion",
        title: "Discussion on handling escalated complaints",
        submittedDaysAgo: 30,
        criteria: [4],
        signedDaysAgo: 25,
      },
      {
        method: "questioning",
        title: "Answers on service level agreements",
        submittedDaysAgo: 15,
        criteria: [5],
        signedDaysAgo: 12,
      },
    ],
  },
  {
    candidate: "ella.green@northgate.example",
    unit: "CU782",
    assessor: ben,
    startDaysAgo: 150,
    lengthDays: 300,
    evidence: [
      {
        method: "witnessTestimony",
        title: "Line manager's statement on a refund dispute",
        submittedDaysAgo: 60,
        criteria: [0, 1],
        signedDaysAgo: 55,
      },
      {
        method: "observation",
        title: "Observation at the returns desk",
        submittedDaysAgo: 35,
        criteria: [2, 3],
        signedDaysAgo: 28,
      },
    ],
  },
  {
    candidate: "finn.walsh@northgate.example",
    unit: "CU782",
    assessor: ben,
    startDaysAgo: 330,
    lengthDays: 300,
    signedOffDaysAgo: 20,
    evidence: [
      {
        method: "product",
        title: "Customer records after a billing error",
        submittedDaysAgo: 290,
        criteria: range(0, 3),
        signedDaysAgo: 280,
      },
      {
        method: "observation",
        title: "Observation of a telephone complaint",
        submittedDaysAgo: 250,
        criteria: range(4, 7),
        signedDaysAgo: 240,
      },
      {
        method: "reflectiveAccount",
        title: "Reflective account of a difficult refund",
        submittedDaysAgo: 200,
        criteria: range(8, 11),
        signedDaysAgo: 190,
      },
      {
        method: "witnessTestimony",
        title: "Supervisor's statement on complaint follow-up",
        submittedDaysAgo: 150,
        criteria: range(12, 15),
        signedDaysAgo: 140,
      },
      {
        method: "product",
        title: "Complaint log and resolution letters",
        submittedDaysAgo: 110,
        criteria: range(16, 19),
        signedDaysAgo: 100,
      },
      {
        method: "observation",
        title: "Observation of resolving a delivery complaint",
        submittedDaysAgo: 85,
        criteria: range(20, 22),
        signedDaysAgo: 80,
      },
      {
        method: "witnessTestimony",
        title: "Team leader's statement on service recovery",
        submittedDaysAgo: 45,
        criteria: range(23, 26),
        signedDaysAgo: 40,
      },
    ],
  },
  {
    candidate: "finn.walsh@northgate.example",
    unit: "CS34",
    assessor: asha,
    startDaysAgo: 50,
    lengthDays: 300,
    evidence: [
      {
        method: "observation",
        title: "Observation of a team huddle",
        submittedDaysAgo: 30,
        criteria: [0],
        signedDaysAgo: 27,
      },
      {
        method: "witnessTestimony",
        title: "Store manager's statement on rota planning",
        submittedDaysAgo: 20,
        criteria: [1],
        signedDaysAgo: 18,
      },
      { method: "product", title: "Weekly service report", submittedDaysAgo: 12, criteria: [2], signedDaysAgo: 8 },
    ],
  },
  // Ready for the assessor to sign off (every criterion met, the candidate has declared): the
  // credentials e2e signs it off and revokes it. No IQA, so Iris's samples do not depend on it.
  {
    candidate: "candidate5@northgate.example",
    unit: "CS34",
    assessor: asha,
    iqa: null,
    startDaysAgo: 200,
    lengthDays: 300,
    declaredDaysAgo: 1,
    evidence: [
      {
        method: "observation",
        title: "Observation of a shift as team leader",
        submittedDaysAgo: 20,
        criteria: range(0, 13),
        signedDaysAgo: 10,
      },
      {
        method: "product",
        title: "Service improvement report",
        submittedDaysAgo: 15,
        criteria: range(14, 27),
        signedDaysAgo: 5,
      },
    ],
  },
];

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type People = Record<string, string>;
type UnitFacts = Awaited<ReturnType<typeof unitFacts>>;

async function unitFacts(db: Db, code: string) {
  return db.unitVersion.findFirst({
    where: { unit: { code } },
    orderBy: { number: "desc" },
    select: {
      id: true,
      criteria: { orderBy: { position: "asc" }, select: { id: true, rangeItems: { select: { id: true } } } },
      requirements: { select: { id: true } },
    },
  });
}

/** Adds the demo's assessed work; returns how many records it created (0 when it was there). */
export async function seedDemoDecisions(db: Db, now = new Date()): Promise<{ created: number }> {
  const northgate = await db.centre.findUnique({ where: { slug: "northgate" }, select: { id: true } });
  if (!northgate) return { created: 0 };
  let created = 0;
  const people: People = {};
  const passwordHash = await hashPassword(demoPassword);
  for (const person of demoAssessedCandidates) {
    const existing = await db.user.findUnique({ where: { email: person.email }, select: { id: true } });
    const user =
      existing ??
      (await db.user.create({ data: { email: person.email, name: person.name, passwordHash }, select: { id: true } }));
    if (!existing) {
      await db.membership.create({ data: { userId: user.id, centreId: northgate.id, role: "CANDIDATE" } });
      created++;
    }
    people[person.email] = user.id;
  }
  const staff = await db.user.findMany({
    where: { email: { in: [iqa, asha, ben, "admin@northgate.example"] } },
    select: { id: true, email: true },
  });
  for (const s of staff) people[s.email] = s.id;
  for (const assessed of demoAssessed) {
    const candidateId = people[assessed.candidate];
    const unit = await unitFacts(db, assessed.unit);
    if (!candidateId || !unit) continue;
    const exists = await db.enrolment.findFirst({
      where: { candidateId, unitVersion: { unit: { code: assessed.unit } } },
      select: { id: true },
    });
    if (exists) continue;
    created += await db.$transaction((tx) =>
      writeAssessed(tx, { centreId: northgate.id, assessed, unit, people, now }),
    );
  }
  return { created };
}

// long-function: one enrolment's story in order: the enrolment, each evidence item with its accepted claims, their reviews and the decisions resting on them, then the declaration, confirmations and sign-off of a finished unit, the recounts and the audit events; each step uses the ids the one before made
async function writeAssessed(
  tx: Tx,
  args: { centreId: string; assessed: DemoAssessed; unit: NonNullable<UnitFacts>; people: People; now: Date },
): Promise<number> {
  const { centreId, assessed, unit, people, now } = args;
  const ago = (days: number, minutes = 0) => new Date(now.getTime() - days * day + minutes * 60_000);
  const candidateId = people[assessed.candidate] as string;
  const assessorId = people[assessed.assessor] as string;
  const adminId = people["admin@northgate.example"] ?? null;
  const signedOff = assessed.signedOffDaysAgo !== undefined ? ago(assessed.signedOffDaysAgo) : null;
  const audits: AuditInput[] = [];
  const audit = (event: Omit<AuditInput, "centreId">) => audits.push({ ...event, centreId });
  const enrolment = await tx.enrolment.create({
    data: {
      centreId,
      candidateId,
      unitVersionId: unit.id,
      assessorId,
      iqaId: assessed.iqa === undefined ? (people[iqa] ?? null) : assessed.iqa && (people[assessed.iqa] ?? null),
      ...plannedPeriod(ago(assessed.startDaysAgo), ago(assessed.startDaysAgo - assessed.lengthDays)),
      createdAt: ago(assessed.startDaysAgo + 3),
      ...(signedOff ? { status: "COMPLETED" as const } : {}),
      ...(signedOff || assessed.declaredDaysAgo !== undefined
        ? {
            candidateDeclaredAt: ago(assessed.declaredDaysAgo ?? (assessed.signedOffDaysAgo ?? 0) + 5),
            candidateDeclaration: "This portfolio is my own work.",
          }
        : {}),
    },
    select: { id: true, candidateDeclaredAt: true, candidateDeclaration: true },
  });
  audit({
    actorId: adminId,
    action: "enrolment.create",
    entityType: "Enrolment",
    entityId: enrolment.id,
    at: ago(assessed.startDaysAgo + 3),
  });
  let records = 1;
  const decisions: { criterionId: string; decisionId: string; signatureHash: string }[] = [];
  const evidenceIds: string[] = [];
  for (const item of assessed.evidence) {
    const submittedAt = ago(item.submittedDaysAgo);
    const evidence = await tx.evidence.create({
      data: {
        centreId,
        candidateId,
        title: item.title,
        method: item.method,
        activityDate: ago(item.submittedDaysAgo + 2),
        description: `${item.title}. What I did, who was involved and what came of it.`,
        submittedAt,
        declaration: "This evidence is my own work.",
        createdAt: ago(item.submittedDaysAgo + 2),
      },
      select: { id: true },
    });
    evidenceIds.push(evidence.id);
    audit({
      actorId: candidateId,
      action: "evidence.create",
      entityType: "Evidence",
      entityId: evidence.id,
      at: ago(item.submittedDaysAgo + 2),
    });
    audit({
      actorId: candidateId,
      action: "evidence.submit",
      entityType: "Evidence",
      entityId: evidence.id,
      at: submittedAt,
    });
    records++;
    for (const [n, position] of item.criteria.entries()) {
      const criterion = unit.criteria[position];
      if (!criterion) continue;
      const rangeItemIds = criterion.rangeItems.map((r) => r.id);
      const reviewedAt = ago(item.signedDaysAgo + 1, n);
      const mapping = await tx.mapping.create({
        data: {
          evidenceId: evidence.id,
          criterionId: criterion.id,
          enrolmentId: enrolment.id,
          status: "ACCEPTED",
          reviewedById: assessorId,
          reviewedAt,
          createdAt: ago(item.submittedDaysAgo + 1),
          rangeItems: { create: rangeItemIds.map((rangeItemId) => ({ rangeItemId })) },
        },
        select: { id: true },
      });
      await tx.mappingReview.create({
        data: {
          mappingId: mapping.id,
          evidenceId: evidence.id,
          criterionId: criterion.id,
          enrolmentId: enrolment.id,
          round: 1,
          status: "ACCEPTED",
          rangeItemIds,
          reviewerId: assessorId,
          at: reviewedAt,
        },
      });
      audit({
        actorId: assessorId,
        action: "mapping.accept",
        entityType: "Mapping",
        entityId: mapping.id,
        at: reviewedAt,
      });
      const signed = {
        enrolmentId: enrolment.id,
        criterionId: criterion.id,
        outcome: "MET" as const,
        signedById: assessorId,
        signedAt: ago(item.signedDaysAgo, n * 7),
        evidenceSnapshot: normaliseSnapshot([
          { evidenceId: evidence.id, mappingId: mapping.id, rangeItemIds, files: [] },
        ]),
      };
      const signatureHash = decisionSignature(signed);
      const decision = await tx.decision.create({
        data: { ...signed, centreId, signatureHash, currentSlot: "current" },
        select: { id: true },
      });
      decisions.push({ criterionId: criterion.id, decisionId: decision.id, signatureHash });
      audit({
        actorId: assessorId,
        action: "decision.sign",
        entityType: "Decision",
        entityId: decision.id,
        after: { enrolmentId: enrolment.id, criterionId: criterion.id, outcome: "MET", signatureHash },
        at: signed.signedAt,
      });
      await refreshMetTally(tx, centreId, signed.signedAt);
      records += 3;
    }
  }
  if (signedOff)
    records += await signOff(tx, { enrolment, unit, assessorId, signedOff, decisions, evidenceIds, audit });
  await refreshEnrolmentCounters(tx, [enrolment.id]);
  await recordAudits(tx, audits);
  return records;
}

/** A finished unit: each evidence requirement confirmed, then the assessor's signed sign-off. */
async function signOff(
  tx: Tx,
  args: {
    enrolment: { id: string; candidateDeclaredAt: Date | null; candidateDeclaration: string | null };
    unit: NonNullable<UnitFacts>;
    assessorId: string;
    signedOff: Date;
    decisions: { criterionId: string; decisionId: string; signatureHash: string }[];
    evidenceIds: string[];
    audit: (event: Omit<AuditInput, "centreId">) => void;
  },
): Promise<number> {
  const { enrolment, unit, assessorId, signedOff, decisions, evidenceIds, audit } = args;
  const confirmedAt = new Date(signedOff.getTime() - 2 * day);
  const confirmations = unit.requirements.map((r) => ({ requirementId: r.id, evidenceIds }));
  for (const c of confirmations)
    await tx.requirementConfirmation.create({
      data: {
        enrolmentId: enrolment.id,
        requirementId: c.requirementId,
        confirmedById: assessorId,
        evidenceIds,
        at: confirmedAt,
      },
    });
  const assessorDeclaration = "I confirm the evidence is valid, authentic, current and sufficient.";
  const signatureHash = unitSignOffSignature({
    enrolmentId: enrolment.id,
    assessorId,
    signedAt: signedOff,
    assessorDeclaration,
    candidateDeclaredAt: enrolment.candidateDeclaredAt ?? signedOff,
    candidateDeclaration: enrolment.candidateDeclaration ?? "",
    decisions,
    confirmations,
  });
  const unitSignOff = await tx.unitSignOff.create({
    data: { enrolmentId: enrolment.id, assessorId, assessorDeclaration, signedAt: signedOff, signatureHash },
    select: { id: true },
  });
  // As signOffUnit does: a sign-off never exists without its credential.
  await issueUnitCredential(tx, {
    unitSignOffId: unitSignOff.id,
    enrolmentId: enrolment.id,
    signedAt: signedOff,
    actorId: assessorId,
  });
  audit({
    actorId: assessorId,
    action: "unit.signOff",
    entityType: "Enrolment",
    entityId: enrolment.id,
    at: signedOff,
  });
  return confirmations.length + 1;
}
