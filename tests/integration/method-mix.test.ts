import { beforeAll, describe, expect, it } from "vitest";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { getMethodMix, type MethodMixRow } from "@/lib/portfolio/method-mix";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// The method mix an assessor reads on a candidate's unit: claims counted by the method of the
// evidence they rest on, and by where they stand. An EQA sees no drafts; nobody outside reads it.

const state = useMigratedDb();
let cara: SessionActor;
let asha: SessionActor;
let cs34 = "";
let centreId = "";

async function criterionId(ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } });
  return (await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } })).id;
}

async function mapped(method: string, refs: string[], stage: "draft" | "submitted" | "accepted" | "referred") {
  const { id } = await createEvidence(state.db, cara, centreId, {
    ...emptyEvidenceFormValues,
    title: `${method} evidence`,
    method,
    activityDate: "2026-01-15",
    description: "What I did at work.",
  });
  const mappingIds: string[] = [];
  for (const ref of refs) {
    const { mappingId } = await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId: cs34,
      criterionId: await criterionId(ref),
    });
    mappingIds.push(mappingId);
  }
  if (stage === "draft") return;
  await submitEvidence(state.db, cara, { evidenceId: id, declarationConfirmed: true });
  for (const mappingId of mappingIds) {
    if (stage === "accepted") await reviewMapping(state.db, asha, { mappingId, decision: "accept" });
    if (stage === "referred")
      await reviewMapping(state.db, asha, { mappingId, decision: "reject", feedback: "Say how you checked it." });
  }
}

function row(mix: MethodMixRow[], method: string): MethodMixRow | undefined {
  return mix.find((r) => r.method === method);
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
  centreId = enrolment.centreId;
  // Make sure the test does not depend on what the demo data maps today.
  await state.db.mapping.deleteMany({ where: { enrolmentId: cs34, status: "PROPOSED" } });
  await mapped("reflectiveAccount", ["1.3", "1.4"], "accepted");
  await mapped("reflectiveAccount", ["2.1"], "draft");
  await mapped("product", ["1.3"], "submitted");
  await mapped("witnessTestimony", ["2.2"], "referred");
}, 120_000);

describe("the method mix of an enrolment", () => {
  it("counts claims by method and standing, in the vocabulary's order", async () => {
    const mix = await getMethodMix(state.db, asha, cs34);
    expect(row(mix, "reflectiveAccount")).toMatchObject({ accepted: 2, drafts: 1, waiting: 0, criteriaAccepted: 2 });
    expect(row(mix, "product")).toMatchObject({ waiting: 1, accepted: 0 });
    expect(row(mix, "witnessTestimony")).toMatchObject({ referred: 1, accepted: 0 });
    const order = mix.map((r) => r.method);
    expect(order.indexOf("product")).toBeLessThan(order.indexOf("witnessTestimony"));
    expect(order.indexOf("witnessTestimony")).toBeLessThan(order.indexOf("reflectiveAccount"));
    expect(row(mix, "product")?.label).toBe("Product of work");
  });

  it("shows an EQA the shared enrolment without the candidate's drafts", async () => {
    const eqa = await actorByEmail(state.db, "eqa@awarding.example");
    await state.db.eqaShare.create({
      data: { centreId, eqaUserId: eqa.userId, enrolmentId: cs34, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const mix = await getMethodMix(state.db, eqa, cs34);
    expect(row(mix, "reflectiveAccount")).toMatchObject({ accepted: 2, drafts: 0 });
    const candidateView = await getMethodMix(state.db, cara, cs34);
    expect(row(candidateView, "reflectiveAccount")?.drafts).toBe(1);
  });

  it("is refused to another centre's assessor and to another candidate", async () => {
    const raj = await actorByEmail(state.db, "assessor@riverside.example");
    const dev = await actorByEmail(state.db, "candidate2@northgate.example");
    for (const outsider of [raj, dev]) {
      expect(await rejection(getMethodMix(state.db, outsider, cs34))).toMatchObject({
        status: 403,
        message: "forbidden: enrolment.read",
      });
    }
  });
});
