import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import {
  closeAction,
  getActionThread,
  listAssessorActions,
  listIqaActions,
  reopenAction,
  respondToAction,
} from "@/lib/qa/actions";
import { getItemReview } from "@/lib/qa/item-review";
import { recordOutcome } from "@/lib/qa/outcomes";
import { getIqaReport, readReportPeriod, reportCsv } from "@/lib/qa/report";
import { importStandards } from "@/lib/standards/import";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// An IQA's outcomes on sampled decisions and the action loop with the assessor
// (docs/decisions/0020). Iris (Northgate's IQA) samples two of Asha's decisions on Cara's CS34:
// she agrees with one and sets an action on the other; Asha responds; Iris closes the action and
// re-opens it. Only the enrolment's IQA records outcomes, only the named assessor responds, and
// nobody from another centre reaches any of it. The IQA report counts the sample in the database.
// Plans and items are written directly: the sampler and the plan pages are tested on their own.

const state = useMigratedDb();
const day = 86_400_000;
const now = new Date();
const soon = (days: number) => new Date(now.getTime() + days * day).toISOString().slice(0, 10);

const who = {} as Record<"iris" | "asha" | "ben" | "cara" | "dev" | "nadia" | "morgan" | "raj" | "eqa", SessionActor>;
const ids = { centre: "", cs34: "", devs: "", plan: "", metItem: "", nymItem: "", morganPlan: "" };
const decisions = { met: "", nym: "", bens: "" };

/** A file stored with the evidence, as an upload leaves it (the bytes are not needed here). */
function addFile(evidenceId: string, name: string) {
  return state.db.evidenceFile.create({
    data: {
      evidenceId,
      storageKey: crypto.randomUUID(),
      originalName: name,
      size: BigInt(100),
      sha256: crypto.createHash("sha256").update(name).digest("hex"),
      mimeType: "application/pdf",
    },
  });
}

/** The candidate's evidence of `method` with a file, mapped to `ref` claiming every range item, submitted, accepted with feedback, and signed as met. */
async function signedMet(
  candidate: SessionActor,
  assessor: SessionActor,
  enrolmentId: string,
  ref: string,
  method: string,
) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  const criterion = await state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    select: { id: true, rangeItems: { select: { id: true } } },
  });
  const evidence = await state.db.evidence.create({
    data: {
      centreId: ids.centre,
      candidateId: candidate.userId,
      title: `Evidence for ${ref}`,
      method,
      activityDate: new Date(now.getTime() - 20 * day),
      description: "What I did at work.",
    },
  });
  const file = await addFile(evidence.id, `${ref}-record.pdf`);
  const mapping = await proposeMapping(state.db, candidate, {
    evidenceId: evidence.id,
    enrolmentId,
    criterionId: criterion.id,
    rangeItemIds: criterion.rangeItems.map((r) => r.id),
  });
  await submitEvidence(state.db, candidate, { evidenceId: evidence.id, declarationConfirmed: true });
  await reviewMapping(state.db, assessor, {
    mappingId: mapping.mappingId,
    decision: "accept",
    feedback: "Clear and dated.",
  });
  const decision = await decideCriterion(state.db, assessor, {
    enrolmentId,
    criterionId: criterion.id,
    outcome: "MET",
    password: demoPassword,
  });
  return { decision: decision.id, evidence: evidence.id, file: file.id, rangeItems: criterion.rangeItems.length };
}

async function item(planId: string, decisionId: string, assessorId: string, unitCode = "CS34", method = "observation") {
  const decision = await state.db.decision.findUniqueOrThrow({ where: { id: decisionId } });
  return (
    await state.db.samplingItem.create({
      data: {
        planId,
        decisionId,
        enrolmentId: decision.enrolmentId,
        assessorId,
        unitCode,
        method,
        stage: "interim",
        dueDate: new Date(now.getTime() + 14 * day),
      },
    })
  ).id;
}

let signed: Awaited<ReturnType<typeof signedMet>>;

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  const emails = {
    iris: "iqa@northgate.example",
    asha: "assessor@northgate.example",
    ben: "assessor2@northgate.example",
    cara: "candidate@northgate.example",
    dev: "candidate2@northgate.example",
    nadia: "admin@northgate.example",
    morgan: "multi@northgate.example",
    raj: "assessor@riverside.example",
    eqa: "eqa@awarding.example",
  } as const;
  ids.centre = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  const riverside = (await state.db.centre.findUniqueOrThrow({ where: { slug: "riverside" } })).id;
  // Riverside's assessor is its IQA too: an IQA of another centre.
  const raj = await state.db.user.findUniqueOrThrow({ where: { email: emails.raj } });
  await state.db.membership.create({ data: { userId: raj.id, centreId: riverside, role: "IQA" } });
  for (const [key, email] of Object.entries(emails)) who[key as keyof typeof who] = await actorByEmail(state.db, email);

  const enrolmentOf = (candidateId: string, code: string) =>
    state.db.enrolment.findFirstOrThrow({ where: { candidateId, unitVersion: { unit: { code } } } });
  ids.cs34 = (await enrolmentOf(who.cara.userId, "CS34")).id;
  ids.devs = (await enrolmentOf(who.dev.userId, "INSCS042")).id;

  signed = await signedMet(who.cara, who.asha, ids.cs34, "4.1", "observation");
  decisions.met = signed.decision;
  const nymCriterion = await state.db.criterion.findFirstOrThrow({
    where: { unitVersion: { enrolments: { some: { id: ids.cs34 } } }, ref: "4.2" },
  });
  decisions.nym = (
    await decideCriterion(state.db, who.asha, {
      enrolmentId: ids.cs34,
      criterionId: nymCriterion.id,
      outcome: "NOT_YET_MET",
      password: demoPassword,
    })
  ).id;
  // Ben's decision on Dev's unit, which Iris quality-assures too: never planned, so a coverage gap.
  decisions.bens = (await signedMet(who.dev, who.ben, ids.devs, "1", "product")).decision;

  const plan = (iqaId: string, title: string) =>
    state.db.samplingPlan.create({
      data: {
        centreId: ids.centre,
        iqaId,
        title,
        periodStart: new Date(now.getTime() - 30 * day),
        periodEnd: new Date(now.getTime() + 30 * day),
        seed: 1,
      },
    });
  ids.plan = (await plan(who.iris.userId, "Autumn interim sample")).id;
  ids.metItem = await item(ids.plan, decisions.met, who.asha.userId);
  // A decision resting on no evidence has the method "other", as the sampler gives it.
  ids.nymItem = await item(ids.plan, decisions.nym, who.asha.userId, "CS34", "other");
  // Morgan is an IQA of Northgate too, but not Cara's: his plan may hold her decision, yet he cannot judge it.
  ids.morganPlan = (await plan(who.morgan.userId, "Morgan's sample")).id;
  await item(ids.morganPlan, decisions.met, who.asha.userId);
}, 180_000);

describe("the IQA's review of a sampled item", () => {
  it("shows the decision, its signature, the evidence as signed, the range it covered and every review", async () => {
    const review = await getItemReview(state.db, who.iris, { planId: ids.plan, itemId: ids.metItem }, now);
    expect(review.decision).toMatchObject({ criterionRef: "4.1", outcome: "MET", signedByName: "Asha Patel" });
    expect(review.decision.criterionText.length).toBeGreaterThan(10);
    expect(review.decision.signatureValid).toBe(true);
    expect(review.evidence).toHaveLength(1);
    expect(review.evidence[0]).toMatchObject({ id: signed.evidence, methodLabel: "Observation", addedSince: 0 });
    expect(review.evidence[0]?.files).toEqual([
      expect.objectContaining({ id: signed.file, name: "4.1-record.pdf", state: "matches" }),
    ]);
    expect(review.evidence[0]?.reviews.map((r) => [r.status, r.feedback, r.reviewerName])).toEqual([
      ["ACCEPTED", "Clear and dated.", "Asha Patel"],
    ]);
    if (signed.rangeItems > 0) {
      expect(review.range?.coverage).toMatchObject({ covered: signed.rangeItems, satisfied: true });
      expect(review.range?.items.every((i) => i.covered)).toBe(true);
    }
    expect(review.abilities).toEqual({ record: true, revoke: true });
    expect(review.item.sampled).toBeNull();
  });

  it("says when a file no longer has the hash it was signed with", async () => {
    const before = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: signed.file } });
    await state.db.evidenceFile.update({ where: { id: signed.file }, data: { sha256: "f".repeat(64) } });
    try {
      const review = await getItemReview(state.db, who.iris, { planId: ids.plan, itemId: ids.metItem }, now);
      expect(review.evidence[0]?.files[0]?.state).toBe("changed");
      expect(review.decision.signatureValid).toBe(false);
    } finally {
      await state.db.evidenceFile.update({ where: { id: signed.file }, data: { sha256: before.sha256 } });
    }
  });

  it("is read by the plan's IQA and the centre's admins only; to anyone else it is not there", async () => {
    const admin = await getItemReview(state.db, who.nadia, { planId: ids.plan, itemId: ids.metItem }, now);
    expect(admin.abilities.record).toBe(false);
    // Morgan is an admin of Northgate as well as an IQA, so he reads it as an admin would.
    for (const outsider of [who.asha, who.ben, who.raj, who.cara])
      expect(
        await rejection(getItemReview(state.db, outsider, { planId: ids.plan, itemId: ids.metItem }, now)),
      ).toMatchObject({ status: 403 });
    expect(
      await rejection(getItemReview(state.db, who.iris, { planId: ids.morganPlan, itemId: ids.metItem }, now)),
    ).toMatchObject({ status: 404 });
  });
});

describe("recording an outcome", () => {
  it("requires feedback and a due date, a real one not in the past, for an action", async () => {
    const error = await rejection(
      recordOutcome(state.db, who.iris, { itemId: ids.nymItem, outcome: "action_required" }, now),
    );
    expect(error).toMatchObject({ fieldErrors: { feedback: [expect.any(String)], dueDate: [expect.any(String)] } });
    expect(
      await rejection(
        recordOutcome(
          state.db,
          who.iris,
          { itemId: ids.nymItem, outcome: "action_required", feedback: "Add dates.", dueDate: "2027-02-30" },
          now,
        ),
      ),
    ).toMatchObject({ fieldErrors: { dueDate: ["Enter a real date, for example 2027-03-01."] } });
    expect(
      await rejection(
        recordOutcome(
          state.db,
          who.iris,
          { itemId: ids.nymItem, outcome: "action_required", feedback: "Add dates.", dueDate: soon(-2) },
          now,
        ),
      ),
    ).toMatchObject({ fieldErrors: { dueDate: [expect.stringContaining("before today")] } });
    expect(
      await rejection(recordOutcome(state.db, who.iris, { itemId: ids.nymItem, outcome: "maybe" }, now)),
    ).toMatchObject({ fieldErrors: { outcome: [expect.any(String)] } });
    const row = await state.db.samplingItem.findUniqueOrThrow({ where: { id: ids.nymItem } });
    expect(row.sampledAt).toBeNull();
    expect(await state.db.qaAction.count({ where: { itemId: ids.nymItem } })).toBe(0);
  });

  it("is refused to anyone but the enrolment's IQA who made the plan, from this centre or another, writing nothing", async () => {
    const audits = await state.db.auditEvent.count();
    const attempt = (actor: SessionActor, itemId = ids.metItem) =>
      rejection(recordOutcome(state.db, actor, { itemId, outcome: "agreed" }, now));
    // Not their plan: Morgan (another IQA of Northgate), Asha, the admin, and Riverside's IQA.
    for (const outsider of [who.morgan, who.asha, who.nadia, who.raj])
      expect(await attempt(outsider)).toMatchObject({ status: 403 });
    // Morgan's own plan holds Cara's decision, but he is not her IQA.
    const morgansItem = await state.db.samplingItem.findFirstOrThrow({ where: { planId: ids.morganPlan } });
    expect(await attempt(who.morgan, morgansItem.id)).toMatchObject({
      status: 403,
      userMessage: expect.stringContaining("Only the IQA assigned to this enrolment"),
    });
    expect(await state.db.samplingItem.count({ where: { sampledAt: { not: null } } })).toBe(0);
    expect(await state.db.auditEvent.count()).toBe(audits);
  });

  it("records agreement, with optional feedback, audits it and tells the assessor", async () => {
    const done = await recordOutcome(state.db, who.iris, { itemId: ids.metItem, outcome: "agreed", feedback: "" }, now);
    expect(done).toMatchObject({ outcome: "agreed", actionId: null, planId: ids.plan });
    const row = await state.db.samplingItem.findUniqueOrThrow({ where: { id: ids.metItem } });
    expect(row).toMatchObject({ outcome: "agreed", feedback: null, sampledById: who.iris.userId });
    expect(row.sampledAt?.getTime()).toBe(now.getTime());
    const notice = await state.db.notification.findFirstOrThrow({
      where: { userId: who.asha.userId, kind: "qa.sampled" },
    });
    expect(notice.link).toBe(`/assessor/enrolments/${ids.cs34}`);
    const audit = await state.db.auditEvent.findFirstOrThrow({ where: { entityId: ids.metItem } });
    expect(audit).toMatchObject({ action: "qa.outcomeRecorded", actorId: who.iris.userId, centreId: ids.centre });
    const review = await getItemReview(state.db, who.iris, { planId: ids.plan, itemId: ids.metItem }, now);
    expect(review.item.sampled).toMatchObject({ outcome: "agreed", byName: "Iris Quinn" });
  });

  it("sets an action for the item's assessor when one is required, and tells them where to respond", async () => {
    const done = await recordOutcome(
      state.db,
      who.iris,
      { itemId: ids.nymItem, outcome: "action_required", feedback: "Say why 4.2 is not yet met.", dueDate: soon(7) },
      now,
    );
    expect(done.actionId).toEqual(expect.any(String));
    const action = await state.db.qaAction.findUniqueOrThrow({ where: { id: done.actionId! } });
    expect(action).toMatchObject({
      centreId: ids.centre,
      itemId: ids.nymItem,
      assessorId: who.asha.userId,
      raisedById: who.iris.userId,
      text: "Say why 4.2 is not yet met.",
      status: "open",
    });
    expect(action.dueDate.getTime()).toBeGreaterThan(now.getTime());
    const notice = await state.db.notification.findFirstOrThrow({
      where: { userId: who.asha.userId, kind: "qa.actionRaised" },
    });
    expect(notice.link).toBe(`/assessor/qa-actions/${done.actionId}`);
    expect(notice.body).toContain("Say why 4.2 is not yet met.");
  });

  it("can be recorded again until the action is answered: the unanswered action is rewritten or withdrawn", async () => {
    const first = await state.db.qaAction.findFirstOrThrow({ where: { itemId: ids.nymItem } });
    const again = await recordOutcome(
      state.db,
      who.iris,
      { itemId: ids.nymItem, outcome: "action_required", feedback: "Record why 4.2 is not met.", dueDate: soon(10) },
      now,
    );
    expect(again.actionId).toBe(first.id);
    expect((await state.db.qaAction.findUniqueOrThrow({ where: { id: first.id } })).text).toBe(
      "Record why 4.2 is not met.",
    );
    await recordOutcome(state.db, who.iris, { itemId: ids.nymItem, outcome: "agreed" }, now);
    expect(await state.db.qaAction.count({ where: { itemId: ids.nymItem } })).toBe(0);
    const last = await recordOutcome(
      state.db,
      who.iris,
      { itemId: ids.nymItem, outcome: "action_required", feedback: "Say why 4.2 is not yet met.", dueDate: soon(7) },
      now,
    );
    expect(await state.db.qaAction.findMany({ where: { itemId: ids.nymItem }, select: { id: true } })).toEqual([
      { id: last.actionId },
    ]);
  });
});

describe("the action loop", () => {
  const actionId = async () => (await state.db.qaAction.findFirstOrThrow({ where: { itemId: ids.nymItem } })).id;

  it("lists the assessor's actions, open first, with their status and whether they are overdue", async () => {
    const list = await listAssessorActions(state.db, who.asha, {}, now);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: await actionId(),
      statusWord: "Open",
      overdue: false,
      about: "CS34 4.2, Cara Jones",
      raisedByName: "Iris Quinn",
    });
    const later = await listAssessorActions(state.db, who.asha, {}, new Date(now.getTime() + 30 * day));
    expect(later.items[0]?.overdue).toBe(true);
    expect((await listAssessorActions(state.db, who.ben, {}, now)).total).toBe(0);
    expect((await listIqaActions(state.db, who.iris, {}, now)).items.map((a) => a.id)).toEqual([await actionId()]);
  });

  it("takes a response from the named assessor only", async () => {
    const id = await actionId();
    for (const outsider of [who.ben, who.iris, who.raj, who.cara])
      expect(
        await rejection(respondToAction(state.db, outsider, { actionId: id, text: "Not mine." }, now)),
      ).toMatchObject({ status: 403 });
    expect(await rejection(respondToAction(state.db, who.asha, { actionId: id, text: "  " }, now))).toMatchObject({
      fieldErrors: { text: [expect.any(String)] },
    });
    expect(await state.db.qaActionEntry.count()).toBe(0);

    const done = await respondToAction(
      state.db,
      who.asha,
      { actionId: id, text: "Added a note: the range was not covered." },
      now,
    );
    expect(done).toMatchObject({ status: "responded", itemId: ids.nymItem, planId: ids.plan });
    const thread = await getActionThread(state.db, who.asha, id, now);
    expect(thread.status).toBe("responded");
    expect(thread.entries.map((e) => [e.kind, e.authorName])).toEqual([["response", "Asha Patel"]]);
    expect(thread.abilities).toEqual({ respond: true, close: false, reopen: false });
    expect(thread.context).toMatchObject({ kind: "item", criterionRef: "4.2", planId: ids.plan });
    const notice = await state.db.notification.findFirstOrThrow({
      where: { userId: who.iris.userId, kind: "qa.actionResponded" },
    });
    expect(notice.link).toBe(`/iqa/plans/${ids.plan}/items/${ids.nymItem}`);
  });

  it("locks the outcome once the action is answered", async () => {
    expect(
      await rejection(recordOutcome(state.db, who.iris, { itemId: ids.nymItem, outcome: "agreed" }, now)),
    ).toMatchObject({ status: 409, userMessage: expect.stringContaining("Work through the open action") });
    const review = await getItemReview(state.db, who.iris, { planId: ids.plan, itemId: ids.nymItem }, now);
    expect(review.abilities.record).toBe(false);
    expect(review.outcomeLocked).toContain("Work through the open action");
    expect(review.actions[0]?.abilities).toEqual({ respond: false, close: true, reopen: false });
  });

  it("is closed by an IQA with a note, re-opened with one, and the assessor is told", async () => {
    const id = await actionId();
    expect(await rejection(closeAction(state.db, who.asha, { actionId: id, note: "Done." }, now))).toMatchObject({
      status: 403,
    });
    expect(await rejection(closeAction(state.db, who.raj, { actionId: id, note: "Done." }, now))).toMatchObject({
      status: 403,
    });
    expect(await rejection(closeAction(state.db, who.iris, { actionId: id, note: "" }, now))).toMatchObject({
      fieldErrors: { note: [expect.any(String)] },
    });

    await closeAction(state.db, who.iris, { actionId: id, note: "The record now says why." }, now);
    let row = await state.db.qaAction.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("closed");
    expect(row.closedAt?.getTime()).toBe(now.getTime());
    expect(await rejection(respondToAction(state.db, who.asha, { actionId: id, text: "More." }, now))).toMatchObject({
      status: 409,
    });
    expect(await rejection(closeAction(state.db, who.iris, { actionId: id, note: "Again." }, now))).toMatchObject({
      status: 409,
    });
    expect(
      (await listAssessorActions(state.db, who.asha, {}, new Date(now.getTime() + 30 * day))).items[0],
    ).toMatchObject({ statusWord: "Closed", overdue: false });

    await reopenAction(state.db, who.iris, { actionId: id, note: "The note is not dated." }, now);
    row = await state.db.qaAction.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "open", closedAt: null });
    const thread = await getActionThread(state.db, who.iris, id, now);
    expect(thread.entries.map((e) => e.kind)).toEqual(["response", "close", "reopen"]);
    const kinds = await state.db.notification.findMany({
      where: { userId: who.asha.userId, kind: { in: ["qa.actionClosed", "qa.actionReopened"] } },
      select: { kind: true, link: true },
      orderBy: { createdAt: "asc" },
    });
    expect(kinds).toEqual([
      { kind: "qa.actionClosed", link: `/assessor/qa-actions/${id}` },
      { kind: "qa.actionReopened", link: `/assessor/qa-actions/${id}` },
    ]);
    const audits = await state.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["qa.actionResponded", "qa.actionClosed", "qa.actionReopened"]);
    expect(await rejection(getActionThread(state.db, who.raj, id, now))).toMatchObject({ status: 403 });
    expect(await rejection(getActionThread(state.db, who.ben, id, now))).toMatchObject({ status: 403 });
  });

  it("reads an EQA's centre-wide action from a visit, which a centre admin answers", async () => {
    const visit = await state.db.eqaVisit.create({
      data: {
        centreId: ids.centre,
        eqaUserId: who.eqa.userId,
        title: "Spring visit",
        startsAt: new Date(now.getTime() - day),
        endsAt: new Date(now.getTime() + day),
        scopeKind: "units",
        scope: ["CS34"],
        createdById: who.nadia.userId,
      },
    });
    const action = await state.db.qaAction.create({
      data: {
        centreId: ids.centre,
        visitId: visit.id,
        assessorId: null,
        raisedById: who.eqa.userId,
        text: "Hold a standardisation meeting on CS34.",
        dueDate: new Date(now.getTime() + 20 * day),
      },
    });
    const thread = await getActionThread(state.db, who.nadia, action.id, now);
    expect(thread).toMatchObject({ assessorName: null, about: "EQA visit: Spring visit", context: { kind: "visit" } });
    expect(thread.abilities.respond).toBe(true);
    await respondToAction(state.db, who.nadia, { actionId: action.id, text: "Booked for next month." }, now);
    expect((await listAssessorActions(state.db, who.asha, {}, now)).items.map((a) => a.id)).not.toContain(action.id);
    const told = await state.db.notification.findFirstOrThrow({
      where: { userId: who.eqa.userId, kind: "qa.actionResponded" },
    });
    expect(told.link).toBe(`/eqa/visits/${visit.id}`);
  });
});

describe("the IQA report", () => {
  const period = () => readReportPeriod({}, "Europe/London", now).period;

  it("defaults to the last 90 days and says what is wrong with a period asked for", () => {
    const today = calendarDateIn(now, "Europe/London");
    expect(period()).toEqual({ from: addDays(today, -90), to: today });
    expect(readReportPeriod({ from: "2027-02-30", to: "2027-01-01" }, "Europe/London", now).problems).toEqual([
      "“From” is not a real date (for example 2027-03-01)",
    ]);
    expect(readReportPeriod({ from: "2027-02-01", to: "2027-01-01" }, "Europe/London", now).problems).toEqual([
      "“From” is after “To”",
    ]);
  });

  it("counts the IQA's own sample: planned, sampled, agreement per assessor, open actions and gaps", async () => {
    const report = await getIqaReport(state.db, who.iris, { centreId: ids.centre, wholeCentre: false }, period(), now);
    expect(report.planCount).toBe(1);
    expect(report.totals).toEqual({ planned: 2, sampled: 2, agreed: 1, actionRequired: 1, agreementRate: 50 });
    expect(report.assessors).toEqual([
      {
        assessorId: who.asha.userId,
        name: "Asha Patel",
        planned: 2,
        sampled: 2,
        agreed: 1,
        actionRequired: 1,
        agreementRate: 50,
      },
    ]);
    expect(report.actions.open).toBe(1);
    expect(report.actions.list.map((a) => [a.about, a.statusWord, a.overdue])).toEqual([
      ["CS34 4.2, Cara Jones", "Open", false],
    ]);
    expect(report.gaps.assessors).toEqual([{ id: who.ben.userId, name: "Ben Morgan", decisions: 1 }]);
    expect(report.gaps.units).toEqual([{ code: "INSCS042", decisions: 1 }]);
    expect(report.gaps.methods).toEqual([{ method: "product", label: "Product of work", decisions: 1 }]);

    const overdue = await getIqaReport(
      state.db,
      who.iris,
      { centreId: ids.centre, wholeCentre: false },
      period(),
      new Date(now.getTime() + 30 * day),
    );
    expect(overdue.actions.overdue).toBe(1);
  });

  it("gives a centre admin every IQA's plans, and refuses the whole centre to an IQA and any of it to another centre", async () => {
    const report = await getIqaReport(state.db, who.nadia, { centreId: ids.centre, wholeCentre: true }, period(), now);
    expect(report.planCount).toBe(2);
    expect(report.totals).toMatchObject({ planned: 3, sampled: 2 });
    // The EQA's action and Iris's are both open at the centre.
    expect(report.actions.open).toBe(2);
    expect(
      await rejection(getIqaReport(state.db, who.iris, { centreId: ids.centre, wholeCentre: true }, period(), now)),
    ).toMatchObject({ status: 403 });
    for (const outsider of [who.raj, who.asha, who.cara])
      expect(
        await rejection(getIqaReport(state.db, outsider, { centreId: ids.centre, wholeCentre: false }, period(), now)),
      ).toMatchObject({ status: 403 });
  });

  it("writes the report as CSV with the formula guard on every cell", async () => {
    const action = await state.db.qaAction.findFirstOrThrow({ where: { itemId: ids.nymItem } });
    await state.db.qaAction.update({ where: { id: action.id }, data: { text: "=HYPERLINK(1)" } });
    try {
      const report = await getIqaReport(
        state.db,
        who.iris,
        { centreId: ids.centre, wholeCentre: false },
        period(),
        now,
      );
      const csv = reportCsv(report);
      const lines = csv.trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        "Section,Name,About,Planned,Sampled,Agreed,Action required,Agreement rate (%),Standing decisions,Status,Due,Detail",
      );
      expect(lines).toContain("Assessor,Asha Patel,,2,2,1,1,50,,,,");
      expect(lines).toContain("Gap: assessor,Ben Morgan,,,,,,,1,,,");
      const actionLine = lines.find((l) => l.startsWith("Open action,"));
      expect(actionLine).toMatch(
        /^Open action,Asha Patel,"CS34 4\.2, Cara Jones",,,,,,,Open,\d{4}-\d\d-\d\d,"'=HYPERLINK\(1\)"$/,
      );
    } finally {
      await state.db.qaAction.update({ where: { id: action.id }, data: { text: action.text } });
    }
  });
});
