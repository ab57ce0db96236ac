import { z } from "zod";
import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { lockRow } from "../db/lock-row";
import {
  assertFilesChangeable,
  bytesReservedBy,
  bytesUsedBy,
  evidenceNotFound,
  loadUploadResource,
  overQuota,
  parseFileName,
  tooLarge,
} from "../evidence/receive-upload";
import { UploadError } from "../evidence/upload-error";

export type UploadLimits = { maxBytes: number; quotaBytes: number };

/** What the browser sends as tus Upload-Metadata when it starts an upload. */
const UploadMetadataSchema = z.object({
  evidenceId: z
    .string({ error: "The upload did not say which evidence it is for. Reload the page and try again." })
    .min(1, "The upload did not say which evidence it is for. Reload the page and try again.")
    .max(100, "The evidence id is not valid. Reload the page and try again."),
  filename: z.string({ error: "The upload did not say the file's name. Reload the page and try again." }),
});

export type NewUpload = {
  id: string;
  /** Upload-Length; undefined when the client deferred it, which this server does not accept. */
  length: number | undefined;
  metadata: Record<string, string | null> | undefined;
};

function parseMetadata(metadata: NewUpload["metadata"]): { evidenceId: string; filename: string } {
  const parsed = UploadMetadataSchema.safeParse(metadata ?? {});
  if (!parsed.success) throw new UploadError(400, parsed.error.issues[0]?.message ?? "The upload is not valid.");
  return parsed.data;
}

function parseLength(length: number | undefined, maxBytes: number): number {
  if (length === undefined || !Number.isSafeInteger(length))
    throw new UploadError(
      400,
      "The upload did not say how large the file is (Upload-Length). Reload the page and try again.",
    );
  if (length === 0)
    throw new UploadError(400, "This file is empty. Choose the file again, or check that it saved properly.");
  if (length > maxBytes) throw tooLarge(maxBytes);
  return length;
}

/**
 * Starts a resumable upload, as the one-request upload checks it: the actor may change the
 * evidence, it is not locked, the name is usable, the length is within the file limit and
 * within what is left of the candidate's allowance beside their recorded files and their other
 * uploads in progress. The check and the new session's row are one transaction that locks the
 * candidate's row, so two uploads starting at once (on any servers) take turns and cannot both
 * pass on the same space. The session reserves the whole length until it completes or goes.
 */
export async function openUploadSession(
  db: Db,
  actor: Actor,
  upload: NewUpload,
  limits: UploadLimits,
): Promise<{ evidenceId: string; fileName: string }> {
  const { evidenceId, filename } = parseMetadata(upload.metadata);
  const resource = await loadUploadResource(db, evidenceId);
  // Evidence the actor may not even read answers as missing evidence, so ids cannot be probed.
  if (!can(actor, "evidence.read", resource)) throw evidenceNotFound();
  authorize(actor, "evidence.update", resource);
  await assertFilesChangeable(db, evidenceId);
  const fileName = parseFileName(filename);
  const length = parseLength(upload.length, limits.maxBytes);

  await db.$transaction(async (tx) => {
    await assertFilesChangeable(tx, evidenceId);
    await lockRow(tx, "User", resource.candidateId);
    const used = await bytesUsedBy(tx, resource.candidateId);
    const reserved = await bytesReservedBy(tx, resource.candidateId);
    if (used + reserved + length > limits.quotaBytes) throw overQuota(limits.quotaBytes, used, reserved);
    await tx.uploadSession.create({
      data: {
        id: upload.id,
        centreId: resource.centreId,
        candidateId: resource.candidateId,
        evidenceId,
        ownerId: actor.userId,
        fileName,
        length: BigInt(length),
      },
    });
  });
  return { evidenceId, fileName };
}

export type UploadSessionRow = {
  id: string;
  evidenceId: string;
  candidateId: string;
  ownerId: string;
  fileName: string;
  length: bigint;
};

export function uploadNotFound(): UploadError {
  return new UploadError(
    404,
    "This upload cannot be continued: it has finished, was cancelled or abandoned, or is not yours. Choose the file again to upload it.",
    "upload session not found",
  );
}

/**
 * The session of an upload the actor started; anyone else is told it does not exist, so upload
 * ids cannot be probed. Marks it as touched, which keeps the sweep away.
 */
export async function ownSession(db: Db, actor: Actor, id: string): Promise<UploadSessionRow> {
  const session = await db.uploadSession.findUnique({
    where: { id },
    select: { id: true, evidenceId: true, candidateId: true, ownerId: true, fileName: true, length: true },
  });
  if (!session || session.ownerId !== actor.userId) throw uploadNotFound();
  await db.uploadSession.updateMany({ where: { id }, data: { touchedAt: new Date() } });
  return session;
}

/**
 * Before more bytes are written: the actor may still change the evidence and it is not locked
 * (it may have been submitted since the upload began).
 */
export async function assertMayContinue(db: Db, actor: Actor, session: UploadSessionRow): Promise<void> {
  const resource = await loadUploadResource(db, session.evidenceId);
  if (!can(actor, "evidence.read", resource)) throw evidenceNotFound();
  authorize(actor, "evidence.update", resource);
  await assertFilesChangeable(db, session.evidenceId);
}

/**
 * The length of a finished upload whose file the actor may read, or undefined. The finish ends
 * the session in the transaction that records the file, so an upload has one or the other.
 */
export async function finishedUploadLength(db: Db, actor: Actor, id: string): Promise<bigint | undefined> {
  const file = await db.evidenceFile.findUnique({ where: { uploadId: id }, select: { size: true, evidenceId: true } });
  if (!file) return undefined;
  const resource = await loadUploadResource(db, file.evidenceId);
  return can(actor, "evidence.read", resource) ? file.size : undefined;
}
