import { can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "./evidence-resource";

// Which stored file a download or preview (app/api/files/[id]) may serve to whom: a file goes
// with its evidence, so whoever may read the evidence may read its files, and nobody else.

/**
 * The file `fileId` if the actor may read its evidence, or null. A file the actor may not read
 * gets the same null as one that does not exist, never a refusal: otherwise anyone signed in
 * could probe ids to learn which files exist.
 */
export async function findReadableFile(db: Db, actor: Actor, fileId: string, now: Date = new Date()) {
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, evidenceId: true, storageKey: true, originalName: true, mimeType: true, sha256: true },
  });
  if (!file) return null;
  const resource = await loadEvidenceResource(db, file.evidenceId).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
  if (!resource || !can(actor, "evidence.read", resource, now)) return null;
  return file;
}
