import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { logUnexpected } from "../ops/log";
import { storage as defaultStorage, type StorageProvider } from "../storage";
import { loadEvidenceResource } from "./evidence-resource";
import { assertUnlocked, loadLockState, lockedMessages, reviewsOfEvidence } from "./evidence-lock";
import { evidenceAuditSnapshot } from "./get-evidence";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

/**
 * Deletes the candidate's own evidence, with its files and proposed mappings, while nothing of
 * it has been submitted or accepted. The rows go first (with the audit event), then the stored
 * files, so a failure never leaves a row pointing at nothing.
 */
export async function deleteEvidence(
  db: Db,
  actor: Actor,
  evidenceId: string,
  store: Pick<StorageProvider, "delete"> = defaultStorage(),
): Promise<void> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.delete", resource);

  const storageKeys = await db.$transaction(async (tx) => {
    const lock = await loadLockState(tx, evidenceId);
    if (!lock) throw new AppError("That evidence does not exist or has already been deleted.");
    assertUnlocked(lock, evidenceId);
    const before = await tx.evidence.findUnique({
      where: { id: evidenceId },
      include: {
        files: {
          select: { id: true, storageKey: true, originalName: true, size: true, sha256: true, copiedFromId: true },
        },
        mappings: { select: { criterionId: true, enrolmentId: true, status: true } },
      },
    });
    if (!before) throw new AppError("That evidence does not exist or has already been deleted.");
    // Its reviews are part of the record (docs/decisions/0005); the database refuses too.
    if ((await tx.mappingReview.count({ where: reviewsOfEvidence(evidenceId) })) > 0)
      throw new AppError(lockedMessages.reviewed, `evidence ${evidenceId} has reviews`);

    const { count } = await tx.evidence.deleteMany({ where: { id: evidenceId } });
    if (count !== 1) throw new AppError("That evidence does not exist or has already been deleted.");
    // Its proposed mappings went with it (cascade).
    await refreshEnrolmentCounters(
      tx,
      before.mappings.map((m) => m.enrolmentId),
    );
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: before.centreId,
      action: "evidence.delete",
      entityType: "Evidence",
      entityId: evidenceId,
      before: {
        ...evidenceAuditSnapshot(before),
        files: before.files.map((f) => ({
          id: f.id,
          originalName: f.originalName,
          size: Number(f.size),
          sha256: f.sha256,
        })),
        mappings: before.mappings,
      },
    });
    // A file carried over from an earlier version only refers to that version's stored object.
    return before.files.filter((f) => f.copiedFromId === null).map((f) => f.storageKey);
  });

  for (const key of storageKeys) {
    try {
      await store.delete(key);
    } catch (error) {
      // The evidence is gone, as the user asked; an object left in storage is only wasted
      // space, so it is logged for an operator rather than shown.
      logUnexpected("evidence deleted but a stored object was not", error, { evidenceId, storageKey: key });
    }
  }
}
