import { beforeAll, describe, expect, it } from "vitest";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { getReviewHistory } from "@/lib/assessment/review-history";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { getEvidence, lockedMessages } from "@/lib/evidence/get-evidence";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { removeMapping } from "@/lib/mapping/remove-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Every review stays on the record (docs/decisions/0005): a candidate who removes a mapping the
// assessor referred back withdraws the claim, but the review and its feedback remain visible to
// the candidate and the assessor, and evidence that has been reviewed cannot be deleted.

const state = useMigratedDb();
let cara: SessionActor;
let asha: SessionActor;
let cs34 = "";

const noStorage = { delete: async () => {} };

async function criterionId(ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } });
  return (await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } })).id;
}

async function newEvidence(title: string) {
  const { id } = await createEvidence(
    state.db,
    cara,
    (await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } })).centreId,
    {
      ...emptyEvidenceFormValues,
      title,
      method: "reflectiveAccount",
      activityDate: "2026-01-15",
      description: "What I did at work.",
    },
  );
  return id;
}

/** Evidence mapped to two criteria, submitted, one accepted and one referred back: returned to the candidate. */
async function referredEvidence(title: string) {
  const id = await newEvidence(title);
  await proposeMapping(state.db, cara, { evidenceId: id, enrolmentId: cs34, criterionId: await criterionId("1.3") });
  const referred = await proposeMapping(state.db, cara, {
    evidenceId: id,
    enrolmentId: cs34,
    criterionId: await criterionId("1.4"),
  });
  await submitEvidence(state.db, cara, { evidenceId: id, declarationConfirmed: true });
  const accepted = await state.db.mapping.findFirstOrThrow({
    where: { evidenceId: id, id: { not: referred.mappingId } },
  });
  await reviewMapping(state.db, asha, { mappingId: accepted.id, decision: "accept" });
  await reviewMapping(state.db, asha, {
    mappingId: referred.mappingId,
    decision: "reject",
    feedback: "This account does not show 1.4: say how you checked the customer's details.",
  });
  return { id, referredMappingId: referred.mappingId };
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  const enrolment = await state.db.enrolment.findFirstOrThrow({
    where: { candidateId: cara.userId, unitVersion: { unit: { code: "CS34" } } },
  });
  cs34 = enrolment.id;
}, 60_000);

describe("a claim withdrawn after review", () => {
  it("keeps its review and feedback, shown to the candidate and the assessor as withdrawn", async () => {
    const { id, referredMappingId } = await referredEvidence("Referred then withdrawn");
    await removeMapping(state.db, cara, { mappingId: referredMappingId });

    expect(await state.db.mapping.findUnique({ where: { id: referredMappingId } })).toBeNull();
    const kept = await state.db.mappingReview.findMany({ where: { evidenceId: id }, orderBy: { at: "asc" } });
    expect(kept.map((r) => [r.status, r.mappingId === null])).toEqual([
      ["ACCEPTED", false],
      ["REJECTED", true],
    ]);

    const history = await getReviewHistory(state.db, cara, id);
    expect(history.reviewCount).toBe(2);
    const withdrawn = history.mappings.filter((m) => m.withdrawn);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ mappingId: null, unitCode: "CS34", criterionRef: "1.4", status: "REJECTED" });
    expect(withdrawn[0]?.reviews.map((r) => [r.round, r.reviewerName, r.feedback])).toEqual([
      [1, "Asha Patel", "This account does not show 1.4: say how you checked the customer's details."],
    ]);
    // The referral still says who referred it back, although the mapping has gone.
    expect(history.referral?.reviewerNames).toEqual(["Asha Patel"]);

    const review = await getEvidenceReview(state.db, asha, id);
    expect(review.withdrawn.map((m) => [m.criterionRef, m.reviews.length])).toEqual([["1.4", 1]]);
    expect(review.units.flatMap((u) => u.mappings.map((m) => m.criterion.ref))).toEqual(["1.3"]);
  });

  it("is shown to the candidate again if they re-map the criterion, with the old review kept apart", async () => {
    const { id, referredMappingId } = await referredEvidence("Withdrawn then mapped again");
    await removeMapping(state.db, cara, { mappingId: referredMappingId });
    await proposeMapping(state.db, cara, { evidenceId: id, enrolmentId: cs34, criterionId: await criterionId("1.4") });
    const history = await getReviewHistory(state.db, cara, id);
    const for14 = history.mappings.filter((m) => m.criterionRef === "1.4");
    expect(for14.map((m) => [m.withdrawn, m.reviews.length])).toEqual([
      [false, 0],
      [true, 1],
    ]);
  });
});

describe("evidence that has been reviewed", () => {
  it("cannot be deleted, says why, and loses nothing", async () => {
    // Only referred back, nothing accepted: the candidate may revise it, but not delete it.
    const id = await newEvidence("Reviewed evidence to keep");
    const mapped = await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId: cs34,
      criterionId: await criterionId("1.5"),
    });
    await submitEvidence(state.db, cara, { evidenceId: id, declarationConfirmed: true });
    await reviewMapping(state.db, asha, {
      mappingId: mapped.mappingId,
      decision: "reject",
      feedback: "Say what you did.",
    });
    const detail = await getEvidence(state.db, cara, id);
    expect(detail).toMatchObject({ canEdit: true, canDelete: false, keptBecause: lockedMessages.reviewed });

    const refused = await rejection(deleteEvidence(state.db, cara, id, noStorage));
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).userMessage).toBe(lockedMessages.reviewed);
    expect(await state.db.evidence.findUnique({ where: { id } })).not.toBeNull();
    expect(await state.db.mappingReview.count({ where: { evidenceId: id } })).toBe(1);
    expect(await state.db.mapping.count({ where: { evidenceId: id } })).toBe(1);

    // Withdrawing the claim does not make it deletable: the review is still on the record.
    await removeMapping(state.db, cara, { mappingId: mapped.mappingId });
    expect(((await rejection(deleteEvidence(state.db, cara, id, noStorage))) as AppError).userMessage).toBe(
      lockedMessages.reviewed,
    );

    // The database refuses as well, whatever path a future change takes.
    await expect(state.db.evidence.delete({ where: { id } })).rejects.toThrow();
    expect(await state.db.mappingReview.count({ where: { evidenceId: id } })).toBe(1);
  });

  it("is still deletable while never reviewed", async () => {
    const id = await newEvidence("Draft to delete");
    await proposeMapping(state.db, cara, { evidenceId: id, enrolmentId: cs34, criterionId: await criterionId("1.3") });
    expect(await getEvidence(state.db, cara, id)).toMatchObject({ canDelete: true, keptBecause: null });
    await deleteEvidence(state.db, cara, id, noStorage);
    expect(await state.db.evidence.findUnique({ where: { id } })).toBeNull();
  });
});
