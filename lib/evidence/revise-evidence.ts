import { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { evidenceChange, EvidenceLockedError, lockedMessages, loadLockState } from "./evidence-lock";
import { loadEvidenceResource } from "./evidence-resource";
import { evidenceAuditSnapshot } from "./get-evidence";

export type RevisedEvidence = { id: string; version: number; revisionOfId: string; movedMappingIds: string[] };

/** The mappings a revision takes with it: those still open (referred back or not yet submitted). */
const openStatuses = ["PROPOSED", "REJECTED"] as const;

function notFound(): AppError {
  return new AppError("That evidence does not exist or has been removed.", "evidence to revise not found");
}

/**
 * Makes a new version of the candidate's evidence that is part accepted and part referred back
 * (docs/decisions/0017): same details, the same files (each a copy that shares the stored
 * object), and the mappings still open moved to it. The accepted mappings, their reviews and any
 * decision resting on them stay on this version, whose files are not touched, so a signed
 * decision's hash still verifies. All or nothing, in one transaction, audited in it.
 */
export async function reviseEvidence(db: Db, actor: Actor, evidenceId: string): Promise<RevisedEvidence> {
  authorize(actor, "evidence.revise", await loadEvidenceResource(db, evidenceId));
  try {
    return await db.$transaction((tx) => writeRevision(tx, actor, evidenceId));
  } catch (error) {
    // Revised at the same moment in another tab: the unique revisionOfId let one in.
    if (isUniqueViolation(error, "Evidence")) {
      const lock = await loadLockState(db, evidenceId);
      const change = lock ? evidenceChange(lock) : null;
      if (change?.allowed === "none") throw new EvidenceLockedError(change.reason, "evidence revised twice at once");
    }
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function writeRevision(tx: Tx, actor: Actor, evidenceId: string): Promise<RevisedEvidence> {
  // Checked inside the transaction: a submission or review made meanwhile is seen.
  const lock = await loadLockState(tx, evidenceId);
  if (!lock) throw notFound();
  const change = evidenceChange(lock);
  if (change.allowed === "edit") throw new EvidenceLockedError(lockedMessages.noRevisionNeeded);
  if (change.allowed === "none")
    throw new EvidenceLockedError(change.newerVersion ? change.reason : lockedMessages.nothingToRevise);

  const old = await tx.evidence.findUnique({
    where: { id: evidenceId },
    include: {
      files: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      mappings: { select: { id: true, status: true, enrolmentId: true } },
    },
  });
  if (!old || old.candidateId !== actor.userId) throw notFound();

  const revision = await copyAsNextVersion(tx, old);
  const moving = old.mappings.filter((m) => (openStatuses as readonly string[]).includes(m.status));
  const kept = old.mappings.filter((m) => !moving.includes(m));
  await tx.mapping.updateMany({
    where: { id: { in: moving.map((m) => m.id) }, evidenceId: old.id },
    data: { evidenceId: revision.id },
  });
  await refreshEnrolmentCounters(
    tx,
    moving.map((m) => m.enrolmentId),
  );
  const files = await tx.evidenceFile.findMany({
    where: { evidenceId: revision.id },
    select: { id: true, copiedFromId: true, originalName: true, sha256: true },
    orderBy: { id: "asc" },
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: old.centreId,
    action: "evidence.revise",
    entityType: "Evidence",
    entityId: revision.id,
    before: {
      evidenceId: old.id,
      version: old.version,
      keptMappings: kept.map((m) => ({ id: m.id, status: m.status })),
    },
    after: {
      ...evidenceAuditSnapshot(revision),
      version: revision.version,
      revisionOfId: old.id,
      files,
      movedMappings: moving.map((m) => ({ id: m.id, status: m.status })),
    },
  });
  return { id: revision.id, version: revision.version, revisionOfId: old.id, movedMappingIds: moving.map((m) => m.id) };
}

/** The next version of the evidence: its details copied, and each file again by reference. */
async function copyAsNextVersion(tx: Tx, old: Prisma.EvidenceGetPayload<{ include: { files: true } }>) {
  const revision = await tx.evidence.create({
    data: {
      centreId: old.centreId,
      candidateId: old.candidateId,
      title: old.title,
      method: old.method,
      activityDate: old.activityDate,
      description: old.description,
      simulated: old.simulated,
      workplaceDocument: old.workplaceDocument ?? Prisma.DbNull,
      round: old.round,
      version: old.version + 1,
      revisionOfId: old.id,
    },
  });
  // Each file again, by reference: the same stored object and hash, never the bytes.
  for (const f of old.files) {
    await tx.evidenceFile.create({
      data: {
        evidenceId: revision.id,
        storageKey: f.storageKey,
        originalName: f.originalName,
        size: f.size,
        sha256: f.sha256,
        mimeType: f.mimeType,
        createdAt: f.createdAt,
        copiedFromId: f.id,
      },
    });
  }
  return revision;
}
