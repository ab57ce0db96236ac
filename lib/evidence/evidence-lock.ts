import type { MappingStatus } from "../../generated/sqlite/enums";
import type { Db } from "../db/client";
import { UploadError } from "./upload-error";

// The one rule for "can this evidence still change?": its details, its files, whether it may
// be deleted, and whether it may be revised into a new version (docs/decisions/0017). The
// server functions enforce it (updateEvidence, deleteEvidence, receiveUpload,
// deleteEvidenceFile, reviseEvidence, proposeMapping on an old version) and the evidence page
// renders from getEvidence's answer, so what the page offers and what the server allows cannot
// drift apart.

export const lockedMessages = {
  submitted:
    "This evidence has been submitted for assessment, so it can no longer be changed or deleted. If you need to change it or its files, ask your assessor to return it.",
  underReview:
    "An assessor is reviewing or has accepted mappings of this evidence, so it can no longer be changed or deleted. If you need to change it or its files, ask your assessor.",
  /** Back with the candidate, part accepted and part referred back: a new version may be made. */
  partlyAccepted:
    "Your assessor accepted some mappings of this evidence, so this version stays exactly as they judged it: its details and files can no longer be changed. To change them for the mappings referred back, choose “Revise this evidence”: a new version is made with the same details and files, the referred mappings move to it, and the accepted ones stay here.",
  /** Deleting only: reviewed evidence may still be revised, but its reviews are part of the record (docs/decisions/0005). */
  reviewed:
    "This evidence has been reviewed, so it stays on your record with its review history and cannot be deleted. You can still revise it, or remove the mappings you no longer claim.",
  /** Revising evidence that is still the candidate's to change: no new version is needed. */
  noRevisionNeeded:
    "This evidence can still be changed as it is, so it needs no new version: use “Change the details” or its files.",
  /** Revising evidence with nothing referred back (or something still waiting for review). */
  nothingToRevise:
    "Only evidence returned to you with a mapping referred back and another accepted can be revised. Nothing of this evidence is waiting for you to revise.",
} as const;

/**
 * An assessor's record (an observation) its candidate has confirmed: a decision may rest on it
 * from then on (lib/assessment/met-shortfall.ts), and the confirmation was of these words and files.
 */
export const confirmedRecordMessage =
  "The candidate confirmed this record as accurate, so it can no longer be changed: a decision may rest on it as it is. If something in it turns out to be wrong, say so in its comments.";

/** An old version: it stays as it was judged; `newer` carries what was still open. */
export function supersededMessage(version: number, newer: number): string {
  return `This is version ${version} of this evidence, kept exactly as your assessor judged it: its accepted mappings rest on it, so it can no longer be changed or deleted. The mappings referred back moved to version ${newer}, where you can change the details and files and resubmit.`;
}

/** What `evidenceChange` needs, as a Prisma `select` on Evidence. */
export const lockStateSelect = {
  submittedAt: true,
  authorId: true,
  candidateResponse: true,
  version: true,
  revisedAs: { select: { id: true, version: true } },
  mappings: { select: { status: true, _count: { select: { reviews: true } } } },
} as const;

export type LockState = {
  submittedAt: Date | null;
  /** The assessor who recorded it (an observation), or null for the candidate's own evidence. */
  authorId: string | null;
  /** The candidate's answer to an assessor's record: "CONFIRMED", "DISPUTED" or null. */
  candidateResponse: string | null;
  version: number;
  revisedAs: { id: string; version: number } | null;
  mappings: ReadonlyArray<{ status: MappingStatus; _count: { reviews: number } }>;
};

/**
 * What may be done to the evidence itself (by whom is the policy's to say: the candidate for
 * their own evidence, the author for an assessor's record):
 * - `edit`: change its details and files (and delete it, unless it has reviews);
 * - `revise`: nothing of it may change, but a new version may be made for what was referred back;
 * - `none`: nothing, for `reason`.
 */
export type EvidenceChange =
  | { allowed: "edit" }
  | { allowed: "revise"; reason: string }
  | { allowed: "none"; reason: string; newerVersion: { id: string; version: number } | null };

/**
 * A claim referred back that is the candidate's to revise: rejected, or rejected and changed
 * since (PROPOSED again, with reviews: an accepted mapping never goes back to PROPOSED).
 */
function isReferred(m: LockState["mappings"][number]): boolean {
  return m.status === "REJECTED" || (m.status === "PROPOSED" && m._count.reviews > 0);
}

/**
 * The answer for one evidence item. Submitted evidence, or a mapping waiting for review, locks
 * it; an accepted mapping locks it too (a decision may rest on it as it is). When it is back
 * with the candidate with something accepted and something referred back, it may be revised.
 * An old version stays as it was for good.
 */
export function evidenceChange(state: LockState): EvidenceChange {
  if (state.revisedAs)
    return {
      allowed: "none",
      reason: supersededMessage(state.version, state.revisedAs.version),
      newerVersion: state.revisedAs,
    };
  // An assessor's record is submitted and accepted as it is made, so the candidate's rules below
  // would lock it at once: its author may correct it until the candidate confirms it. No decision
  // rests on it before then (only confirmed records count towards met: met-shortfall.ts).
  if (state.authorId !== null)
    return state.candidateResponse === "CONFIRMED"
      ? { allowed: "none", reason: confirmedRecordMessage, newerVersion: null }
      : { allowed: "edit" };
  if (state.submittedAt) return { allowed: "none", reason: lockedMessages.submitted, newerVersion: null };
  const statuses = state.mappings.map((m) => m.status);
  if (statuses.includes("SUBMITTED"))
    return { allowed: "none", reason: lockedMessages.underReview, newerVersion: null };
  if (!statuses.includes("ACCEPTED")) return { allowed: "edit" };
  if (state.mappings.some(isReferred)) return { allowed: "revise", reason: lockedMessages.partlyAccepted };
  return { allowed: "none", reason: lockedMessages.underReview, newerVersion: null };
}

/** Why the evidence can no longer be changed or deleted, or null while it is the candidate's to change. */
export function lockReason(state: LockState): string | null {
  const change = evidenceChange(state);
  return change.allowed === "edit" ? null : change.reason;
}

/** The lock state of one evidence item, or null when there is no such evidence. */
export function loadLockState(db: Pick<Db, "evidence">, evidenceId: string): Promise<LockState | null> {
  return db.evidence.findUnique({ where: { id: evidenceId }, select: lockStateSelect });
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

/**
 * Refuses new claims on an old version: it stays as it was judged, and what was still open moved
 * to the newer version (mapping the evidence goes there).
 */
export function assertLatestVersion(state: Pick<LockState, "version" | "revisedAs">, evidenceId: string): void {
  if (state.revisedAs)
    throw new EvidenceLockedError(
      supersededMessage(state.version, state.revisedAs.version),
      `evidence ${evidenceId} was revised as ${state.revisedAs.id}`,
    );
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
  const state = await loadLockState(db, evidenceId);
  if (!state) return false;
  assertUnlocked(state, evidenceId);
  return true;
}

/**
 * The reviews that keep evidence on the record: those of it, and those its mappings carry from
 * an earlier version (a revision's moved mappings keep their reviews of the version they judged).
 */
export function reviewsOfEvidence(evidenceId: string) {
  return { OR: [{ evidenceId }, { mapping: { evidenceId } }] };
}
