import { beforeAll, describe, expect, it } from "vitest";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { getReviewHistory } from "@/lib/assessment/review-history";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { updateMappingRange } from "@/lib/mapping/update-mapping-range";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { useMigratedDb } from "../helpers/test-db";

// The review history of one evidence item through real rounds (docs/decisions/0005): Cara
// submits evidence mapped to CS34 1.2 and 1.5; Asha accepts 1.2 and refers 1.5 back, which
// returns the evidence; Cara revises 1.5 and resubmits; Asha accepts it. Every round stays in the
// history Cara reads, in the same entries the assessor's review page shows, and nobody outside
// her portfolio can read it.

const state = useMigratedDb();

const people: Record<"cara" | "dev" | "asha" | "ben" | "rhys" | "raj" | "rosa", SessionActor> = {} as never;
const ids = { centre: "", cs34: "", cu782: "" };

async function actorOf(email: string): Promise<SessionActor> {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const loaded = await loadActor(state.db, user.id);
  if (!loaded) throw new Error(`cannot load ${email}`);
  return loaded;
}

async function criterion(ref: string, enrolmentId = ids.cs34) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    select: { id: true, text: true, rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
  });
}

async function newEvidence(title: string) {
  return state.db.evidence.create({
    data: {
      centreId: ids.centre,
      candidateId: people.cara.userId,
      title,
      method: "reflectiveAccount",
      activityDate: new Date("2026-02-02T00:00:00Z"),
      description: "I reviewed our weekly sales figures.",
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal, but the operation succeeded");
}

const at = (time: string) => new Date(`2026-02-0${time}Z`);

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db);
  people.cara = await actorOf("candidate@northgate.example");
  people.dev = await actorOf("candidate2@northgate.example");
  people.asha = await actorOf("assessor@northgate.example");
  people.ben = await actorOf("assessor2@northgate.example");
  people.rhys = await actorOf("candidate@riverside.example");
  people.raj = await actorOf("assessor@riverside.example");
  people.rosa = await actorOf("admin@riverside.example");
  ids.centre = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  const enrolment = (code: string) =>
    state.db.enrolment.findFirstOrThrow({
      where: { candidateId: people.cara.userId, unitVersion: { unit: { code } } },
    });
  ids.cs34 = (await enrolment("CS34")).id;
  ids.cu782 = (await enrolment("CU782")).id;
}, 120_000);

describe("the review history of an evidence item", () => {
  it("is empty, and submitting is no resubmission, before any review", async () => {
    const item = await newEvidence("Not reviewed yet");
    const c13 = await criterion("1.3");
    await proposeMapping(state.db, people.cara, { evidenceId: item.id, enrolmentId: ids.cs34, criterionId: c13.id });
    expect(await getReviewHistory(state.db, people.cara, item.id)).toMatchObject({
      round: 1,
      reviewCount: 0,
      resubmission: false,
      referral: null,
    });
    await submitEvidence(state.db, people.cara, { evidenceId: item.id, declarationConfirmed: true });
    const history = await getReviewHistory(state.db, people.cara, item.id);
    expect(history).toMatchObject({
      round: 1,
      reviewCount: 0,
      resubmission: false,
      referral: null,
      timeZone: "Europe/London",
    });
    expect(history.mappings).toEqual([
      {
        mappingId: expect.any(String),
        withdrawn: false,
        unitCode: "CS34",
        criterionRef: "1.3",
        criterionText: c13.text,
        status: "SUBMITTED",
        reviews: [],
      },
    ]);
  });

  it("keeps every round of every mapping, oldest first, says who referred it back and when, and matches the review page", async () => {
    const feedback = "You evaluated only the sales figures. Add how you used the complaints figures.";
    const item = await newEvidence("Performance data review");
    const [c12, c15] = [await criterion("1.2"), await criterion("1.5")];
    const [sales, complaints] = c15.rangeItems;
    const c12Items = c12.rangeItems.slice(0, 3).map((i) => i.id);
    if (!sales || !complaints) throw new Error("CS34 1.5 has range items");
    const m12 = await proposeMapping(state.db, people.cara, {
      evidenceId: item.id,
      enrolmentId: ids.cs34,
      criterionId: c12.id,
      rangeItemIds: c12Items,
    });
    const m15 = await proposeMapping(state.db, people.cara, {
      evidenceId: item.id,
      enrolmentId: ids.cs34,
      criterionId: c15.id,
      rangeItemIds: [sales.id],
    });

    // Round 1: 1.5 referred back, then 1.2 accepted with a comment, which returns the evidence.
    await submitEvidence(state.db, people.cara, { evidenceId: item.id, declarationConfirmed: true }, at("3T09:00:00"));
    await reviewMapping(
      state.db,
      people.asha,
      { mappingId: m15.mappingId, decision: "reject", feedback },
      at("3T10:00:00"),
    );
    const returned = await reviewMapping(
      state.db,
      people.asha,
      { mappingId: m12.mappingId, decision: "accept", feedback: "Clear monitoring." },
      at("3T11:00:00"),
    );
    expect(returned.returnedToCandidate).toBe(true);

    let history = await getReviewHistory(state.db, people.cara, item.id);
    expect(history).toMatchObject({
      round: 2,
      reviewCount: 2,
      resubmission: true,
      referral: { reviewerNames: ["Asha Patel"], at: at("3T10:00:00") },
    });
    expect(
      history.mappings.map((m) => [
        m.criterionRef,
        m.status,
        m.reviews.map((r) => [r.round, r.status, r.reviewerName, r.feedback]),
      ]),
    ).toEqual([
      ["1.2", "ACCEPTED", [[1, "ACCEPTED", "Asha Patel", "Clear monitoring."]]],
      ["1.5", "REJECTED", [[1, "REJECTED", "Asha Patel", feedback]]],
    ]);
    expect(history.mappings[0]?.reviews[0]?.rangeItemTexts).toEqual(c12.rangeItems.slice(0, 3).map((i) => i.text));
    expect((await getEvidence(state.db, people.cara, item.id)).statusText).toBe(
      "Referred back. Mappings: 1 accepted, 1 referred back",
    );

    // Cara revises 1.5 (a proposal again) and resubmits: round 2 is with the assessor.
    await updateMappingRange(state.db, people.cara, {
      mappingId: m15.mappingId,
      rangeItemIds: [sales.id, complaints.id],
    });
    history = await getReviewHistory(state.db, people.cara, item.id);
    expect(history).toMatchObject({ round: 2, resubmission: true, referral: { reviewerNames: ["Asha Patel"] } });
    await submitEvidence(state.db, people.cara, { evidenceId: item.id, declarationConfirmed: true }, at("4T09:00:00"));
    expect(await getReviewHistory(state.db, people.cara, item.id)).toMatchObject({
      round: 2,
      resubmission: true,
      referral: null,
    });
    expect((await getEvidence(state.db, people.cara, item.id)).statusText).toBe(
      "Resubmitted (round 2). Mappings: 1 accepted, 1 awaiting review",
    );

    // Round 2: 1.5 accepted. Both of its rounds stay, oldest first.
    await reviewMapping(state.db, people.asha, { mappingId: m15.mappingId, decision: "accept" }, at("4T10:00:00"));
    history = await getReviewHistory(state.db, people.cara, item.id);
    expect(history).toMatchObject({ round: 2, reviewCount: 3, resubmission: true, referral: null });
    const rounds15 = history.mappings.find((m) => m.criterionRef === "1.5")?.reviews;
    expect(rounds15).toEqual([
      {
        id: expect.any(String),
        round: 1,
        status: "REJECTED",
        feedback,
        reviewerName: "Asha Patel",
        at: at("3T10:00:00"),
        rangeItemTexts: [],
      },
      {
        id: expect.any(String),
        round: 2,
        status: "ACCEPTED",
        feedback: null,
        reviewerName: "Asha Patel",
        at: at("4T10:00:00"),
        rangeItemTexts: [sales.text, complaints.text],
      },
    ]);

    // The assessor's review page reads the very same entries.
    const review = await getEvidenceReview(state.db, people.asha, item.id);
    const onReviewPage = review.units.flatMap((u) => u.mappings).map((m) => [m.criterion.ref, m.reviews]);
    expect(onReviewPage).toEqual(history.mappings.map((m) => [m.criterionRef, m.reviews]));
  });

  it("names every assessor who referred something back in the round, and when the last of them did", async () => {
    // Ben assesses Cara's CU782, Asha her CS34.
    await state.db.enrolment.update({ where: { id: ids.cu782 }, data: { assessorId: people.ben.userId } });
    const item = await newEvidence("Two referrals");
    const [c21, cu11] = [await criterion("2.1"), await criterion("1.1", ids.cu782)];
    const m21 = await proposeMapping(state.db, people.cara, {
      evidenceId: item.id,
      enrolmentId: ids.cs34,
      criterionId: c21.id,
    });
    const mcu = await proposeMapping(state.db, people.cara, {
      evidenceId: item.id,
      enrolmentId: ids.cu782,
      criterionId: cu11.id,
    });
    await submitEvidence(state.db, people.cara, { evidenceId: item.id, declarationConfirmed: true }, at("5T09:00:00"));
    await reviewMapping(
      state.db,
      people.ben,
      { mappingId: mcu.mappingId, decision: "reject", feedback: "Say who you briefed." },
      at("5T11:00:00"),
    );
    await reviewMapping(
      state.db,
      people.asha,
      { mappingId: m21.mappingId, decision: "reject", feedback: "Add the date." },
      at("5T10:00:00"),
    );
    const history = await getReviewHistory(state.db, people.cara, item.id);
    // The latest referral of the round, whatever order they were written in.
    expect(history.referral).toEqual({ reviewerNames: ["Asha Patel", "Ben Morgan"], at: at("5T11:00:00") });
    expect(history.mappings.map((m) => [m.unitCode, m.criterionRef, m.reviews.map((r) => r.reviewerName)])).toEqual([
      ["CS34", "2.1", ["Asha Patel"]],
      ["CU782", "1.1", ["Ben Morgan"]],
    ]);
  });

  it("is refused to another candidate, and to anyone from another centre", async () => {
    const item = await newEvidence("Private");
    for (const outsider of [people.dev, people.rhys, people.raj, people.rosa]) {
      expect(await refusal(getReviewHistory(state.db, outsider, item.id))).toBeInstanceOf(ForbiddenError);
    }
    expect(await refusal(getReviewHistory(state.db, people.cara, "no-such-evidence"))).toBeInstanceOf(AppError);
  });
});
