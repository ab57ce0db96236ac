import { beforeAll, describe, expect, it } from "vitest";
import type { SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { agreeToActivity, cancelActivity, completeActivity, planActivity } from "@/lib/plans/assessment-plan";
import { candidateNextSteps, getAssessmentPlan, openActivityOf, overdueActivityCounts } from "@/lib/plans/read-plan";
import { importStandards } from "@/lib/standards/import";
import { listRoleEnrolments } from "@/lib/enrolments/list-role-enrolments";
import { recordObservation } from "@/lib/observation/record-observation";
import { addQuestion } from "@/lib/questioning/bank";
import { setQuestions } from "@/lib/questioning/set-questions";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Assessment plans: the assessor plans activities (method, criteria, date, place), the candidate
// agrees, and each is done (linked to its evidence) or cancelled. Overdue activities are counted
// for the lists; the candidate's home reads their next steps.

const state = useMigratedDb();
let cara: SessionActor;
let asha: SessionActor;
let cs34 = "";
let centreId = "";
const now = new Date("2026-12-03T10:00:00Z");
const timeZone = "Europe/London";

async function criterionIds(...refs: string[]) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } });
  const rows = await state.db.criterion.findMany({
    where: { unitVersionId: enrolment.unitVersionId, ref: { in: refs } },
  });
  return rows.map((r) => r.id);
}

const plan = async (actor: SessionActor, plannedFor: string, refs = ["4.1"]) =>
  planActivity(
    state.db,
    actor,
    {
      enrolmentId: cs34,
      method: "observation",
      criterionIds: await criterionIds(...refs),
      plannedFor,
      place: "Front desk, Leeds branch",
      notes: "Observe handling a complaint at the counter.",
    },
    now,
  );

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  const enrolment = await state.db.enrolment.findFirstOrThrow({
    where: { candidateId: cara.userId, unitVersion: { unit: { code: "CS34" } } },
  });
  expect(enrolment.assessorId).toBe(asha.userId);
  cs34 = enrolment.id;
  centreId = enrolment.centreId;
}, 120_000);

describe("an assessment plan", () => {
  it("is written by the assigned assessor, agreed by the candidate, and read by both in date order", async () => {
    const later = await plan(asha, "2026-12-20", ["4.1", "4.2"]);
    const sooner = await plan(asha, "2026-12-10");
    const before = await getAssessmentPlan(state.db, cara, cs34, now);
    expect(before.activities.map((a) => a.id)).toEqual(expect.arrayContaining([sooner.id, later.id]));
    const mine = before.activities.filter((a) => [sooner.id, later.id].includes(a.id));
    expect(mine.map((a) => [a.plannedFor, a.state, a.methodLabel])).toEqual([
      ["2026-12-10", "waitingForAgreement", "Observation"],
      ["2026-12-20", "waitingForAgreement", "Observation"],
    ]);
    expect(mine[1]?.criteria.map((c) => c.ref)).toEqual(["4.1", "4.2"]);
    expect(before.canAgree).toBe(true);
    expect(before.canManage).toBe(false);
    expect(before.criteria).toEqual([]);

    await agreeToActivity(state.db, cara, { activityId: sooner.id }, now);
    const after = await getAssessmentPlan(state.db, asha, cs34, now);
    expect(after.activities.find((a) => a.id === sooner.id)?.state).toBe("agreed");
    expect(after.canManage).toBe(true);
    expect(after.criteria.length).toBeGreaterThan(10);

    const notice = await state.db.notification.findFirst({
      where: { userId: cara.userId, kind: "plan.activityPlanned" },
    });
    expect(notice?.link).toBe(`/candidate/units/${cs34}/plan`);
    const audit = await state.db.auditEvent.findMany({ where: { entityId: sooner.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["plan.activityPlanned", "plan.activityAgreed"]);
  });

  it("refuses anyone but the assigned assessor to plan, and anyone but the candidate to agree, writing nothing", async () => {
    const ben = await actorByEmail(state.db, "assessor2@northgate.example");
    const raj = await actorByEmail(state.db, "assessor@riverside.example");
    const count = await state.db.plannedActivity.count();
    for (const outsider of [ben, raj, cara]) {
      expect(await rejection(plan(outsider, "2026-12-15"))).toMatchObject({ status: 403 });
    }
    expect(await state.db.plannedActivity.count()).toBe(count);

    const activity = await plan(asha, "2026-12-16");
    for (const outsider of [ben, raj, asha]) {
      expect(await rejection(agreeToActivity(state.db, outsider, { activityId: activity.id }, now))).toMatchObject({
        status: 403,
      });
    }
    expect((await state.db.plannedActivity.findUniqueOrThrow({ where: { id: activity.id } })).agreedAt).toBeNull();
    expect(await rejection(getAssessmentPlan(state.db, raj, cs34, now))).toMatchObject({ status: 403 });
  });

  it("says what is wrong with bad input, field by field", async () => {
    const error = await rejection(
      planActivity(state.db, asha, {
        enrolmentId: cs34,
        method: "telepathy",
        criterionIds: [],
        plannedFor: "2026-02-30",
      }),
    );
    expect(error).toMatchObject({
      fieldErrors: {
        method: ["Choose how it will be assessed."],
        criterionIds: ["Tick the criteria this activity will cover."],
        plannedFor: ["Enter a real date, for example 2027-03-01."],
      },
    });
    const other = await state.db.criterion.findFirstOrThrow({ where: { unitVersion: { unit: { code: "CS5" } } } });
    expect(
      await rejection(
        planActivity(
          state.db,
          asha,
          { enrolmentId: cs34, method: "observation", criterionIds: [other.id], plannedFor: "2026-12-12" },
          now,
        ),
      ),
    ).toMatchObject({ fieldErrors: { criterionIds: [expect.stringMatching(/not part of this unit version/)] } });
  });

  it("marks an activity overdue from the day after it was planned, and counts overdue activities per enrolment", async () => {
    const activity = await plan(asha, "2026-12-02");
    const today = await plan(asha, "2026-12-03");
    const view = await getAssessmentPlan(state.db, asha, cs34, now);
    expect(view.activities.find((a) => a.id === activity.id)?.state).toBe("overdue");
    expect(view.activities.find((a) => a.id === today.id)?.state).toBe("waitingForAgreement");
    const counts = await overdueActivityCounts(state.db, [cs34], timeZone, now);
    const overdue = counts.get(cs34) ?? 0;
    expect(overdue).toBeGreaterThanOrEqual(1);
    // The assessor's list of candidates shows the same count on the enrolment's row.
    const list = await listRoleEnrolments(state.db, asha, "ASSESSOR", {}, now);
    expect(list.items.find((item) => item.id === cs34)?.overdueActivities).toBe(overdue);

    await cancelActivity(state.db, asha, { activityId: activity.id }, now);
    expect((await overdueActivityCounts(state.db, [cs34], timeZone, now)).get(cs34) ?? 0).toBe(overdue - 1);
    expect(await rejection(cancelActivity(state.db, asha, { activityId: activity.id }, now))).toMatchObject({
      userMessage: "This activity was cancelled, so you cannot cancel it.",
    });
    const steps = await candidateNextSteps(state.db, cara, now, 50);
    expect(steps.map((s) => s.id)).not.toContain(activity.id);
    expect(steps.find((s) => s.id === today.id)).toMatchObject({ unitCode: "CS34", plannedFor: "2026-12-03" });
  });

  it("is done with the evidence it produced, which must be mapped in this unit", async () => {
    const activity = await plan(asha, "2026-12-04");
    const { id: evidenceId } = await createEvidence(state.db, cara, centreId, {
      ...emptyEvidenceFormValues,
      title: "Complaint log",
      method: "product",
      activityDate: "2026-11-20",
      description: "The log I kept.",
    });
    expect(
      await rejection(completeActivity(state.db, asha, { activityId: activity.id, evidenceId }, now)),
    ).toMatchObject({ fieldErrors: { evidenceId: [expect.stringMatching(/mapped in this unit/)] } });
    await proposeMapping(state.db, cara, {
      evidenceId,
      enrolmentId: cs34,
      criterionId: (await criterionIds("4.1"))[0]!,
    });
    await completeActivity(state.db, asha, { activityId: activity.id, evidenceId }, now);
    const view = await getAssessmentPlan(state.db, cara, cs34, now);
    expect(view.activities.find((a) => a.id === activity.id)).toMatchObject({ state: "done", evidenceId });
    expect(await rejection(agreeToActivity(state.db, cara, { activityId: activity.id }, now))).toMatchObject({
      userMessage: "This activity has been done, so you cannot agree to it.",
    });
  });

  it("is carried out by recording the observation it plans, which marks it done with that evidence", async () => {
    const activity = await plan(asha, "2026-12-05");
    const [criterionId] = await criterionIds("4.1");
    const observed = {
      title: "Complaint at the counter",
      activityDate: "2026-12-02",
      startTime: "09:00",
      endTime: "09:40",
      location: "Front desk",
      description: "Cara handled a complaint about a late delivery.",
      criteria: [{ enrolmentId: cs34, criterionId: criterionId! }],
    };
    // An activity of another unit's plan is refused, and nothing is written.
    const cu782 = await state.db.enrolment.findFirstOrThrow({
      where: { candidateId: cara.userId, unitVersion: { unit: { code: "CU782" } } },
    });
    const [cuCriterion] = await state.db.criterion.findMany({ where: { unitVersionId: cu782.unitVersionId }, take: 1 });
    const elsewhere = await planActivity(
      state.db,
      asha,
      { enrolmentId: cu782.id, method: "observation", criterionIds: [cuCriterion!.id], plannedFor: "2026-12-06" },
      now,
    );
    const before = await state.db.evidence.count();
    expect(
      await rejection(recordObservation(state.db, asha, { ...observed, plannedActivityId: elsewhere.id }, now)),
    ).toMatchObject({ fieldErrors: { plannedActivityId: [expect.stringMatching(/not on the plan of this unit/)] } });
    expect(await state.db.evidence.count()).toBe(before);

    const { id } = await recordObservation(state.db, asha, { ...observed, plannedActivityId: activity.id }, now);
    const view = await getAssessmentPlan(state.db, cara, cs34, now);
    expect(view.activities.find((a) => a.id === activity.id)).toMatchObject({ state: "done", evidenceId: id });
  });

  it("is carried out by setting the questions it plans", async () => {
    const [criterionId] = await criterionIds("4.1");
    const activity = await planActivity(
      state.db,
      asha,
      { enrolmentId: cs34, method: "questioning", criterionIds: [criterionId!], plannedFor: "2026-12-07" },
      now,
    );
    expect(await openActivityOf(state.db, cs34, activity.id, "questioning", timeZone)).toEqual({
      id: activity.id,
      label: "7 December 2026",
    });
    expect(await openActivityOf(state.db, cs34, activity.id, "observation", timeZone)).toBeNull();
    const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } });
    const question = await addQuestion(state.db, asha, {
      centreId,
      unitVersionId: enrolment.unitVersionId,
      criterionIds: [criterionId!],
      text: "How do you allocate resources when two priorities clash?",
    });
    await setQuestions(
      state.db,
      asha,
      { enrolmentId: cs34, questionIds: [question.id], plannedActivityId: activity.id },
      now,
    );
    const view = await getAssessmentPlan(state.db, cara, cs34, now);
    expect(view.activities.find((a) => a.id === activity.id)?.state).toBe("done");
    expect(await openActivityOf(state.db, cs34, activity.id, "questioning", timeZone)).toBeNull();
  });
});
