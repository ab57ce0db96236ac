import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { calendarDateIn } from "../format/date";
import { evidenceStatusLabel, mappingStatusLabel } from "../mapping/status-words";
import { loadEvidenceResource } from "./evidence-resource";
import { WorkplaceDocument } from "./evidence-form-schema";
import { methodLabel } from "./methods";
import {
  evidenceChange,
  lockedMessages,
  lockStateSelect,
  reviewsOfEvidence,
  type EvidenceChange,
} from "./evidence-lock";
import { testimonyLockedMessage } from "../witness/state";
import { timeZoneOf } from "../format/time-zone";

export type MappingStatusCounts = { proposed: number; submitted: number; accepted: number; rejected: number };

export type EvidenceDetail = {
  id: string;
  centreId: string;
  candidateId: string;
  title: string;
  method: string;
  methodLabel: string;
  activityDate: Date;
  /** The activity date as the calendar date it is in the centre's time zone, for date inputs. */
  activityCalendarDate: string;
  timeZone: string;
  description: string;
  simulated: boolean;
  workplaceDocument: WorkplaceDocument | null;
  submittedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  fileCount: number;
  mappings: MappingStatusCounts;
  statusText: string;
  /** 1 for new evidence; each revision is one more (docs/decisions/0017). */
  version: number;
  /** The version this one revises, and the version that revised this one (then this one is read-only). */
  revisionOf: { id: string; version: number } | null;
  revisedAs: { id: string; version: number } | null;
  /** Why it can no longer be changed or deleted, or null while it is the candidate's to change. */
  lockedBecause: string | null;
  canEdit: boolean;
  /** It is locked, but the viewer may make a new version of it for the mappings referred back. */
  canRevise: boolean;
  /**
   * The viewer may map it to criteria and submit it (the candidate's own evidence, not an older
   * version): an assessor's record or a witness's testimony is answered or judged, not re-mapped.
   */
  canMap: boolean;
  /** Why it cannot be deleted although it can be changed (it has been reviewed), or null. */
  keptBecause: string | null;
  canDelete: boolean;
};

// Callers that show the messages beside the evidence import them from here too.
export { lockedMessages };

/** Counts mappings of each status from `groupBy` rows. */
export function mappingStatusCounts(rows: ReadonlyArray<{ status: string; count: number }>): MappingStatusCounts {
  const counts: MappingStatusCounts = { proposed: 0, submitted: 0, accepted: 0, rejected: 0 };
  for (const row of rows) {
    if (row.status === "PROPOSED") counts.proposed += row.count;
    else if (row.status === "SUBMITTED") counts.submitted += row.count;
    else if (row.status === "ACCEPTED") counts.accepted += row.count;
    else if (row.status === "REJECTED") counts.rejected += row.count;
  }
  return counts;
}

/**
 * "Draft (not submitted)", "Referred back. Mappings: 1 accepted, 1 referred back", or
 * "Resubmitted (round 2). Mappings: 2 accepted, 1 awaiting review".
 */
export function evidenceStatusText(
  evidence: { submittedAt: Date | null; round: number; version?: number; revisedAs?: { version: number } | null },
  mappings: MappingStatusCounts,
): string {
  const parts: string[] = [];
  if (mappings.accepted > 0) parts.push(`${mappings.accepted} ${mappingStatusLabel("ACCEPTED").toLowerCase()}`);
  if (mappings.rejected > 0) parts.push(`${mappings.rejected} ${mappingStatusLabel("REJECTED").toLowerCase()}`);
  if (mappings.submitted > 0) parts.push(`${mappings.submitted} awaiting review`);
  const base = evidence.revisedAs
    ? `Version ${evidence.version ?? 1}, revised as version ${evidence.revisedAs.version}`
    : evidenceStatusLabel(evidence);
  return parts.length > 0 ? `${base}. Mappings: ${parts.join(", ")}` : base;
}

export function parseWorkplaceDocument(value: unknown): WorkplaceDocument | null {
  const parsed = WorkplaceDocument.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One evidence item, for anyone allowed to read it: its owner, their assessor, IQA, shared EQA, centre admin. */
export async function getEvidence(db: Db, actor: Actor, evidenceId: string): Promise<EvidenceDetail> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.read", resource);

  const [evidence, centre, statusRows, reviewCount] = await Promise.all([
    db.evidence.findUnique({
      where: { id: evidenceId },
      select: {
        id: true,
        centreId: true,
        candidateId: true,
        title: true,
        method: true,
        activityDate: true,
        description: true,
        simulated: true,
        workplaceDocument: true,
        round: true,
        createdAt: true,
        updatedAt: true,
        revisionOf: { select: { id: true, version: true } },
        _count: { select: { files: true } },
        // What evidenceChange needs (lib/evidence/evidence-lock.ts), submittedAt and version included.
        ...lockStateSelect,
      },
    }),
    db.centre.findUnique({ where: { id: resource.centreId }, select: { timeZone: true } }),
    db.mapping.groupBy({ by: ["status"], where: { evidenceId }, _count: { _all: true } }),
    db.mappingReview.count({ where: reviewsOfEvidence(evidenceId) }),
  ]);
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");

  const timeZone = timeZoneOf(centre);
  const mappings = mappingStatusCounts(statusRows.map((row) => ({ status: row.status, count: row._count._all })));
  // A witness's signed testimony never changes (the policy refuses every change to it): say that,
  // not the submission lock, which would tell the candidate to ask for it back.
  const change: EvidenceChange =
    resource.origin?.by === "witness"
      ? { allowed: "none", reason: testimonyLockedMessage, newerVersion: null }
      : evidenceChange(evidence);
  const lockedBecause = change.allowed === "edit" ? null : change.reason;
  // The evidence page shows its edit, file, revise and delete controls from these, and the
  // server functions refuse by the same evidenceChange (lib/evidence/evidence-lock.ts).
  const canEdit = change.allowed === "edit" && can(actor, "evidence.update", resource);
  return {
    id: evidence.id,
    centreId: evidence.centreId,
    candidateId: evidence.candidateId,
    title: evidence.title,
    method: evidence.method,
    methodLabel: methodLabel(evidence.method),
    activityDate: evidence.activityDate,
    activityCalendarDate: calendarDateIn(evidence.activityDate, timeZone),
    timeZone,
    description: evidence.description,
    simulated: evidence.simulated,
    workplaceDocument: parseWorkplaceDocument(evidence.workplaceDocument),
    submittedAt: evidence.submittedAt,
    createdAt: evidence.createdAt,
    updatedAt: evidence.updatedAt,
    fileCount: evidence._count.files,
    mappings,
    statusText: evidenceStatusText(evidence, mappings),
    version: evidence.version,
    revisionOf: evidence.revisionOf,
    revisedAs: evidence.revisedAs,
    lockedBecause,
    canEdit,
    canRevise: change.allowed === "revise" && can(actor, "evidence.revise", resource),
    canMap: evidence.revisedAs === null && can(actor, "mapping.propose", resource),
    keptBecause: reviewCount > 0 ? lockedMessages.reviewed : null,
    canDelete: lockedBecause === null && reviewCount === 0 && can(actor, "evidence.delete", resource),
  };
}

/** The fields an AuditEvent records before and after a change. */
export function evidenceAuditSnapshot(row: {
  title: string;
  method: string;
  activityDate: Date;
  description: string;
  simulated: boolean;
  workplaceDocument: unknown;
  submittedAt?: Date | null;
}) {
  return {
    title: row.title,
    method: row.method,
    activityDate: row.activityDate.toISOString(),
    description: row.description,
    simulated: row.simulated,
    workplaceDocument: parseWorkplaceDocument(row.workplaceDocument),
    ...(row.submittedAt === undefined ? {} : { submittedAt: row.submittedAt?.toISOString() ?? null }),
  };
}
