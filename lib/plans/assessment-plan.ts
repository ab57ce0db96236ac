import { recordAudit } from "../audit";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { requireActive } from "../enrolments/guards";
import { AppError, InputError, parseInput } from "../errors";
import { methodLabel } from "../evidence/methods";
import { startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { notify } from "../notify";
import { ActivityRef, PlanActivityInput } from "./plan-input";

// Writing an assessment plan: the assessor plans an activity, the candidate agrees to it, and it
// is done (with the evidence it produced) or cancelled. Nothing is deleted: the plan's history is
// part of the assessment record (docs/decisions/0019).

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const planEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  unitVersionId: true,
  centre: { select: { timeZone: true } },
  unitVersion: { select: { unit: { select: { code: true } } } },
} as const;

/** The assigned assessor plans an activity on one enrolment; the candidate is asked to agree to it. */
export async function planActivity(
  db: Db,
  actor: Actor,
  rawInput: PlanActivityInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const input = parseInput(PlanActivityInput, rawInput);
  return db.$transaction(async (tx) => {
    const enrolment = await reauthorizedEnrolment(
      tx,
      actor,
      "plan.manage",
      input.enrolmentId,
      now,
      planEnrolmentSelect,
    );
    requireActive(enrolment.status, "plan assessment activities", "assessment");
    const criterionIds = [...new Set(input.criterionIds)];
    const found = await tx.criterion.count({
      where: { id: { in: criterionIds }, unitVersionId: enrolment.unitVersionId },
    });
    if (found !== criterionIds.length) {
      throw InputError.forField(
        "criterionIds",
        "Some of the ticked criteria are not part of this unit version. Reload the page and tick them again.",
      );
    }
    const plannedFor = startOfDayIn(input.plannedFor, timeZoneOf(enrolment.centre));
    const activity = await tx.plannedActivity.create({
      data: {
        enrolmentId: enrolment.id,
        method: input.method,
        criterionIds,
        plannedFor,
        place: input.place || null,
        notes: input.notes || null,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: "plan.activityPlanned",
      entityType: "PlannedActivity",
      entityId: activity.id,
      after: { enrolmentId: enrolment.id, method: input.method, criterionIds, plannedFor: plannedFor.toISOString() },
    });
    await notify(tx, {
      userId: enrolment.candidateId,
      kind: "plan.activityPlanned",
      title: `${methodLabel(input.method)} planned for ${input.plannedFor}`,
      body: `Your assessor planned an activity for ${enrolment.unitVersion.unit.code}. Read it and agree to it on your unit's plan.`,
      link: `/candidate/units/${enrolment.id}/plan`,
    });
    return activity;
  });
}

/** An activity with the facts every change to it checks. */
async function openActivity(tx: Tx, activityId: string) {
  const activity = await tx.plannedActivity.findUnique({
    where: { id: activityId },
    select: { id: true, enrolmentId: true, agreedAt: true, doneAt: true, cancelledAt: true },
  });
  if (!activity) throw new AppError("That planned activity was not found. Reload the plan and try again.");
  return activity;
}

function requireOpen(activity: { doneAt: Date | null; cancelledAt: Date | null }, whatYouTried: string) {
  if (activity.doneAt) throw new AppError(`This activity has been done, so you cannot ${whatYouTried}.`);
  if (activity.cancelledAt) throw new AppError(`This activity was cancelled, so you cannot ${whatYouTried}.`);
}

/** The candidate agrees to a planned activity. Agreeing twice changes nothing. */
export async function agreeToActivity(db: Db, actor: Actor, rawInput: ActivityRef, now: Date = new Date()) {
  const { activityId } = parseInput(ActivityRef, rawInput);
  return db.$transaction(async (tx) => {
    const activity = await openActivity(tx, activityId);
    const enrolment = await reauthorizedEnrolment(tx, actor, "plan.agree", activity.enrolmentId, now, {
      status: true,
      centreId: true,
    });
    requireActive(enrolment.status, "agree to planned activities");
    requireOpen(activity, "agree to it");
    if (activity.agreedAt) return { id: activity.id, agreedAt: activity.agreedAt };
    await tx.plannedActivity.update({ where: { id: activity.id }, data: { agreedAt: now } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: "plan.activityAgreed",
      entityType: "PlannedActivity",
      entityId: activity.id,
      after: { agreedAt: now.toISOString() },
    });
    return { id: activity.id, agreedAt: now };
  });
}

/** The assessor cancels an activity that has not been done; it stays on the plan as cancelled. */
export async function cancelActivity(db: Db, actor: Actor, rawInput: ActivityRef, now: Date = new Date()) {
  const { activityId } = parseInput(ActivityRef, rawInput);
  await db.$transaction(async (tx) => {
    const activity = await openActivity(tx, activityId);
    const enrolment = await reauthorizedEnrolment(tx, actor, "plan.manage", activity.enrolmentId, now, {
      centreId: true,
    });
    requireOpen(activity, "cancel it");
    await tx.plannedActivity.update({ where: { id: activity.id }, data: { cancelledAt: now } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: "plan.activityCancelled",
      entityType: "PlannedActivity",
      entityId: activity.id,
      after: { cancelledAt: now.toISOString() },
    });
  });
}

/**
 * Marks an activity done, linking the evidence it produced when there is some: called by the
 * assessor from the plan, and inside the transaction that records an observation or sets
 * questions for it. The evidence must be the candidate's and mapped in this enrolment.
 */
export async function completeActivityInTransaction(
  tx: Tx,
  actor: Actor,
  args: { activityId: string; enrolmentId: string; evidenceId?: string | null },
  now: Date,
): Promise<void> {
  const activity = await openActivity(tx, args.activityId);
  if (activity.enrolmentId !== args.enrolmentId) {
    throw InputError.forField("activityId", "That planned activity belongs to another unit. Choose one of this plan.");
  }
  const enrolment = await reauthorizedEnrolment(tx, actor, "plan.manage", activity.enrolmentId, now, {
    centreId: true,
  });
  requireOpen(activity, "mark it done");
  if (args.evidenceId) {
    const mapped = await tx.mapping.count({ where: { evidenceId: args.evidenceId, enrolmentId: args.enrolmentId } });
    if (mapped === 0) {
      throw InputError.forField("evidenceId", "Choose evidence mapped in this unit to link to the activity.");
    }
  }
  await tx.plannedActivity.update({
    where: { id: activity.id },
    data: { doneAt: now, doneById: actor.userId, evidenceId: args.evidenceId ?? null },
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: "plan.activityDone",
    entityType: "PlannedActivity",
    entityId: activity.id,
    after: { doneAt: now.toISOString(), evidenceId: args.evidenceId ?? null },
  });
}

/** The assessor marks an activity done from the plan (with no evidence recorded in the app). */
export async function completeActivity(
  db: Db,
  actor: Actor,
  rawInput: ActivityRef & { evidenceId?: string | null },
  now: Date = new Date(),
) {
  const { activityId } = parseInput(ActivityRef, rawInput);
  await db.$transaction(async (tx) => {
    const activity = await openActivity(tx, activityId);
    await completeActivityInTransaction(
      tx,
      actor,
      { activityId, enrolmentId: activity.enrolmentId, evidenceId: rawInput.evidenceId },
      now,
    );
  });
}
