import type { MappingStatus } from "../../generated/sqlite/enums";
import type { Db } from "../db/client";
import { UploadError } from "./upload-error";

// The one rule for "can this evidence still change?": its details, its files, and whether it
// may be deleted. The server functions enforce it (updateEvidence, deleteEvidence,
// receiveUpload, deleteEvidenceFile) and the evidence page renders from getEvidence's answer,
// so what the page offers and what the server allows cannot drift apart.

export const lockedMessages = {
  submitted:
    "This evidence has been submitted for assessment, so it can no longer be changed or deleted. If you need to change it or its files, ask your assessor to return it.",
  underReview:
    "An assessor is reviewing or has accepted mappings of this evidence, so it can no longer be changed or deleted. If you need to change it or its files, ask your assessor.",
  /** Deleting only: reviewed evidence may still be revised, but its reviews are part of the record (docs/decisions/0005). */
  reviewed:
    "This evidence has been reviewed, so it stays on your record with its review history and cannot be deleted. You can still revise it, or remove the mappings you no longer claim.",
} as const;

/**
 * Mapping statuses that lock their evidence: a submitted mapping is being reviewed and an
 * accepted one is a decision resting on the evidence as it is. A referral (REJECTED) does not
 * lock, but an accepted mapping beside it still does.
 */
const lockingMappingStatuses: MappingStatus[] = ["SUBMITTED", "ACCEPTED"];

/** What `lockReason` needs, as a Prisma `select` (or `include`) on Evidence. */
export const lockStateSelect = {
  submittedAt: true as const,
  _count: { select: { mappings: { where: { status: { in: lockingMappingStatuses } } } } },
};

export type LockState = { submittedAt: Date | null; _count: { mappings: number } };

/**
 * Why the evidence can no longer be changed or deleted, or null while it is the candidate's to
 * change: not once it is submitted, nor while any of its mappings is submitted or accepted.
 */
export function lockReason(state: LockState): string | null {
  if (state.submittedAt) return lockedMessages.submitted;
  if (state._count.mappings > 0) return lockedMessages.underReview;
  return null;
}

/**
 * Refused because the evidence is locked (see `lockReason`). An AppError, as server actions
 * expect; the upload and file routes answer it with 409 Conflict.
 */
export class EvidenceLockedError extends UploadError {
  constructor(reason: string, logMessage?: string) {
    super(409, reason, logMessage);
  }
}

/** Throws EvidenceLockedError when `state` is locked. */
export function assertUnlocked(state: LockState, evidenceId: string): void {
  const reason = lockReason(state);
  if (reason) throw new EvidenceLockedError(reason, `evidence ${evidenceId} is locked`);
}

/**
 * Loads the lock state and throws EvidenceLockedError when locked; returns false when there is
 * no such evidence (the caller says so in its own words). Call it inside the transaction that
 * writes, so a submission made meanwhile is seen.
 */
export async function assertEvidenceChangeable(db: Pick<Db, "evidence">, evidenceId: string): Promise<boolean> {
  const state = await db.evidence.findUnique({ where: { id: evidenceId }, select: lockStateSelect });
  if (!state) return false;
  assertUnlocked(state, evidenceId);
  return true;
}
