import { beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { revoke } from "@/lib/assessment/revoke";
import type { SessionActor } from "@/lib/auth/actor";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { updateMappingRange } from "@/lib/mapping/update-mapping-range";
import { getGapView } from "@/lib/portfolio/gap-view";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// What a new user stumbled on (issue 15): a declaration that did not fit simulated evidence,
// review wording that contradicted the mapping's state, round 2 not saying what changed, the
// method flag missing from the gap view, and revoking without the password signing asks for.

const state = useMigratedDb();
let cara: SessionActor;
let asha: SessionActor;
let enrolment: { id: string; centreId: string; unitVersionId: string };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userMessage;
}

async function criterion(ref: string) {
  return state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    select: { id: true, rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
  });
}

let made = 0;
async function evidence(options: { method?: string; simulated?: boolean } = {}) {
  made++;
  return state.db.evidence.create({
    data: {
      centreId: enrolment.centreId,
      candidateId: cara.userId,
      title: `Stumble evidence ${made}`,
      method: options.method ?? "professionalDiscussion",
      activityDate: new Date("2026-01-15T00:00:00Z"),
      description: "Notes from a team meeting.",
      simulated: options.simulated ?? false,
    },
  });
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  enrolment = await state.db.enrolment.findFirstOrThrow({
    where: { candidateId: cara.userId, assessorId: asha.userId, unitVersion: { unit: { code: "CS34" } } },
    select: { id: true, centreId: true, unitVersionId: true },
  });
}, 60_000);

describe("the submission declaration", () => {
  it("fits simulated evidence: it does not declare a simulation to be from real work", async () => {
    const item = await evidence({ simulated: true });
    await proposeMapping(state.db, cara, {
      evidenceId: item.id,
      enrolmentId: enrolment.id,
      criterionId: (await criterion("1.6")).id,
    });

    const unticked = await refusal(
      submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: false }),
    );
    expect(unticked).toBe(
      "Tick the declaration to confirm this evidence is your own work, from a simulation or role-play (not real work activities), and is true and accurate.",
    );
    // Ticked on a page that showed the real-work words (changed in another tab since): refused.
    expect(
      await refusal(
        submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: true, declaredSimulated: false }),
      ),
    ).toMatch(/Reload the page/);

    await submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: true, declaredSimulated: true });
    const row = await state.db.evidence.findUniqueOrThrow({ where: { id: item.id } });
    expect(row.declaration).toBe(
      "I confirm this evidence is my own work, from a simulation or role-play (not real work activities), and is true and accurate",
    );
    expect(row.declaration).not.toContain("from real work activities,");
  });
});

describe("the review page's wording", () => {
  it("says the assessor accepted 2 of 9 (the candidate claimed 3) after an item is unticked, not 'the candidate claims 2'", async () => {
    const item = await evidence();
    const cs12 = await criterion("1.2");
    const [a, b, c] = cs12.rangeItems;
    if (!a || !b || !c) throw new Error("CS34 1.2 has range items");
    const { mappingId } = await proposeMapping(state.db, cara, {
      evidenceId: item.id,
      enrolmentId: enrolment.id,
      criterionId: cs12.id,
      rangeItemIds: [a.id, b.id, c.id],
    });
    await submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: true });
    expect((await getEvidenceReview(state.db, asha, item.id)).units[0]?.mappings[0]?.rangeWords).toBe(
      "the candidate claims 3 of 9",
    );

    await reviewMapping(state.db, asha, { mappingId, decision: "accept", rangeItemIds: [a.id, b.id] });
    const review = await getEvidenceReview(state.db, asha, item.id);
    expect(review.units[0]?.mappings[0]?.rangeWords).toBe("the assessor accepted 2 of 9 (the candidate claimed 3)");
  });

  it("shows round 2 what changed since round 1: the evidence, the referred claim's range items and the new claim", async () => {
    const item = await evidence();
    const cs12 = await criterion("1.2");
    const [a, b, c, d] = cs12.rangeItems;
    if (!a || !b || !c || !d) throw new Error("CS34 1.2 has range items");
    const { mappingId } = await proposeMapping(state.db, cara, {
      evidenceId: item.id,
      enrolmentId: enrolment.id,
      criterionId: cs12.id,
      rangeItemIds: [a.id, b.id, c.id],
    });
    await submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: true });
    expect((await getEvidenceReview(state.db, asha, item.id)).changedSinceLastRound).toBeNull();
    await reviewMapping(state.db, asha, { mappingId, decision: "reject", feedback: "Item three is not shown." });

    await updateMappingRange(state.db, cara, { mappingId, rangeItemIds: [a.id, b.id, d.id] });
    const added = await proposeMapping(state.db, cara, {
      evidenceId: item.id,
      enrolmentId: enrolment.id,
      criterionId: (await criterion("1.7")).id,
    });
    await submitEvidence(state.db, cara, { evidenceId: item.id, declarationConfirmed: true });

    const review = await getEvidenceReview(state.db, asha, item.id);
    expect(review.evidence.round).toBe(2);
    expect(review.changedSinceLastRound).toBe(
      "Round 2. Since round 1 was reviewed, the candidate has not changed the evidence's details or files. What changed on each claim is shown with it.",
    );
    const mappings = review.units.flatMap((u) => u.mappings);
    expect(mappings.find((m) => m.id === mappingId)?.sinceLastRound).toBe(
      `Range items added: ${d.text}. Range items removed: ${c.text}.`,
    );
    expect(mappings.find((m) => m.id === added.mappingId)?.sinceLastRound).toBe(
      "New in round 2: not claimed when round 1 was reviewed.",
    );
  });
});

describe("the method flag in the gap view", () => {
  it("flags a method outside the outcome's list on 3.5 where the candidate tracks the criterion, as when mapping and on the review", async () => {
    const rpl = await evidence({ method: "recognitionOfPriorLearning" });
    const product = await evidence({ method: "product" });
    const cs35 = await criterion("3.5");
    for (const e of [rpl, product])
      await proposeMapping(state.db, cara, { evidenceId: e.id, enrolmentId: enrolment.id, criterionId: cs35.id });

    const view = await getGapView(state.db, cara, enrolment.id);
    const entries = view.groups.flatMap((g) => g.criteria).find((c) => c.id === cs35.id)?.evidence ?? [];
    expect(entries.find((e) => e.evidenceId === rpl.id)?.warnings).toEqual([
      expect.stringMatching(
        /^Recognition of prior learning is not among the methods this unit lists for Be able to manage customer service operations/,
      ),
    ]);
    // "Product of work" is within outcome 3's list: it names customer records and organisational documentation.
    expect(entries.find((e) => e.evidenceId === product.id)?.warnings).toEqual([]);
  });
});

describe("revoking a decision", () => {
  it("asks for the password, as signing does, and shares signing's lockout", async () => {
    const cs31 = await criterion("3.1");
    const decision = await decideCriterion(state.db, asha, {
      enrolmentId: enrolment.id,
      criterionId: cs31.id,
      outcome: "NOT_YET_MET",
      password: demoPassword,
    });
    const revokeWith = (password: string | undefined, now?: Date) =>
      // Left out, the password is missing as a form without the field would send it.
      revoke(
        state.db,
        asha,
        {
          kind: "decision",
          id: decision.id,
          reason: "Signed against the wrong evidence.",
          ...(password === undefined ? {} : { password }),
        } as Parameters<typeof revoke>[2],
        now,
      );

    expect(await refusal(revokeWith(undefined))).toBe("Enter your password to revoke.");
    for (let i = 0; i < 5; i++)
      expect(await refusal(revokeWith(`guess-${i}`))).toBe("Your password was not accepted; nothing was revoked.");
    expect(await refusal(revokeWith(demoPassword))).toMatch(
      /^Too many wrong passwords for your account, so nothing was revoked\. Wait 15 minutes/,
    );
    // The same lockout stops signing.
    const cs32 = await criterion("3.2");
    expect(
      await refusal(
        decideCriterion(state.db, asha, {
          enrolmentId: enrolment.id,
          criterionId: cs32.id,
          outcome: "NOT_YET_MET",
          password: demoPassword,
        }),
      ),
    ).toMatch(/^Too many wrong passwords/);
    expect((await state.db.decision.findUniqueOrThrow({ where: { id: decision.id } })).currentSlot).toBe("current");

    const later = new Date(Date.now() + 16 * 60_000);
    await revokeWith(demoPassword, later);
    expect((await state.db.decision.findUniqueOrThrow({ where: { id: decision.id } })).currentSlot).toBeNull();
  });
});
