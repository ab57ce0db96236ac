import { beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { revoke } from "@/lib/assessment/revoke";
import type { SessionActor } from "@/lib/auth/actor";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { removeMapping } from "@/lib/mapping/remove-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { refreshEnrolmentCounters } from "@/lib/progress/enrolment-counters";
import { slotOf } from "@/lib/progress/met-tally";
import { ragDeadlines } from "@/lib/progress/rag";
import { actorByEmail } from "../helpers/actors";
import { provider, useMigratedDb } from "../helpers/test-db";

// The progress pages sort, filter and aggregate on two figures kept on each enrolment (its met
// count and last activity; lib/progress/enrolment-counters.ts) and on each centre's tally of met
// decisions by quarter hour (lib/progress/met-tally.ts). They are only worth keeping if
// every way the app changes mappings and decisions keeps them equal to a count of the rows:
// each step below goes through the same functions the pages' actions call, then compares.

const state = useMigratedDb();
const ids = { centre: "", cs34: "", cu782: "" };
let cara: SessionActor;
let asha: SessionActor;

/** The stored figures next to the same figures counted from the rows (deadlines by ragDeadlines). */
async function figures(enrolmentId: string) {
  const stored = await state.db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: { metCount: true, lastActivityAt: true, greenUntilMs: true, amberUntilMs: true },
  });
  const enrolment = await state.db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: { startMs: true, endMs: true, unitVersionId: true },
  });
  const [met, latestMapping, latestDecision, total] = await Promise.all([
    state.db.decision.count({ where: { enrolmentId, outcome: "MET", currentSlot: "current" } }),
    state.db.mapping.aggregate({ where: { enrolmentId }, _max: { updatedAt: true } }),
    state.db.decision.aggregate({ where: { enrolmentId }, _max: { signedAt: true } }),
    state.db.criterion.count({ where: { unitVersionId: enrolment.unitVersionId } }),
  ]);
  const times = [latestMapping._max.updatedAt, latestDecision._max.signedAt]
    .filter((t): t is Date => t !== null)
    .map((t) => t.getTime());
  const counted = {
    metCount: met,
    lastActivityAt: times.length ? new Date(Math.max(...times)) : null,
    ...ragDeadlines({ startMs: enrolment.startMs, endMs: enrolment.endMs, met, total }),
  };
  return { stored, counted };
}

async function expectInStep(enrolmentId: string) {
  const { stored, counted } = await figures(enrolmentId);
  expect(stored).toEqual(counted);
  return stored;
}

/** The centre's quarter-hour tally of standing MET decisions, next to a count of the decisions. */
async function expectTallyInStep() {
  const decisions = await state.db.decision.findMany({
    where: { centreId: ids.centre, outcome: "MET", currentSlot: "current" },
    select: { signedAt: true },
  });
  const counted: Record<string, number> = {};
  for (const d of decisions) counted[slotOf(d.signedAt)] = (counted[slotOf(d.signedAt)] ?? 0) + 1;
  const stored = await state.db.metTally.findMany({ where: { centreId: ids.centre, count: { gt: 0 } } });
  expect(Object.fromEntries(stored.map((t) => [String(t.slot), t.count]))).toEqual(counted);
  return decisions.length;
}

async function criterion(enrolmentId: string, ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } });
}

let evidenceCount = 0;
async function newEvidence() {
  evidenceCount++;
  return createEvidence(state.db, cara, ids.centre, {
    ...emptyEvidenceFormValues,
    title: `Counter evidence ${evidenceCount}`,
    method: "reflectiveAccount",
    activityDate: "2026-01-15",
    description: "What I did at work.",
  });
}

/** Evidence mapped to the criteria, submitted and accepted: ready to be signed as met. */
async function acceptedFor(enrolmentId: string, refs: string[]) {
  const { id } = await newEvidence();
  for (const ref of refs)
    await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId,
      criterionId: (await criterion(enrolmentId, ref)).id,
    });
  await submitEvidence(state.db, cara, { evidenceId: id, declarationConfirmed: true });
  const mappings = await state.db.mapping.findMany({ where: { evidenceId: id }, select: { id: true } });
  for (const m of mappings) await reviewMapping(state.db, asha, { mappingId: m.id, decision: "accept" });
  return id;
}

async function sign(enrolmentId: string, ref: string) {
  return decideCriterion(state.db, asha, {
    enrolmentId,
    criterionId: (await criterion(enrolmentId, ref)).id,
    outcome: "MET",
    password: demoPassword,
  });
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  const enrolments = await state.db.enrolment.findMany({
    where: { candidateId: cara.userId },
    select: { id: true, centreId: true, unitVersion: { select: { unit: { select: { code: true } } } } },
  });
  const of = (code: string) => enrolments.find((e) => e.unitVersion.unit.code === code);
  ids.cs34 = of("CS34")?.id ?? "";
  ids.cu782 = of("CU782")?.id ?? "";
  ids.centre = of("CS34")?.centreId ?? "";
  expect(ids.cs34 && ids.cu782 && ids.centre).toBeTruthy();
}, 60_000);

describe("an enrolment's stored met count and last activity", () => {
  it("follow mapping, submission, review, signing and revocation", async () => {
    const start = await expectInStep(ids.cs34);
    expect(start.metCount).toBe(0);

    const { id } = await newEvidence();
    const mapped = await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId: ids.cs34,
      criterionId: (await criterion(ids.cs34, "1.3")).id,
    });
    const afterMapping = await expectInStep(ids.cs34);
    expect(afterMapping.lastActivityAt).not.toBeNull();

    await removeMapping(state.db, cara, { mappingId: mapped.mappingId });
    await expectInStep(ids.cs34);

    await acceptedFor(ids.cs34, ["1.3", "1.4"]);
    await expectInStep(ids.cs34);
    await sign(ids.cs34, "1.3");
    expect((await expectInStep(ids.cs34)).metCount).toBe(1);
    const second = await sign(ids.cs34, "1.4");
    expect((await expectInStep(ids.cs34)).metCount).toBe(2);
    expect(await expectTallyInStep()).toBe(2);

    await revoke(state.db, asha, {
      kind: "decision",
      id: second.id,
      reason: "Signed against the wrong evidence.",
      password: demoPassword,
    });
    expect((await expectInStep(ids.cs34)).metCount).toBe(1);
    expect(await expectTallyInStep()).toBe(1);
    // The other unit was never touched.
    expect((await expectInStep(ids.cu782)).metCount).toBe(0);
  });

  it("follow evidence mapped to two units being deleted", async () => {
    const { id } = await newEvidence();
    await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId: ids.cu782,
      criterionId: (await criterion(ids.cu782, "1.1")).id,
    });
    await proposeMapping(state.db, cara, {
      evidenceId: id,
      enrolmentId: ids.cs34,
      criterionId: (await criterion(ids.cs34, "2.1")).id,
    });
    const before = await expectInStep(ids.cu782);
    expect(before.lastActivityAt).not.toBeNull();

    await deleteEvidence(state.db, cara, id, { delete: async () => {} });
    const after = await expectInStep(ids.cu782);
    expect(after.lastActivityAt).toBeNull(); // its only mapping went with the evidence
    await expectInStep(ids.cs34);
  });

  it("count both of two criteria signed at the same moment", async () => {
    await acceptedFor(ids.cs34, ["2.2", "2.3"]);
    const before = (await expectInStep(ids.cs34)).metCount;
    const outcomes = await Promise.allSettled([sign(ids.cs34, "2.2"), sign(ids.cs34, "2.3")]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled"]);
    expect((await expectInStep(ids.cs34)).metCount).toBe(before + 2);
    await expectTallyInStep();
  });

  // Two transactions that each add a decision and recount, overlapping so that the second
  // recounts while the first still holds its rows uncommitted. Only PostgreSQL runs writers
  // side by side (SQLite has one writer at a time, so the race cannot arise there).
  it.runIf(provider === "postgresql")(
    "count a decision committed by a transaction that overlapped the recount",
    async () => {
      const enrolmentId = ids.cu782;
      const before = (await expectInStep(enrolmentId)).metCount;
      const [first, second] = await Promise.all([criterion(enrolmentId, "2.1"), criterion(enrolmentId, "2.2")]);
      const decisionOf = (criterionId: string) => ({
        centreId: ids.centre,
        enrolmentId,
        criterionId,
        outcome: "MET" as const,
        signedById: asha.userId,
        signedAt: new Date(),
        evidenceSnapshot: [],
        signatureHash: `overlap-${criterionId}`,
        currentSlot: "current",
      });
      let firstRecounted!: () => void;
      const recounted = new Promise<void>((resolve) => (firstRecounted = resolve));
      let releaseFirst!: () => void;
      const released = new Promise<void>((resolve) => (releaseFirst = resolve));

      const one = state.db.$transaction(
        async (tx) => {
          await tx.decision.create({ data: decisionOf(first.id) });
          await refreshEnrolmentCounters(tx, [enrolmentId]);
          firstRecounted();
          await released; // hold the transaction open, uncommitted
        },
        { timeout: 20_000 },
      );
      await recounted;
      const two = state.db.$transaction(
        async (tx) => {
          await tx.decision.create({ data: decisionOf(second.id) });
          await refreshEnrolmentCounters(tx, [enrolmentId]); // waits for the first to commit
        },
        { timeout: 20_000 },
      );
      // Let the second reach the recount and wait on the first, then let the first commit.
      await new Promise((resolve) => setTimeout(resolve, 500));
      releaseFirst();
      await Promise.all([one, two]);
      expect((await expectInStep(enrolmentId)).metCount).toBe(before + 2);
    },
  );
});
