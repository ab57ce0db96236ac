import { authorize, can, evidenceSight, type Actor } from "../authz/policy";
import { requireEnrolmentResource } from "../assessment/common";
import type { Db } from "../db/client";
import { enrolmentHeading, enrolmentHeadingSelect } from "../enrolments/enrolment-heading";
import { requireActive } from "../enrolments/guards";
import { AppError } from "../errors";
import { evidenceChange, loadLockState } from "../evidence/evidence-lock";
import { loadEvidenceWithEnrolments } from "../evidence/evidence-resource";
import { calendarDateIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { byUnitThenCriterion } from "../mapping/rules";
import { assessorRecordKinds, type AssessorRecordKind } from "./input";

// What the observation pages show: the record as made (who, when, where, the candidate's answer)
// with what the viewer may do to it, and the form's choices (the criteria of one enrolment's unit
// with their range items, verbatim). Plain data; the policy and the lock rule decide here.

export type ObservationResponseState = "CONFIRMED" | "DISPUTED" | null;

export type RecordingMarkerView = {
  id: string;
  atSeconds: number;
  /** "12:30", or "1:02:03" past the hour. */
  at: string;
  criterion: { id: string; unitCode: string; ref: string };
  note: string | null;
};

export type ObservationRecord = {
  id: string;
  /** An observation of work, or a professional discussion (same record, other words). */
  kind: AssessorRecordKind;
  title: string;
  description: string;
  /** A discussion's questions or agenda (Markdown), or "". */
  agenda: string;
  /** Moments of the recording that cover criteria, in order. */
  markers: RecordingMarkerView[];
  candidateId: string;
  candidateName: string;
  authorName: string;
  activityDate: Date;
  /** The activity date as a calendar date in the centre's time zone, for the correction form. */
  activityCalendarDate: string;
  startTime: string;
  endTime: string;
  location: string;
  timeZone: string;
  response: ObservationResponseState;
  respondedAt: Date | null;
  criteria: {
    mappingId: string;
    criterionId: string;
    enrolmentId: string;
    unitCode: string;
    ref: string;
    text: string;
    rangeItems: string[];
  }[];
  /** The candidate it is about may answer it (until they confirm it). */
  canRespond: boolean;
  /** Its author may still correct it and its files (lib/evidence/evidence-lock.ts). */
  canChange: boolean;
  /** Why it can no longer change, or null. */
  lockedBecause: string | null;
};

/** "12:30" for 750 seconds; "1:02:03" past the hour. */
export function clockOf(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The markers on criteria the reader sees (an EQA sees only the shared enrolments' criteria). */
function markerViews(
  markers: readonly { id: string; atSeconds: number; criterionId: string; note: string | null }[],
  criteria: readonly { criterionId: string; unitCode: string; ref: string }[],
): RecordingMarkerView[] {
  return markers.flatMap((marker) => {
    const criterion = criteria.find((c) => c.criterionId === marker.criterionId);
    if (!criterion) return [];
    return [
      {
        id: marker.id,
        atSeconds: marker.atSeconds,
        at: clockOf(marker.atSeconds),
        criterion: { id: criterion.criterionId, unitCode: criterion.unitCode, ref: criterion.ref },
        note: marker.note,
      },
    ];
  });
}

function responseOf(value: string | null): ObservationResponseState {
  return value === "CONFIRMED" || value === "DISPUTED" ? value : null;
}

/** An observation an assessor recorded, for anyone who may read the evidence; null when the evidence is not one. */
export async function getObservationRecord(
  db: Db,
  actor: Actor,
  evidenceId: string,
): Promise<ObservationRecord | null> {
  const resource = await loadEvidenceWithEnrolments(db, evidenceId);
  authorize(actor, "evidence.read", resource);
  if (resource.origin?.by !== "assessor") return null;
  // An EQA sees only its part in the enrolments shared with them (policy.ts, evidenceSight).
  const sight = evidenceSight(actor, resource);
  const shown = (enrolmentId: string) => sight.whole || sight.enrolments.some((e) => e.id === enrolmentId);
  const row = await db.evidence.findUnique({ where: { id: evidenceId }, select: observationSelect });
  if (!row) throw new AppError("That observation does not exist or has been removed.");
  // Other assessor-made records (a marked answer to a question) have their own words and pages.
  const kind = assessorRecordKinds.find((k) => k === row.method);
  if (!kind) return null;
  const timeZone = timeZoneOf(await db.centre.findUnique({ where: { id: row.centreId }, select: { timeZone: true } }));
  const lock = await loadLockState(db, evidenceId);
  if (!lock) throw new AppError("That observation does not exist or has been removed.");
  const change = evidenceChange(lock);
  const response = responseOf(row.candidateResponse);
  const criteria = [...row.mappings]
    .filter((m) => shown(m.enrolment.id))
    .sort(byUnitThenCriterion)
    .map((m) => ({
      mappingId: m.id,
      criterionId: m.criterion.id,
      enrolmentId: m.enrolment.id,
      unitCode: m.enrolment.unitVersion.unit.code,
      ref: m.criterion.ref,
      text: m.criterion.text,
      rangeItems: m.criterion.rangeItems
        .filter((r) => m.rangeItems.some((c) => c.rangeItemId === r.id))
        .map((r) => r.text),
    }));
  return {
    id: row.id,
    kind,
    title: row.title,
    description: row.description,
    agenda: row.agenda ?? "",
    markers: markerViews(row.recordingMarkers, criteria),
    candidateId: row.candidateId,
    candidateName: row.candidate.name,
    authorName: row.author?.name ?? "An assessor",
    activityDate: row.activityDate,
    activityCalendarDate: calendarDateIn(row.activityDate, timeZone),
    startTime: row.startTime ?? "",
    endTime: row.endTime ?? "",
    location: row.location ?? "",
    timeZone,
    response,
    respondedAt: row.candidateRespondedAt,
    criteria,
    canRespond: response !== "CONFIRMED" && can(actor, "evidence.respond", resource),
    canChange: change.allowed === "edit" && can(actor, "evidence.update", resource),
    lockedBecause: change.allowed === "edit" ? null : change.reason,
  };
}

const observationSelect = {
  id: true,
  method: true,
  centreId: true,
  candidateId: true,
  title: true,
  description: true,
  agenda: true,
  recordingMarkers: {
    select: { id: true, atSeconds: true, criterionId: true, note: true },
    orderBy: { atSeconds: "asc" },
  },
  activityDate: true,
  startTime: true,
  endTime: true,
  location: true,
  candidateResponse: true,
  candidateRespondedAt: true,
  candidate: { select: { name: true } },
  author: { select: { name: true } },
  mappings: {
    select: {
      id: true,
      rangeItems: { select: { rangeItemId: true } },
      criterion: {
        select: {
          id: true,
          ref: true,
          text: true,
          position: true,
          rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
        },
      },
      enrolment: { select: { id: true, unitVersion: { select: { unit: { select: { code: true } } } } } },
    },
  },
} as const;

export type ObservationFormChoices = {
  enrolmentId: string;
  candidateName: string;
  unitCode: string;
  unitTitle: string;
  timeZone: string;
  /** Today in the centre's time zone, the date the form starts with. */
  today: string;
  /** Why no observation can be recorded (the enrolment is no longer active), or null. */
  closed: string | null;
  criteria: {
    id: string;
    ref: string;
    text: string;
    groupTitle: string;
    rangeTitle: string | null;
    rangeItems: { id: string; text: string }[];
  }[];
  /** The enrolment's planned activities not yet done or cancelled, by method, for "this carries out". */
  openActivities: { id: string; method: string; plannedFor: string; place: string | null }[];
};

/** The words recordObservation refuses an enrolment that is no longer active with, or null while it is. */
function closedBecause(status: string): string | null {
  try {
    requireActive(status, "record an observation for it", "assessment");
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.userMessage;
    throw error;
  }
}

/** The criteria an assessor may record an observation against in one enrolment they assess (active only). */
export async function getObservationFormChoices(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<ObservationFormChoices> {
  authorize(actor, "observation.record", await requireEnrolmentResource(db, enrolmentId), now);
  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { ...enrolmentHeadingSelect, unitVersionId: true, centre: { select: { timeZone: true } } },
  });
  if (!enrolment) throw new AppError("That enrolment was not found.");
  const closed = closedBecause(enrolment.status);
  const criteria = await db.criterion.findMany({
    where: { unitVersionId: enrolment.unitVersionId },
    orderBy: [{ group: { position: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      ref: true,
      text: true,
      rangeTitle: true,
      group: { select: { title: true } },
      rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
    },
  });
  const timeZone = timeZoneOf(enrolment.centre);
  const heading = enrolmentHeading(enrolment);
  const activities = await db.plannedActivity.findMany({
    where: { enrolmentId, doneAt: null, cancelledAt: null },
    orderBy: { plannedFor: "asc" },
    select: { id: true, method: true, plannedFor: true, place: true },
  });
  return {
    openActivities: activities.map((a) => ({ ...a, plannedFor: calendarDateIn(a.plannedFor, timeZone) })),
    enrolmentId: enrolment.id,
    candidateName: heading.candidateName,
    unitCode: heading.unitCode,
    unitTitle: heading.unitTitle,
    timeZone,
    today: calendarDateIn(now, timeZone),
    closed,
    criteria: criteria.map(({ group, ...c }) => ({ ...c, groupTitle: group.title })),
  };
}
