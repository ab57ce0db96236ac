import crypto from "node:crypto";
import { addComment } from "@/lib/assessment/add-comment";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { shareWithEqa } from "@/lib/enrolments/share-with-eqa";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { invitePerson } from "@/lib/people/invite-person";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { submitAnswer } from "@/lib/questioning/answer";
import { addQuestion } from "@/lib/questioning/bank";
import { setQuestions } from "@/lib/questioning/set-questions";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail } from "./actors";
import { attackerEmails, attackerKeys, type AttackerKey } from "./cross-tenant-attackers";
import { witnessFixture } from "./cross-tenant-witness";
import { observationFixture } from "./cross-tenant-observation";
import { planActivity } from "@/lib/plans/assessment-plan";
import { qualityFixture } from "./cross-tenant-quality";
import { uploadInProgressFixture } from "./cross-tenant-uploads";
import { issueUnitCredential } from "@/lib/credentials/issue-unit-credential";

// The data the cross-tenant suite attacks: the standards and the demo seed, then a Northgate
// candidate's portfolio in every state an operation can act on (submitted and draft evidence
// with files, a submitted and a draft mapping, a signed decision, a unit sign-off, a comment,
// unread notifications), a pending invitation, and EQA shares that leave the EQA out of the
// target: a current share of another candidate's enrolment and an expired share of the target.
// Every target is one its rightful owner could act on, so only authorization stands in the way.
// Written with the domain operations where they exist; rows with no operation to make them
// (stored files, a unit sign-off, an expired share) are written directly.

const day = 86_400_000;

export type CrossTenantFixture = Awaited<ReturnType<typeof loadCrossTenantFixture>>;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export async function loadCrossTenantFixture(db: Db, options: { baseUrl: string }) {
  const report = await importStandards(db);
  if (report.errors.length > 0) throw new Error(`standards import failed: ${JSON.stringify(report.errors)}`);
  await seedDemo(db);

  const centre = async (slug: string) => (await db.centre.findUniqueOrThrow({ where: { slug } })).id;
  const centres = { northgate: await centre("northgate"), riverside: await centre("riverside") };
  const actor = (email: string) => actorByEmail(db, email);
  const cara = await actor("candidate@northgate.example");
  const asha = await actor("assessor@northgate.example");
  const nadia = await actor("admin@northgate.example");
  const raj = await actor("assessor@riverside.example");
  // Riverside's assessor is its IQA too, so an enrolment there can be fully staffed and a
  // refusal to enrol another centre's candidate names only the candidate.
  await db.membership.create({ data: { userId: raj.userId, centreId: centres.riverside, role: "IQA" } });
  const attackers = {} as Record<AttackerKey, SessionActor>;
  for (const key of attackerKeys) attackers[key] = await actor(attackerEmails[key]);

  const enrolmentOf = (candidateId: string, code: string) =>
    db.enrolment.findFirstOrThrow({ where: { candidateId, unitVersion: { unit: { code } } } });
  const cs34 = await enrolmentOf(cara.userId, "CS34");
  const cu782 = await enrolmentOf(cara.userId, "CU782");
  const devs = await enrolmentOf(attackers.otherCandidate.userId, "INSCS042");
  const criteria = await db.criterion.findMany({
    where: { unitVersionId: cs34.unitVersionId },
    orderBy: { position: "asc" },
    select: { id: true, rangeItems: { select: { id: true }, orderBy: { position: "asc" } } },
  });
  const withRange = criteria.filter((c) => c.rangeItems.length >= 2);
  const [draftCriterion, submittedCriterion] = withRange;
  const [decidedCriterion, undecidedCriterion] = criteria.filter((c) => !withRange.slice(0, 2).includes(c));
  if (!draftCriterion || !submittedCriterion || !decidedCriterion || !undecidedCriterion)
    throw new Error("CS34 has too few criteria for the fixture");
  const requirement =
    (await db.evidenceRequirement.findFirst({ where: { unitVersionId: cs34.unitVersionId } })) ??
    (await db.evidenceRequirement.findFirstOrThrow());

  const evidenceValues = (title: string) => ({
    ...emptyEvidenceFormValues,
    title,
    method: "observation",
    activityDate: isoDay(Date.now() - 10 * day),
    description: "What I did at work.",
  });
  const addFile = (evidenceId: string, name: string) =>
    db.evidenceFile.create({
      data: {
        evidenceId,
        storageKey: crypto.randomUUID(),
        originalName: name,
        size: BigInt(1000),
        sha256: crypto.createHash("sha256").update(name).digest("hex"),
        mimeType: "application/pdf",
      },
    });

  // Submitted evidence with a file, its mapping waiting for the assessor, and a comment on it.
  const submitted = await createEvidence(db, cara, centres.northgate, evidenceValues("Customer complaint log"));
  const submittedFile = await addFile(submitted.id, "complaints.pdf");
  const submittedMapping = await proposeMapping(db, cara, {
    evidenceId: submitted.id,
    enrolmentId: cs34.id,
    criterionId: submittedCriterion.id,
    rangeItemIds: [],
  });
  await submitEvidence(db, cara, { evidenceId: submitted.id, declarationConfirmed: true });
  await addComment(db, asha, { evidenceId: submitted.id, body: "Can you say who else was there?" });

  // Draft evidence with a file and a proposed mapping claiming one range item: its owner can
  // still edit, delete, remap, upload to and submit all of it.
  const draft = await createEvidence(db, cara, centres.northgate, evidenceValues("Team rota"));
  const draftFile = await addFile(draft.id, "rota.pdf");
  // Her resumable upload to it, half sent.
  const upload = await uploadInProgressFixture(db, cara, draft.id);
  const firstRangeItem = draftCriterion.rangeItems[0]?.id ?? "";
  const draftMapping = await proposeMapping(db, cara, {
    evidenceId: draft.id,
    enrolmentId: cs34.id,
    criterionId: draftCriterion.id,
    rangeItemIds: [firstRangeItem],
  });

  // A signed decision (notifying Cara) and, on her other unit, a unit sign-off.
  const decision = await decideCriterion(db, asha, {
    enrolmentId: cs34.id,
    criterionId: decidedCriterion.id,
    outcome: "NOT_YET_MET",
    password: demoPassword,
  });
  const signOff = await db.unitSignOff.create({
    data: {
      enrolmentId: cu782.id,
      assessorId: asha.userId,
      assessorDeclaration: "I confirm the evidence is valid, authentic, current and sufficient.",
      signatureHash: "0".repeat(64),
    },
  });
  await db.enrolment.update({ where: { id: cu782.id }, data: { status: "COMPLETED" } });
  // Its credential, as signOffUnit issues one in the same transaction (so credential routes have
  // a real one to refuse).
  const credential = await db.$transaction((tx) =>
    issueUnitCredential(tx, {
      unitSignOffId: signOff.id,
      enrolmentId: cu782.id,
      signedAt: signOff.signedAt,
      actorId: asha.userId,
    }),
  );

  // The EQA's scope: Dev's enrolment now; Cara's CS34 only in the past.
  await shareWithEqa(db, nadia, {
    enrolmentId: devs.id,
    eqaUserId: attackers.outOfScopeEqa.userId,
    lastDay: isoDay(Date.now() + 30 * day),
  });
  await db.eqaShare.create({
    data: {
      centreId: centres.northgate,
      eqaUserId: attackers.outOfScopeEqa.userId,
      enrolmentId: cs34.id,
      sharedById: nadia.userId,
      expiresAt: new Date(Date.now() - day),
    },
  });

  // Someone invited to Northgate who has not accepted yet.
  const pending = await invitePerson(
    db,
    nadia,
    { name: "Pat Pending", email: "pending@northgate.example", roles: ["CANDIDATE"] },
    { baseUrl: options.baseUrl },
  );

  // The candidate attackers' own draft evidence, to try mapping onto Cara's enrolment.
  const ownEvidence = {
    foreignCandidate: (
      await createEvidence(db, attackers.foreignCandidate, centres.riverside, evidenceValues("Rhys's evidence"))
    ).id,
    otherCandidate: (
      await createEvidence(db, attackers.otherCandidate, centres.northgate, evidenceValues("Dev's evidence"))
    ).id,
  };

  // Questioning on Cara's CS34: one question set and answered (waiting for Asha's mark), one set
  // and unanswered, and one in Northgate's bank not set yet.
  const questions = await questioningFixture(db, { asha, cara }, centres.northgate, cs34, undecidedCriterion.id);

  const witness = await witnessFixture(db, cara, cs34.id, undecidedCriterion.id, options.baseUrl);

  const observation = await observationFixture(db, asha, cs34.id, undecidedCriterion.id);

  // An activity on Cara's CS34 plan, not yet agreed: Cara could agree to it, Asha cancel or close it.
  const plannedActivity = await planActivity(db, asha, {
    enrolmentId: cs34.id,
    method: "observation",
    criterionIds: [undecidedCriterion.id],
    plannedFor: isoDay(Date.now() + 5 * day),
  });

  const quality = await qualityFixture(db, {
    centreId: centres.northgate,
    enrolmentId: cs34.id,
    decisionId: decision.id,
    asha: asha.userId,
    nadia: nadia.userId,
    eqa: attackers.outOfScopeEqa.userId,
  });

  // Attackers start with nothing unread, so "mark all read" has nothing of theirs to change;
  // Cara's notifications (the decision, the comment) stay unread.
  await db.notification.updateMany({
    where: { userId: { in: Object.values(attackers).map((a) => a.userId) } },
    data: { readAt: new Date() },
  });
  const notification = await db.notification.findFirstOrThrow({ where: { userId: cara.userId, readAt: null } });

  return {
    centres,
    attackers,
    /** Every demo person's password, the attackers' included. */
    password: demoPassword,
    users: { cara: cara.userId, asha: asha.userId, nadia: nadia.userId, raj: raj.userId, pending: pending.userId },
    /** The pending person's invitation token, as in the link they were sent. */
    invitationToken: pending.invitationLink?.split("/invite/")[1] ?? "",
    enrolments: { cs34: cs34.id, cu782: cu782.id, devs: devs.id },
    criteria: {
      draft: draftCriterion.id,
      undecided: undecidedCriterion.id,
      draftRangeItems: draftCriterion.rangeItems.map((r) => r.id),
    },
    requirement: requirement.id,
    evidence: { submitted: submitted.id, draft: draft.id, ownEvidence },
    files: { submitted: submittedFile.id, draft: draftFile.id },
    /** Cara's resumable upload to her draft evidence, half sent (an UploadSession and staged bytes). */
    upload,
    mappings: { submitted: submittedMapping.mappingId, draft: draftMapping.mappingId },
    decision: decision.id,
    signOff: signOff.id,
    credential: credential.id,
    notification: notification.id,
    questions,
    witness,
    plannedActivity: plannedActivity.id,
    observation,
    quality,
  };
}

async function questioningFixture(
  db: Db,
  people: { asha: SessionActor; cara: SessionActor },
  centreId: string,
  enrolment: { id: string; unitVersionId: string },
  criterionId: string,
) {
  const bank = { centreId, unitVersionId: enrolment.unitVersionId, criterionIds: [criterionId] };
  // One at a time: each write takes the centre's audit chain.
  const ask = (text: string) => addQuestion(db, people.asha, { ...bank, text, guidance: "Assessor's eyes only." });
  const answered = await ask("How do you allocate resources?");
  const open = await ask("What is seamless service?");
  const unset = await ask("How do you monitor?");
  await setQuestions(db, people.asha, { enrolmentId: enrolment.id, questionIds: [answered.id, open.id] });
  const assignmentOf = (questionId: string) =>
    db.questionAssignment.findFirstOrThrow({ where: { enrolmentId: enrolment.id, questionId } });
  const waiting = await submitAnswer(db, people.cara, {
    assignmentId: (await assignmentOf(answered.id)).id,
    text: "By agreed priorities.",
  });
  return {
    unitVersion: enrolment.unitVersionId,
    unset: unset.id,
    openAssignment: (await assignmentOf(open.id)).id,
    waitingAnswer: waiting.answerId,
  };
}
