import { requireEnrolmentResource } from "../assessment/common";
import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentHeading, enrolmentHeadingSelect } from "../enrolments/enrolment-heading";
import { methodLabel } from "../evidence/methods";
import { calendarDateIn, formatDate, startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";

// Reading assessment plans: one enrolment's plan, a candidate's next steps, and how many
// activities are overdue on each enrolment of a list.

export type ActivityState = "cancelled" | "done" | "overdue" | "waitingForAgreement" | "agreed";

export const activityStateWords: Record<ActivityState, string> = {
  cancelled: "Cancelled",
  done: "Done",
  overdue: "Overdue",
  waitingForAgreement: "Waiting for the candidate to agree",
  agreed: "Agreed",
};

/**
 * The first instant that is no longer overdue: the start of today in the centre's time zone.
 * An activity planned for a day before today, neither done nor cancelled, is overdue.
 */
export function overdueBefore(now: Date, timeZone: string): Date {
  return startOfDayIn(calendarDateIn(now, timeZone), timeZone);
}

export function activityState(
  activity: { plannedFor: Date; agreedAt: Date | null; doneAt: Date | null; cancelledAt: Date | null },
  now: Date,
  timeZone: string,
): ActivityState {
  if (activity.cancelledAt) return "cancelled";
  if (activity.doneAt) return "done";
  if (activity.plannedFor < overdueBefore(now, timeZone)) return "overdue";
  return activity.agreedAt ? "agreed" : "waitingForAgreement";
}

export type PlannedActivityView = {
  id: string;
  method: string;
  methodLabel: string;
  /** The planned day, "YYYY-MM-DD" in the centre's time zone. */
  plannedFor: string;
  place: string | null;
  notes: string | null;
  criteria: { id: string; ref: string; text: string }[];
  state: ActivityState;
  evidenceId: string | null;
};

export type AssessmentPlan = {
  enrolment: ReturnType<typeof enrolmentHeading>;
  timeZone: string;
  activities: PlannedActivityView[];
  /** The actor is the assigned assessor of an active enrolment. */
  canManage: boolean;
  /** The actor is the candidate of an active enrolment. */
  canAgree: boolean;
  /** The unit's criteria, for the planning form (only when canManage). */
  criteria: { id: string; ref: string; text: string }[];
};

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** One enrolment's plan, activities in date order, for anyone who may read the enrolment. */
export async function getAssessmentPlan(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<AssessmentPlan> {
  const resource = await requireEnrolmentResource(db, enrolmentId);
  authorize(actor, "enrolment.read", resource, now);
  const enrolment = await db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: { ...enrolmentHeadingSelect, unitVersionId: true, centre: { select: { timeZone: true } } },
  });
  const timeZone = timeZoneOf(enrolment.centre);
  const active = enrolment.status === "ACTIVE";
  const [rows, criteria] = await Promise.all([
    db.plannedActivity.findMany({ where: { enrolmentId }, orderBy: [{ plannedFor: "asc" }, { createdAt: "asc" }] }),
    db.criterion.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
      select: { id: true, ref: true, text: true },
    }),
  ]);
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const canManage = active && can(actor, "plan.manage", resource, now);
  return {
    enrolment: enrolmentHeading(enrolment),
    timeZone,
    canManage,
    canAgree: active && can(actor, "plan.agree", resource, now),
    criteria: canManage ? criteria : [],
    activities: rows.map((row) => ({
      id: row.id,
      method: row.method,
      methodLabel: methodLabel(row.method),
      plannedFor: calendarDateIn(row.plannedFor, timeZone),
      place: row.place,
      notes: row.notes,
      criteria: ids(row.criterionIds).flatMap((id) => byId.get(id) ?? []),
      state: activityState(row, now, timeZone),
      evidenceId: row.evidenceId,
    })),
  };
}

export type NextStep = {
  id: string;
  enrolmentId: string;
  unitCode: string;
  methodLabel: string;
  plannedFor: string;
  place: string | null;
  state: ActivityState;
};

/** The candidate's next planned activities across their active units, soonest (and overdue) first. */
export async function candidateNextSteps(db: Db, actor: Actor, now: Date = new Date(), take = 5): Promise<NextStep[]> {
  const rows = await db.plannedActivity.findMany({
    where: {
      doneAt: null,
      cancelledAt: null,
      enrolmentId: {
        in: (
          await db.enrolment.findMany({
            where: { candidateId: actor.userId, status: "ACTIVE" },
            select: { id: true },
          })
        ).map((e) => e.id),
      },
    },
    orderBy: [{ plannedFor: "asc" }, { id: "asc" }],
    take,
  });
  if (rows.length === 0) return [];
  const enrolments = await db.enrolment.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.enrolmentId))] } },
    select: {
      id: true,
      centre: { select: { timeZone: true } },
      unitVersion: { select: { unit: { select: { code: true } } } },
    },
  });
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  return rows.flatMap((row) => {
    const enrolment = byId.get(row.enrolmentId);
    if (!enrolment) return [];
    const timeZone = timeZoneOf(enrolment.centre);
    return [
      {
        id: row.id,
        enrolmentId: row.enrolmentId,
        unitCode: enrolment.unitVersion.unit.code,
        methodLabel: methodLabel(row.method),
        plannedFor: calendarDateIn(row.plannedFor, timeZone),
        place: row.place,
        state: activityState(row, now, timeZone),
      },
    ];
  });
}

/**
 * How many activities are overdue on each of the given enrolments (those with none are absent),
 * counted in the database. The caller has already decided the actor may read these enrolments.
 */
export async function overdueActivityCounts(
  db: Db,
  enrolmentIds: readonly string[],
  timeZone: string,
  now: Date = new Date(),
): Promise<Map<string, number>> {
  if (enrolmentIds.length === 0) return new Map();
  const groups = await db.plannedActivity.groupBy({
    by: ["enrolmentId"],
    where: {
      enrolmentId: { in: [...enrolmentIds] },
      doneAt: null,
      cancelledAt: null,
      plannedFor: { lt: overdueBefore(now, timeZone) },
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.enrolmentId, g._count._all]));
}

/** As `overdueActivityCounts`, for enrolments of centres in different time zones (a person's lists). */
export async function overdueCountsByEnrolment(
  db: Db,
  enrolments: readonly { id: string; timeZone: string }[],
  now: Date = new Date(),
): Promise<Map<string, number>> {
  const byZone = new Map<string, string[]>();
  for (const e of enrolments) byZone.set(e.timeZone, [...(byZone.get(e.timeZone) ?? []), e.id]);
  const counts = new Map<string, number>();
  for (const [timeZone, ids] of byZone) {
    for (const [id, n] of await overdueActivityCounts(db, ids, timeZone, now)) counts.set(id, n);
  }
  return counts;
}

/**
 * One open activity of an enrolment's plan, of the method given, as "12 December 2026, Front
 * desk": for a page that carries it out (arriving from the plan). Null when it is not open or not
 * of this enrolment; the caller has already decided the actor may act on the enrolment.
 */
export async function openActivityOf(
  db: Db,
  enrolmentId: string,
  activityId: string | undefined,
  method: string,
  timeZone: string,
): Promise<{ id: string; label: string } | null> {
  if (!activityId) return null;
  const activity = await db.plannedActivity.findFirst({
    where: { id: activityId, enrolmentId, method, doneAt: null, cancelledAt: null },
    select: { id: true, plannedFor: true, place: true },
  });
  if (!activity) return null;
  const day = formatDate(activity.plannedFor, timeZone);
  return { id: activity.id, label: activity.place ? `${day}, ${activity.place}` : day };
}
