import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import {
  evidenceNotFound,
  loadUploadResource,
  recordFile,
  UploadMeter,
  type EvidenceFileDto,
  type StoredUpload,
} from "../evidence/receive-upload";
import { SNIFF_BYTES, sniffType } from "../evidence/sniff-type";
import { UploadError } from "../evidence/upload-error";
import type { StorageProvider } from "../storage/storage-provider";
import { uploadNotFound, type UploadSessionRow } from "./upload-sessions";

async function readHead(file: string): Promise<{ head: Buffer; size: number }> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}

/** What the staged file is, from its content, before anything goes to storage. */
async function sniffStaged(stagedPath: string, session: UploadSessionRow): Promise<string> {
  const { head, size } = await readHead(stagedPath);
  if (size !== Number(session.length))
    throw new UploadError(
      400,
      "The file did not arrive complete. Nothing was saved; try again.",
      `staged ${size} bytes of ${session.length}`,
    );
  const sniffed = await sniffType({
    head,
    totalSize: size,
    fileName: session.fileName,
    readAll: () => fs.createReadStream(stagedPath),
  });
  if (!sniffed.ok) throw new UploadError(415, sniffed.message);
  return sniffed.mimeType;
}

function outOfSpace(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== "ENOSPC") return error;
  return new UploadError(
    507,
    "The server has run out of storage space, so nothing was saved. Tell your centre admin.",
    String(error),
  );
}

/** One read of the staged file: hashed on its way into a new stored object, committed. */
async function copyToStorage(stagedPath: string, storage: StorageProvider, mimeType: string): Promise<StoredUpload> {
  const meter = new UploadMeter(() => undefined);
  const target = await storage.createWriteTarget();
  try {
    await pipeline(fs.createReadStream(stagedPath), meter, target.stream);
    await target.commit();
  } catch (error) {
    await target.abort();
    throw outOfSpace(error);
  }
  return { target, size: meter.bytes, mimeType, sha256: meter.sha256() };
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}

/**
 * The staged file as a committed object: taken as it is where the storage can (local disk on
 * the same file system, docs/decisions/0027-adopting-staged-uploads.md), with the SHA-256
 * taken as its bytes were staged or else from one more read; otherwise copied, hashed on the way.
 */
async function storeStaged(
  stagedPath: string,
  storage: StorageProvider,
  mimeType: string,
  staged: { size: number; sha256: string | undefined },
): Promise<StoredUpload> {
  const adopted = await storage.adoptFile?.(stagedPath).catch((error: unknown) => Promise.reject(outOfSpace(error)));
  if (!adopted) return copyToStorage(stagedPath, storage, mimeType);
  try {
    const { size, sha256 } = staged;
    return { target: adopted, mimeType, ...(sha256 ? { size, sha256 } : await hashFile(stagedPath)) };
  } catch (error) {
    await adopted.abort();
    throw error;
  }
}

export type FinishUploadInput = {
  db: Db;
  actor: Actor;
  session: UploadSessionRow;
  stagedPath: string;
  /** The whole staged file's SHA-256 if it was taken as its bytes arrived (lib/uploads/running-hashes.ts). */
  sha256?: string;
  storage: StorageProvider;
  quotaBytes: number;
};

/**
 * Turns a complete resumable upload into an evidence file, with every check of the one-request
 * upload: its type sniffed from the content (before anything is stored), its SHA-256 taken
 * as the bytes were staged or from one read of the whole staged file (on its way into storage,
 * unless storage adopts the file as it is), and, in the transaction that records it, the
 * evidence lock and the allowance re-checked and the session ended. The caller removes the
 * staged file afterwards, whatever the outcome.
 */
export async function finishUpload(input: FinishUploadInput): Promise<EvidenceFileDto> {
  const { db, actor, session, stagedPath } = input;
  const resource = await loadUploadResource(db, session.evidenceId);
  if (!can(actor, "evidence.read", resource)) throw evidenceNotFound();
  authorize(actor, "evidence.update", resource);

  const mimeType = await sniffStaged(stagedPath, session);
  const staged = { size: Number(session.length), sha256: input.sha256 };
  const stored = await storeStaged(stagedPath, input.storage, mimeType, staged);
  return recordFile({
    db,
    actor,
    resource,
    evidenceId: session.evidenceId,
    originalName: session.fileName,
    quotaBytes: input.quotaBytes,
    stored,
    session: {
      id: session.id,
      // Ends the session with the file's row: if another request ended it first (a cancel),
      // nothing is recorded and the stored object goes again.
      finishing: async (tx) => {
        const { count } = await tx.uploadSession.deleteMany({ where: { id: session.id } });
        if (count !== 1) throw uploadNotFound();
      },
    },
  });
}
