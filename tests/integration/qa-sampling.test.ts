import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/assessment/signature";
import type { SessionActor } from "@/lib/auth/actor";
import { demoAssessed, seedDemoDecisions } from "@/lib/demo/decisions";
import { seedDemo } from "@/lib/demo/seed";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { addDecisionToPlan, getPlan, getPlanCoverage, listPlans, proposeSample, removePlanItem } from "@/lib/qa/plans";
import { getSamplingStrategy, loadSamplingRates, saveSamplingStrategy, setAssessorRiskLevel } from "@/lib/qa/strategy";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Sampling (docs/decisions/0020): a centre's strategy (rates by risk level, each assessor's level
// with its history, a suggestion from recent outcomes), and an IQA's plans proposed from their own
// caseload (lib/demo/decisions.ts: twenty standing decisions in the last 90 days on enrolments
// whose IQA is Iris), with coverage, hand changes and every refusal.

const state = useMigratedDb();
const now = new Date("2026-12-03T10:00:00Z");
const tz = "Europe/London";
const today = calendarDateIn(now, tz);
const last90 = { firstDay: addDays(today, -89), lastDay: today };
const day = 86_400_000;

let iris: SessionActor;
let asha: SessionActor;
let ben: SessionActor;
let nadia: SessionActor;
let raj: SessionActor;
let otherIqa: SessionActor;
let northgate = "";
let riverside = "";

async function addRole(email: string, centreId: string, role: "IQA") {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  await state.db.membership.create({ data: { userId: user.id, centreId, role } });
}

/** A standing (or revoked) decision written directly, with no evidence: its method reads "other". */
async function decisionOn(
  enrolmentId: string,
  criterionIndex: number,
  signedAt: Date,
  signedById: string,
  revoked = false,
) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  const criteria = await state.db.criterion.findMany({
    where: { unitVersionId: enrolment.unitVersionId },
    orderBy: { position: "asc" },
  });
  return state.db.decision.create({
    data: {
      centreId: enrolment.centreId,
      enrolmentId,
      criterionId: criteria[criterionIndex]!.id,
      outcome: "MET",
      signedById,
      signedAt,
      evidenceSnapshot: [],
      signatureHash: "test",
      currentSlot: revoked ? null : "current",
      revokedAt: revoked ? signedAt : null,
    },
  });
}

/** The demo decisions signed in the last 90 days: what Iris's caseload holds for that period. */
async function demoDecisionsInPeriod() {
  const rows = await state.db.decision.findMany({
    where: {
      currentSlot: "current",
      signedById: { not: iris.userId },
      signedAt: { gte: new Date(now.getTime() - 90 * day) },
      enrolment: {
        iqaId: iris.userId,
        candidate: { email: { in: ["ella.green@northgate.example", "finn.walsh@northgate.example"] } },
      },
    },
    select: { id: true },
  });
  return rows.map((r) => r.id).sort();
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db, now);
  expect((await seedDemoDecisions(state.db, now)).created).toBeGreaterThan(0);
  expect(await seedDemoDecisions(state.db, now)).toEqual({ created: 0 });
  northgate = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  riverside = (await state.db.centre.findUniqueOrThrow({ where: { slug: "riverside" } })).id;
  await addRole("assessor@riverside.example", riverside, "IQA");
  const second = await state.db.user.create({ data: { email: "iqa2@northgate.example", name: "Ivo Quarry" } });
  await state.db.membership.create({ data: { userId: second.id, centreId: northgate, role: "IQA" } });
  iris = await actorByEmail(state.db, "iqa@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  ben = await actorByEmail(state.db, "assessor2@northgate.example");
  nadia = await actorByEmail(state.db, "admin@northgate.example");
  raj = await actorByEmail(state.db, "assessor@riverside.example");
  otherIqa = await actorByEmail(state.db, "iqa2@northgate.example");
}, 120_000);

describe("the sampling strategy", () => {
  it("starts at the default rates, saves rates and text on first save, and refuses rates out of order", async () => {
    const before = await getSamplingStrategy(state.db, iris, northgate, now);
    expect(before.saved).toBe(false);
    expect(before.rates).toEqual({ new: 100, standard: 25, low: 10 });
    expect(before.canManage).toBe(true);
    expect(before.assessors.map((a) => [a.name, a.level, a.ratePercent, a.current])).toEqual([
      ["Asha Patel", "new", 100, null],
      ["Ben Morgan", "new", 100, null],
      ["Morgan Lee", "new", 100, null],
    ]);

    const badRate = await rejection(
      saveSamplingStrategy(state.db, iris, { centreId: northgate, newRate: "50", standardRate: "2.5", lowRate: "x" }),
    );
    expect(badRate).toMatchObject({
      fieldErrors: {
        standardRate: ["Enter the standard rate as a whole number from 0 to 100."],
        lowRate: ["Enter the rate for low-risk assessors as a whole number from 0 to 100."],
      },
    });
    const outOfOrder = await rejection(
      saveSamplingStrategy(state.db, iris, { centreId: northgate, newRate: "50", standardRate: "60", lowRate: "70" }),
    );
    expect(outOfOrder).toMatchObject({
      fieldErrors: {
        standardRate: ["The standard rate cannot be higher than the rate for new assessors."],
        lowRate: ["The rate for low-risk assessors cannot be higher than the standard rate."],
      },
    });
    expect(await state.db.samplingStrategy.count()).toBe(0);

    await saveSamplingStrategy(
      state.db,
      iris,
      {
        centreId: northgate,
        newRate: "100",
        standardRate: "30",
        lowRate: "10",
        text: "New assessors: **all** decisions.",
      },
      now,
    );
    const after = await getSamplingStrategy(state.db, nadia, northgate, now);
    expect(after).toMatchObject({ saved: true, rates: { new: 100, standard: 30, low: 10 }, updatedBy: "Iris Quinn" });
    expect(after.text).toBe("New assessors: **all** decisions.");
    expect(after.canManage).toBe(false);
    const audit = await state.db.auditEvent.findFirstOrThrow({ where: { action: "qa.strategySave" } });
    expect(audit).toMatchObject({ actorId: iris.userId, centreId: northgate, before: null });
    expect(audit.after).toMatchObject({ standardRate: 30 });
  });

  it("keeps every change of an assessor's level with who, when and why; the latest stands, a unit's beats all units'", async () => {
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: asha.userId, level: "low", reason: "Ten clean samples." },
      new Date(now.getTime() - 3 * day),
    );
    await setAssessorRiskLevel(
      state.db,
      iris,
      {
        centreId: northgate,
        assessorId: asha.userId,
        level: "standard",
        ratePercent: "20",
        reason: "New unit this year.",
      },
      new Date(now.getTime() - 2 * day),
    );
    await setAssessorRiskLevel(
      state.db,
      iris,
      {
        centreId: northgate,
        assessorId: asha.userId,
        level: "new",
        unitCode: "CU782",
        reason: "First CU782 learners.",
      },
      new Date(now.getTime() - day),
    );
    const view = await getSamplingStrategy(state.db, iris, northgate, now);
    const a = view.assessors.find((x) => x.assessorId === asha.userId)!;
    expect([a.level, a.ratePercent, a.current?.ownRate, a.current?.reason, a.current?.setBy]).toEqual([
      "standard",
      20,
      20,
      "New unit this year.",
      "Iris Quinn",
    ]);
    expect(a.units.map((u) => [u.unitCode, u.level, u.ratePercent])).toEqual([["CU782", "new", 100]]);
    expect(a.history.map((h) => [h.unitCode, h.level, h.reason])).toEqual([
      ["CU782", "new", "First CU782 learners."],
      ["", "standard", "New unit this year."],
      ["", "low", "Ten clean samples."],
    ]);
    const rates = await loadSamplingRates(state.db, northgate);
    expect(rates.defaultPercent).toBe(100);
    expect(rates.rates).toEqual(
      expect.arrayContaining([
        { assessorId: asha.userId, unitCode: "", percent: 20 },
        { assessorId: asha.userId, unitCode: "CU782", percent: 100 },
      ]),
    );
    expect(rates.rates).toHaveLength(2);
    expect(await state.db.auditEvent.count({ where: { action: "qa.riskLevelSet", centreId: northgate } })).toBe(3);

    expect(
      await rejection(
        setAssessorRiskLevel(state.db, iris, {
          centreId: northgate,
          assessorId: nadia.userId,
          level: "low",
          reason: "x",
        }),
      ),
    ).toMatchObject({ fieldErrors: { assessorId: ["Choose one of the centre's assessors from the list."] } });
    expect(
      await rejection(
        setAssessorRiskLevel(state.db, iris, {
          centreId: northgate,
          assessorId: ben.userId,
          level: "high",
          reason: "",
        }),
      ),
    ).toMatchObject({
      fieldErrors: { level: [expect.stringMatching(/Choose a risk level/)], reason: ["Write why you set this level."] },
    });
  });

  it("suggests raising an assessor's level when 2 of their last 5 sampled items needed action", async () => {
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: ben.userId, level: "low", reason: "Experienced." },
      now,
    );
    const plan = await state.db.samplingPlan.create({
      data: {
        centreId: northgate,
        iqaId: iris.userId,
        title: "Earlier",
        periodStart: new Date(0),
        periodEnd: now,
        seed: 1,
      },
    });
    const decisions = await state.db.decision.findMany({
      where: { signedById: ben.userId },
      take: 6,
      orderBy: { id: "asc" },
    });
    // Newest first: agreed, action, agreed, agreed, agreed, action (the sixth is outside the last five).
    const outcomes = ["agreed", "action_required", "agreed", "agreed", "agreed", "action_required"];
    for (const [i, d] of decisions.entries())
      await state.db.samplingItem.create({
        data: {
          planId: plan.id,
          decisionId: d.id,
          enrolmentId: d.enrolmentId,
          assessorId: ben.userId,
          unitCode: "CU782",
          method: "observation",
          stage: "interim",
          dueDate: now,
          sampledAt: new Date(now.getTime() - (i + 1) * day),
          sampledById: iris.userId,
          outcome: outcomes[i],
        },
      });
    const once = await getSamplingStrategy(state.db, iris, northgate, now);
    expect(once.assessors.find((a) => a.assessorId === ben.userId)?.suggestion).toBeNull();

    await state.db.samplingItem.updateMany({ where: { planId: plan.id, outcome: "agreed" }, data: { outcome: null } });
    const sixth = await state.db.samplingItem.findFirstOrThrow({
      where: { planId: plan.id, outcome: "action_required" },
      orderBy: { sampledAt: "asc" },
    });
    await state.db.samplingItem.update({
      where: { id: sixth.id },
      data: { sampledAt: new Date(now.getTime() - day / 2) },
    });
    const twice = await getSamplingStrategy(state.db, iris, northgate, now);
    expect(twice.assessors.find((a) => a.assessorId === ben.userId)?.suggestion).toEqual({
      level: "standard",
      reason:
        "2 of Ben Morgan's last 5 sampled decisions needed action from the assessor, so sampling more of their work (standard) would catch problems sooner.",
    });
    await state.db.samplingPlan.delete({ where: { id: plan.id } });
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: ben.userId, level: "new", reason: "Back to all." },
      now,
    );
  });

  it("is read by the centre's IQAs and admins, and changed only by its IQAs", async () => {
    for (const outsider of [asha, raj])
      expect(await rejection(getSamplingStrategy(state.db, outsider, northgate, now))).toMatchObject({ status: 403 });
    for (const outsider of [nadia, asha, raj])
      expect(
        await rejection(
          saveSamplingStrategy(state.db, outsider, { centreId: northgate, newRate: 1, standardRate: 1, lowRate: 1 }),
        ),
      ).toMatchObject({ status: 403 });
    expect(
      await rejection(
        setAssessorRiskLevel(state.db, raj, {
          centreId: northgate,
          assessorId: asha.userId,
          level: "low",
          reason: "x",
        }),
      ),
    ).toMatchObject({ status: 403 });
    expect((await getSamplingStrategy(state.db, otherIqa, northgate, now)).canManage).toBe(true);
  });
});

describe("a sampling plan", () => {
  let planId = "";

  it("proposes from the IQA's own caseload only: standing decisions in the period, on their enrolments at the centre", async () => {
    // Beside the demo's twenty: one on an enrolment of another IQA, one revoked, one before the
    // period, one at Riverside, and one Iris signed herself on her own caseload.
    const caraCs34 = await state.db.enrolment.findFirstOrThrow({
      where: { candidate: { email: "candidate@northgate.example" }, unitVersion: { unit: { code: "CS34" } } },
    });
    const ella = await state.db.enrolment.findFirstOrThrow({
      where: { candidate: { email: "ella.green@northgate.example" }, unitVersion: { unit: { code: "CS34" } } },
    });
    const rhys = await state.db.enrolment.findFirstOrThrow({ where: { centreId: riverside } });
    await state.db.enrolment.update({ where: { id: caraCs34.id }, data: { iqaId: otherIqa.userId } });
    const strays = [
      await decisionOn(caraCs34.id, 20, new Date(now.getTime() - 5 * day), asha.userId),
      await decisionOn(ella.id, 20, new Date(now.getTime() - 5 * day), asha.userId, true),
      await decisionOn(ella.id, 21, new Date(now.getTime() - 100 * day), asha.userId),
      await decisionOn(rhys.id, 0, new Date(now.getTime() - 5 * day), raj.userId),
      await decisionOn(ella.id, 22, new Date(now.getTime() - 5 * day), iris.userId),
    ];
    // Every assessor new: the rates ask for everything, so the plan is the whole caseload.
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: asha.userId, level: "new", reason: "Reset." },
      now,
    );
    await state.db.assessorRiskLevel.deleteMany({ where: { unitCode: "CU782" } });
    const proposed = await proposeSample(
      state.db,
      iris,
      { centreId: northgate, title: "Last 90 days", ...last90, seed: "7" },
      now,
    );
    planId = proposed.planId;
    const expected = await demoDecisionsInPeriod();
    expect(expected).toHaveLength(20);
    const items = (await state.db.samplingItem.findMany({ where: { planId } })).sort((a, b) =>
      a.decisionId < b.decisionId ? -1 : 1,
    );
    expect(items.map((i) => i.decisionId)).toEqual(expected);
    expect(items.map((i) => i.decisionId)).not.toEqual(expect.arrayContaining([strays[0]!.id]));
    expect(proposed).toEqual({ planId, seed: 7, items: 20 });
    expect(new Set(items.map((i) => i.addedBy))).toEqual(new Set(["sampler"]));

    const summative = demoAssessed.find((a) => a.signedOffDaysAgo !== undefined)!;
    const byStage = Object.fromEntries(
      ["interim", "summative"].map((s) => [s, items.filter((i) => i.stage === s).length]),
    );
    expect(byStage).toEqual({ interim: 13, summative: 7 });
    expect(summative.unit).toBe("CU782");
    expect(new Set(items.map((i) => i.method))).toEqual(
      new Set(["observation", "product", "professionalDiscussion", "questioning", "witnessTestimony"]),
    );
    // Due 30 days after the period's last day, at the end of that day in the centre's zone.
    expect(items[0]?.dueDate.toISOString()).toBe(new Date(`${addDays(today, 31)}T00:00:00Z`).toISOString());
    const audit = await state.db.auditEvent.findFirstOrThrow({ where: { action: "qa.planCreate", entityId: planId } });
    expect(audit.after).toMatchObject({
      seed: 7,
      candidates: 20,
      items: 20,
      decisionIdsSha256: sha256Hex(expected.join("\n")),
    });
  });

  it("is the same plan for the same seed, usually another for another seed, and picks a seed when none is given", async () => {
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: asha.userId, level: "low", reason: "Clean." },
      now,
    );
    await setAssessorRiskLevel(
      state.db,
      iris,
      { centreId: northgate, assessorId: ben.userId, level: "low", reason: "Clean." },
      now,
    );
    const plan = async (seed: string) => {
      const { planId: id } = await proposeSample(
        state.db,
        iris,
        { centreId: northgate, title: `Seed ${seed}`, ...last90, seed },
        now,
      );
      const items = await state.db.samplingItem.findMany({ where: { planId: id }, select: { decisionId: true } });
      return items.map((i) => i.decisionId).sort();
    };
    const first = await plan("42");
    expect(await plan("42")).toEqual(first);
    expect(first.length).toBeLessThan(20);
    const others = await Promise.all(["1", "2", "3", "4", "5"].map(plan));
    expect(others.some((o) => o.join() !== first.join())).toBe(true);

    const picked = await proposeSample(
      state.db,
      iris,
      { centreId: northgate, title: "Any seed", ...last90, seed: "" },
      now,
    );
    expect(picked.seed).toBeGreaterThanOrEqual(0);
    expect((await state.db.samplingPlan.findUniqueOrThrow({ where: { id: picked.planId } })).seed).toBe(picked.seed);

    const typed = { centreId: northgate, title: "Typed", ...last90 };
    expect(await rejection(proposeSample(state.db, iris, { ...typed, title: " ", seed: "-3" }, now))).toMatchObject({
      fieldErrors: {
        title: ["Enter a title for the plan."],
        seed: [expect.stringMatching(/^Enter the seed as a whole number/)],
      },
    });
    expect(
      await rejection(proposeSample(state.db, iris, { ...typed, firstDay: today, lastDay: addDays(today, -1) }, now)),
    ).toMatchObject({ fieldErrors: { lastDay: ["The last day must be on or after the first day."] } });
    const empty = await rejection(
      proposeSample(
        state.db,
        iris,
        { centreId: northgate, title: "Long ago", firstDay: "2020-01-01", lastDay: "2020-03-31" },
        now,
      ),
    );
    expect(empty).toMatchObject({ fieldErrors: { firstDay: [expect.stringMatching(/^None of the decisions/)] } });
  });

  it("has its items removed and added back by hand by its IQA, with audit, and refuses what cannot be done", async () => {
    const discussion = await state.db.samplingItem.findFirstOrThrow({
      where: { planId, method: "professionalDiscussion" },
    });
    await removePlanItem(state.db, iris, { planId, itemId: discussion.id }, now);
    expect(await state.db.samplingItem.count({ where: { planId } })).toBe(19);
    const gaps = await getPlanCoverage(state.db, iris, planId, { now });
    expect(gaps.gapWords).toEqual(["No item uses professional discussion"]);
    const options = gaps.toAdd!;
    expect(options.total).toBe(1);
    expect(options.options[0]?.label).toMatch(
      /^Ella Green, CS34 1\.5 — Professional discussion, signed by Asha Patel on /,
    );

    const added = await addDecisionToPlan(state.db, iris, { planId, decisionId: discussion.decisionId }, now);
    const back = await state.db.samplingItem.findUniqueOrThrow({ where: { id: added.itemId } });
    expect(back).toMatchObject({
      addedBy: "iqa",
      decisionId: discussion.decisionId,
      stage: "interim",
      method: "professionalDiscussion",
    });
    expect((await getPlanCoverage(state.db, iris, planId, { now })).gapWords).toEqual([]);
    const trail = await state.db.auditEvent.findMany({
      where: { action: { in: ["qa.planItemRemove", "qa.planItemAdd"] } },
      orderBy: { seq: "asc" },
    });
    expect(trail.map((e) => e.action)).toEqual(["qa.planItemRemove", "qa.planItemAdd"]);

    expect(
      await rejection(addDecisionToPlan(state.db, iris, { planId, decisionId: discussion.decisionId }, now)),
    ).toMatchObject({
      fieldErrors: { decisionId: ["That decision is already in the plan. Choose another."] },
    });
    const stray = await state.db.decision.findFirstOrThrow({ where: { signedById: raj.userId } });
    expect(await rejection(addDecisionToPlan(state.db, iris, { planId, decisionId: stray.id }, now))).toMatchObject({
      fieldErrors: { decisionId: [expect.stringMatching(/^That decision is not one this plan can sample/)] },
    });
    await state.db.samplingItem.update({
      where: { id: back.id },
      data: { sampledAt: now, sampledById: iris.userId, outcome: "agreed" },
    });
    expect(await rejection(removePlanItem(state.db, iris, { planId, itemId: back.id }, now))).toMatchObject({
      status: 409,
    });
    expect(await state.db.samplingItem.count({ where: { planId } })).toBe(20);
  });

  it("refuses another centre's IQA, an assessor and another IQA of the centre; the centre's admin reads it", async () => {
    const item = await state.db.samplingItem.findFirstOrThrow({ where: { planId, sampledAt: null } });
    const propose = (actor: SessionActor) =>
      proposeSample(state.db, actor, { centreId: northgate, title: "Not mine", ...last90 }, now);
    for (const outsider of [raj, asha, nadia])
      expect(await rejection(propose(outsider))).toMatchObject({ status: 403 });
    for (const outsider of [raj, asha, otherIqa, nadia]) {
      expect(await rejection(removePlanItem(state.db, outsider, { planId, itemId: item.id }, now))).toMatchObject({
        status: 403,
      });
      expect(
        await rejection(addDecisionToPlan(state.db, outsider, { planId, decisionId: item.decisionId }, now)),
      ).toMatchObject({
        status: 403,
      });
    }
    for (const outsider of [raj, asha, otherIqa])
      expect(await rejection(getPlan(state.db, outsider, planId, { now }))).toMatchObject({ status: 403 });
    const read = await getPlan(state.db, nadia, planId, { now });
    expect(read.canEdit).toBe(false);
    expect(read.items.total).toBe(20);
    expect(await state.db.samplingItem.count({ where: { planId } })).toBe(20);
  });

  it("reads its items by assessor and candidate with their status, and its coverage by assessor, unit and method", async () => {
    const view = await getPlan(state.db, iris, planId, { now });
    expect(view.canEdit).toBe(true);
    expect(view.plan).toMatchObject({ title: "Last 90 days", seed: 7, items: 20, sampled: 1, overdue: 0, ...last90 });
    expect(view.items.items.map((i) => i.assessorName)).toEqual([
      ...Array(9).fill("Asha Patel"),
      ...Array(11).fill("Ben Morgan"),
    ]);
    expect(view.items.items[0]).toMatchObject({ candidateName: "Ella Green", unitCode: "CS34", criterionRef: "1.1" });
    expect(new Set(view.items.items.map((i) => i.status))).toEqual(new Set(["planned", "sampled"]));
    const later = await getPlan(state.db, iris, planId, { now: new Date(now.getTime() + 40 * day) });
    expect([later.plan.overdue, later.plan.sampled]).toEqual([19, 1]);

    const coverage = await getPlanCoverage(state.db, nadia, planId, { now });
    expect(coverage.unitCodes).toEqual(["CS34", "CU782"]);
    expect(coverage.assessorIds.map((id) => coverage.assessorNames[id])).toEqual(["Asha Patel", "Ben Morgan"]);
    const cs34 = coverage.cells.find((c) => c.assessorId === asha.userId && c.unitCode === "CS34");
    expect(cs34?.methods).toEqual([
      { method: "observation", decisions: 3, items: 3 },
      { method: "product", decisions: 3, items: 3 },
      { method: "professionalDiscussion", decisions: 1, items: 1 },
      { method: "questioning", decisions: 1, items: 1 },
      { method: "witnessTestimony", decisions: 1, items: 1 },
    ]);
    expect(coverage).toMatchObject({ decisions: 20, items: 20, gapWords: [] });
  });

  it("lists an IQA's own plans, and every plan of the centre (or one IQA's) for its admin", async () => {
    // Ivo's caseload is Cara's CS34, with one decision in the period.
    const ivos = await proposeSample(state.db, otherIqa, { centreId: northgate, title: "Ivo's", ...last90 }, now);
    expect(ivos.items).toBe(1);
    const own = await listPlans(state.db, iris, { as: "IQA", centreId: northgate }, 1, now);
    expect(own.items.every((p) => p.iqaId === iris.userId)).toBe(true);
    expect(own.items.find((p) => p.id === planId)).toMatchObject({
      items: 20,
      sampled: 1,
      overdue: 0,
      iqaName: "Iris Quinn",
    });
    const all = await listPlans(state.db, nadia, { as: "CENTRE_ADMIN", centreId: northgate }, 1, now);
    expect(all.total).toBe(own.total + 1);
    const filtered = await listPlans(
      state.db,
      nadia,
      { as: "CENTRE_ADMIN", centreId: northgate, iqaId: otherIqa.userId },
      1,
      now,
    );
    expect(filtered.items.map((p) => p.title)).toEqual(["Ivo's"]);
    expect(
      await rejection(listPlans(state.db, asha, { as: "CENTRE_ADMIN", centreId: northgate }, 1, now)),
    ).toMatchObject({
      status: 403,
    });
    expect(await rejection(listPlans(state.db, raj, { as: "IQA", centreId: northgate }, 1, now))).toMatchObject({
      status: 403,
    });
  });
});
