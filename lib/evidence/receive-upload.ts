import crypto from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { z } from "zod";
import { recordAudit } from "../audit";
import { authorize, can, ForbiddenError, type Actor, type EvidenceResource } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { formatBytes } from "../format/bytes";
import { logUnexpected } from "../ops/log";
import { storage as defaultStorage, type StorageProvider } from "../storage";
import type { CommittedObject } from "../storage/storage-provider";
import { assertEvidenceChangeable } from "./evidence-lock";
import { loadEvidenceResource } from "./evidence-resource";
import { UploadError } from "./upload-error";
import { SNIFF_BYTES, sniffType } from "./sniff-type";
import { beginUpload, type UploadInFlight } from "./uploads-in-flight";
import { lockRow } from "../db/lock-row";
import { sessionsInProgress } from "../uploads/abandoned-sessions";

export { UploadError };

export type EvidenceFileDto = {
  id: string;
  evidenceId: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  createdAt: string;
};

const fileSelect = {
  id: true,
  evidenceId: true,
  originalName: true,
  size: true,
  sha256: true,
  mimeType: true,
  createdAt: true,
} as const;

function toFileDto(row: {
  id: string;
  evidenceId: string;
  originalName: string;
  size: bigint;
  sha256: string;
  mimeType: string;
  createdAt: Date;
}): EvidenceFileDto {
  return { ...row, size: Number(row.size), createdAt: row.createdAt.toISOString() };
}

// Invisible characters that reorder text, e.g. "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The name as the user gave it, only made safe to show and store: NFC, no control or bidi
 * characters, "/" and "\" replaced so it never reads as a path. Any script or emoji is kept.
 * It is never used to name the stored object.
 */
export const FileNameSchema = z
  .string()
  .transform((raw) =>
    raw
      .normalize("NFC")
      .replace(/\p{Cc}/gu, "")
      .replace(bidiControls, "")
      .replace(/[/\\]/g, "_")
      .trim(),
  )
  .pipe(
    z
      .string()
      .refine((name) => name.length > 0 && !/^\.+$/.test(name), "The file has no usable name. Rename it and try again.")
      .refine(
        (name) => Array.from(name).length <= 255,
        "The file name is longer than 255 characters. Shorten it and try again.",
      ),
  );

export function parseFileName(raw: string): string {
  const parsed = FileNameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UploadError(400, parsed.error.issues[0]?.message ?? "The file name is not valid.");
}

/**
 * Files may change only while the evidence itself may (lib/evidence/evidence-lock.ts): a
 * decision may rest on its files as much as on its description.
 */
export async function assertFilesChangeable(client: Pick<Db, "evidence">, evidenceId: string): Promise<void> {
  if (!(await assertEvidenceChangeable(client, evidenceId))) throw evidenceNotFound();
}

export function evidenceNotFound(): UploadError {
  return new UploadError(
    404,
    "That evidence does not exist, has been removed, or is not yours. Go back to your evidence and choose it from the list.",
    "evidence not found",
  );
}

export async function loadUploadResource(db: Db, evidenceId: string): Promise<EvidenceResource> {
  try {
    return await loadEvidenceResource(db, evidenceId);
  } catch (error) {
    if (error instanceof AppError) throw evidenceNotFound();
    throw error;
  }
}

type SumClient = Pick<Db, "evidenceFile">;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Each stored object once: a file carried over into a revision shares its original's object. */
export async function bytesUsedBy(db: SumClient, candidateId: string): Promise<number> {
  const sum = await db.evidenceFile.aggregate({
    where: { evidence: { candidateId }, copiedFromId: null },
    _sum: { size: true },
  });
  return Number(sum._sum.size ?? 0n);
}

/**
 * What the candidate's resumable uploads in progress have reserved of the allowance (their full
 * lengths; lib/uploads), leaving out `exceptSessionId` and uploads abandoned at `now`.
 * Shared across servers and restarts. An abandoned upload resumed later is checked again when
 * it finishes, like every upload.
 */
export async function bytesReservedBy(
  db: Pick<Db, "uploadSession">,
  candidateId: string,
  exceptSessionId?: string,
  now = Date.now(),
): Promise<number> {
  const sum = await db.uploadSession.aggregate({
    where: {
      candidateId,
      ...sessionsInProgress(now),
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    _sum: { length: true },
  });
  return Number(sum._sum.length ?? 0n);
}

export function tooLarge(maxBytes: number): UploadError {
  return new UploadError(
    413,
    `This file is larger than ${formatBytes(maxBytes)}, the most one file can be. Make it smaller (for example, compress a video or split a recording) and try again.`,
  );
}

export function overQuota(quotaBytes: number, used: number, othersInProgress = 0): UploadError {
  const left = Math.max(0, quotaBytes - used - othersInProgress);
  const others =
    othersInProgress > 0 ? `, counting ${formatBytes(othersInProgress)} for your other uploads still in progress` : "";
  return new UploadError(
    413,
    `This file would take you over your storage allowance of ${formatBytes(quotaBytes)} (${formatBytes(left)} left${others}). Free space by removing files from evidence you have not submitted, or ask your centre admin for more space.`,
  );
}

type Limits = { maxBytes: number; quotaBytes: number; used: number; inFlight: UploadInFlight };

/**
 * Whether an upload may have `bytes` in all: within the file limit, and within what is left of
 * the allowance beside the candidate's recorded files and their other uploads in progress.
 * Holds the bytes for this upload while they fit; lets them go at once when they do not, so a
 * simultaneous upload is not refused for them too.
 */
function admit({ maxBytes, quotaBytes, used, inFlight }: Limits, bytes: number): UploadError | undefined {
  let refusal: UploadError | undefined;
  if (bytes > maxBytes) {
    refusal = tooLarge(maxBytes);
  } else {
    inFlight.hold(bytes);
    const others = inFlight.othersBytes();
    if (used + others + bytes > quotaBytes) refusal = overQuota(quotaBytes, used, others);
  }
  if (refusal) inFlight.end();
  return refusal;
}

/** Counts, hashes and keeps the first bytes of everything that passes; fails once `admit` refuses. */
export class UploadMeter extends Transform {
  bytes = 0;
  private readonly hash = crypto.createHash("sha256");
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly admit: (bytes: number) => UploadError | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    const refusal = this.admit(this.bytes);
    if (refusal) {
      // The pipeline then destroys the request body: nothing more is read.
      callback(refusal);
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < SNIFF_BYTES) {
      // A copy, so the head does not keep a whole 64 KiB chunk alive.
      const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - this.headLength));
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    callback(null, chunk);
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}

function toNodeReadable(body: ReadableStream<Uint8Array> | Readable): Readable {
  if (body instanceof Readable) return body;
  // The DOM and node:stream/web ReadableStream types differ only on paper.
  return Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);
}

function isInterruption(error: unknown, failedFirst: string | undefined, signal: AbortSignal | undefined): boolean {
  if (failedFirst === "body" || signal?.aborted) return true;
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return name === "AbortError" || code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE";
}

export type ReceiveUploadInput = {
  db: Db;
  actor: Actor;
  evidenceId: string;
  /** The file's name as the user's computer gave it (already URL-decoded). */
  fileName: string;
  body: ReadableStream<Uint8Array> | Readable;
  /** Content-Length, when the client sent one; the body must match it exactly. */
  declaredLength?: number;
  maxBytes: number;
  quotaBytes: number;
  signal?: AbortSignal;
  storage?: StorageProvider;
};

/**
 * Streams one uploaded file into storage and records it on the evidence. Nothing is held in
 * memory but the first 4 KiB. Reading stops as soon as the file passes the file limit or what
 * is left of the candidate's allowance, counting their other uploads in progress. On any
 * failure the partial object is removed and no row is written; if the row cannot be written,
 * the committed object is removed.
 */
export async function receiveUpload(input: ReceiveUploadInput): Promise<EvidenceFileDto> {
  const { db, actor, evidenceId } = input;

  const resource = await loadUploadResource(db, evidenceId);
  // Evidence the actor may not even read answers as missing evidence, so ids cannot be probed.
  if (!can(actor, "evidence.read", resource)) throw evidenceNotFound();
  authorize(actor, "evidence.update", resource);
  await assertFilesChangeable(db, evidenceId);

  const originalName = parseFileName(input.fileName);

  const used = await bytesUsedBy(db, resource.candidateId);
  // Begun straight after reading `used`, with no await between (see beginUpload).
  const inFlight = beginUpload(resource.candidateId);
  try {
    return await storeAndRecord(input, resource, originalName, {
      maxBytes: input.maxBytes,
      quotaBytes: input.quotaBytes,
      used,
      inFlight,
    });
  } finally {
    inFlight.end();
  }
}

async function storeAndRecord(
  input: ReceiveUploadInput,
  resource: EvidenceResource,
  originalName: string,
  limits: Limits,
): Promise<EvidenceFileDto> {
  const stored = await streamToStorage(input, originalName, limits);
  return recordStoredFile(input, resource, originalName, limits, stored);
}

export type StoredUpload = { target: CommittedObject; size: number; mimeType: string; sha256: string };

/**
 * Streams the body to storage, within the limits, and checks what arrived: complete, not empty,
 * of an accepted type. On any failure the partial file is removed; what the user can act on is an UploadError.
 */
async function streamToStorage(input: ReceiveUploadInput, originalName: string, limits: Limits): Promise<StoredUpload> {
  const { declaredLength, signal } = input;
  const store = input.storage ?? defaultStorage();

  // A declared length is held before reading, so uploads starting alongside count it; with
  // none, an allowance already used up is refused before reading too.
  const refusal = admit(limits, Math.max(declaredLength ?? 0, 1));
  if (refusal) throw refusal;

  // pipeline passes one stream's error on to the others, so note which failed first: the
  // request body (the client went away) or storage (e.g. a full disk).
  let failedFirst: "body" | "storage" | undefined;
  const source = toNodeReadable(input.body);
  source.once("error", () => void (failedFirst ??= "body"));
  const meter = new UploadMeter((bytes) => admit(limits, bytes));
  const target = await store.createWriteTarget();
  target.stream.once("error", () => void (failedFirst ??= "storage"));

  let mimeType: string;
  let sha256: string;
  try {
    await pipeline(source, meter, target.stream, signal ? { signal } : {});
    if (declaredLength !== undefined && meter.bytes !== declaredLength) {
      throw new UploadError(
        400,
        "The file did not arrive complete. Nothing was saved; try again.",
        `body was ${meter.bytes} bytes, Content-Length said ${declaredLength}`,
      );
    }
    if (meter.bytes === 0)
      throw new UploadError(400, "This file is empty. Choose the file again, or check that it saved properly.");
    const sniffed = await sniffType({
      head: meter.head(),
      totalSize: meter.bytes,
      fileName: originalName,
      readAll: () => target.readWritten(),
    });
    if (!sniffed.ok) throw new UploadError(415, sniffed.message);
    mimeType = sniffed.mimeType;
    sha256 = meter.sha256();
    await target.commit();
  } catch (error) {
    try {
      await target.abort();
    } catch (abortError) {
      throw new AggregateError([error, abortError], "upload failed and its partial file could not be removed");
    }
    if (error instanceof UploadError) throw error;
    if (isInterruption(error, failedFirst, signal)) {
      throw new UploadError(
        400,
        "The upload stopped before the whole file arrived. Nothing was saved; try again.",
        `upload interrupted: ${String(error)}`,
      );
    }
    if ((error as { code?: unknown }).code === "ENOSPC") {
      throw new UploadError(
        507,
        "The server has run out of storage space, so nothing was saved. Tell your centre admin.",
        String(error),
      );
    }
    throw error;
  }
  return { target, size: meter.bytes, mimeType, sha256 };
}

/**
 * Records the stored file on the evidence, re-checking in that transaction; if that fails, the
 * stored object is removed again.
 */
async function recordStoredFile(
  input: ReceiveUploadInput,
  resource: EvidenceResource,
  originalName: string,
  limits: Limits,
  stored: StoredUpload,
): Promise<EvidenceFileDto> {
  const { db, actor, evidenceId } = input;
  // Others count this file as recorded from now on, not once the row is in (see recording).
  const notRecorded = limits.inFlight.recording();
  try {
    return await recordFile({ db, actor, resource, evidenceId, originalName, quotaBytes: limits.quotaBytes, stored });
  } catch (error) {
    notRecorded();
    throw error;
  }
}

export type RecordFileInput = {
  db: Db;
  actor: Actor;
  resource: EvidenceResource;
  evidenceId: string;
  originalName: string;
  quotaBytes: number;
  stored: StoredUpload;
  /**
   * The resumable upload (lib/uploads) this file completes: its reservation is not counted
   * against it, and `finishing` runs in the recording transaction (it ends the session there).
   */
  session?: { id: string; finishing: (tx: Tx) => Promise<void> };
};

/**
 * Records a stored, committed file on the evidence in one transaction that re-checks the lock
 * and the allowance (recorded files and resumable uploads in progress), with its audit event.
 * If that fails, the stored object is removed again. Shared by the one-request upload and the
 * resumable one (lib/uploads/finish-upload.ts).
 */
export async function recordFile(input: RecordFileInput): Promise<EvidenceFileDto> {
  const { db, stored } = input;
  try {
    const row = await db.$transaction((tx) => insertFileRow(tx, input));
    // The row now vouches for the object; a mark left behind only makes the boot sweep look it up.
    await stored.target.recorded().catch((error: unknown) => {
      logUnexpected("upload recorded but its pending mark was not removed", error, { storageKey: stored.target.key });
    });
    return toFileDto(row);
  } catch (error) {
    try {
      // The object and its pending mark: a crash here leaves the mark, and the boot sweep finishes.
      await stored.target.abort();
    } catch (deleteError) {
      throw new AggregateError(
        [error, deleteError],
        `recording the upload failed and stored object ${stored.target.key} could not be removed`,
      );
    }
    throw error;
  }
}

async function insertFileRow(tx: Tx, input: RecordFileInput) {
  const { actor, resource, evidenceId, originalName, quotaBytes, session } = input;
  const { target, size, mimeType, sha256 } = input.stored;
  // Re-checked in the transaction that adds the file: it may have been submitted, or other
  // uploads may have used the allowance, while this one was streaming.
  await assertFilesChangeable(tx, evidenceId);
  // Uploads finishing at the same moment take turns on the candidate's row, so on PostgreSQL
  // each re-check (its own statement, after the lock) sees the files the others committed.
  await lockRow(tx, "User", resource.candidateId);
  const usedNow = await bytesUsedBy(tx, resource.candidateId);
  const reserved = await bytesReservedBy(tx, resource.candidateId, session?.id);
  if (usedNow + reserved + size > quotaBytes) throw overQuota(quotaBytes, usedNow, reserved);
  await session?.finishing(tx);

  const created = await tx.evidenceFile.create({
    data: {
      evidenceId,
      storageKey: target.key,
      originalName,
      size: BigInt(size),
      sha256,
      mimeType,
      uploadId: session?.id,
    },
    select: fileSelect,
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: resource.centreId,
    action: "evidence.addFile",
    entityType: "EvidenceFile",
    entityId: created.id,
    after: { evidenceId, originalName, size, sha256, mimeType },
  });
  return created;
}

export type DeleteEvidenceFileInput = { db: Db; actor: Actor; fileId: string; storage?: StorageProvider };

function fileNotFound(): UploadError {
  return new UploadError(
    404,
    "That file does not exist, has already been removed, or is not yours. Reload the page to see the files as they are now.",
    "file not found",
  );
}

/**
 * Removes a file from evidence that has not been submitted: the row (with its audit event)
 * first, then the stored object, so a failure never leaves a row pointing at nothing.
 */
export async function deleteEvidenceFile({ db, actor, fileId, storage }: DeleteEvidenceFileInput): Promise<void> {
  const store = storage ?? defaultStorage();
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { ...fileSelect, storageKey: true, copiedFromId: true },
  });
  if (!file) throw fileNotFound();
  const resource = await loadUploadResource(db, file.evidenceId);
  // Someone who may not even read the evidence learns nothing, not even that the file exists.
  if (!can(actor, "evidence.read", resource)) throw fileNotFound();
  authorize(actor, "evidence.update", resource);

  await db.$transaction(async (tx) => {
    await assertFilesChangeable(tx, file.evidenceId);
    const { count } = await tx.evidenceFile.deleteMany({ where: { id: file.id } });
    if (count !== 1) throw fileNotFound();
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: resource.centreId,
      action: "evidence.removeFile",
      entityType: "EvidenceFile",
      entityId: file.id,
      before: {
        evidenceId: file.evidenceId,
        originalName: file.originalName,
        size: Number(file.size),
        sha256: file.sha256,
        mimeType: file.mimeType,
      },
    });
  });
  // A file carried over from an earlier version shares that version's object, which stays.
  if (file.copiedFromId !== null) return;
  try {
    await store.delete(file.storageKey);
  } catch (error) {
    // The file is already gone from the evidence, which is what the user asked for; an object
    // left in storage is only wasted space, so it is logged for an operator, not shown.
    logUnexpected("evidence file removed but its stored object was not", error, {
      fileId: file.id,
      storageKey: file.storageKey,
    });
  }
}

/** The status and user message a route sends for an error from this module or the policy. */
export function uploadErrorResponse(error: unknown): { status: number; message: string } {
  if (error instanceof UploadError) return { status: error.status, message: error.userMessage };
  if (error instanceof ForbiddenError) return { status: 403, message: error.userMessage };
  if (error instanceof AppError) return { status: 400, message: error.userMessage };
  return {
    status: 500,
    message:
      "Something went wrong on the server, so nothing was changed. Try again; if it keeps happening, tell your centre admin.",
  };
}
