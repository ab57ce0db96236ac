import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { abandonedSessions } from "./abandoned-sessions";

/** tus's default upload ids (@tus/utils Uid.rand): 16 random bytes in hex. Nothing else is touched. */
export const uploadIdPattern = /^[0-9a-f]{32}$/;

/** The staged bytes of an upload, and the JSON file @tus/file-store keeps beside them. */
export function stagedFiles(stagingDir: string, id: string): [string, string] {
  const file = path.join(stagingDir, id);
  return [file, `${file}.json`];
}

/** Removes an upload's staged file and its JSON; either being gone already is fine. */
export async function removeStaged(stagingDir: string, id: string): Promise<void> {
  for (const file of stagedFiles(stagingDir, id)) await fs.promises.rm(file, { force: true });
}

type Cutoff = { olderThanMs: number; now: number };

/** Sessions untouched for the period, and not held by a live lease, with their staged files. */
async function sweepStaleSessions(db: Pick<Db, "uploadSession">, stagingDir: string, cutoff: Cutoff) {
  const stale = abandonedSessions(cutoff.now, cutoff.olderThanMs);
  const sessions = await db.uploadSession.findMany({ where: stale, select: { id: true } });
  let removed = 0;
  for (const { id } of sessions) {
    // The same condition again, so a session touched since it was listed stays.
    const { count } = await db.uploadSession.deleteMany({ where: { id, ...stale } });
    if (count === 0) continue;
    await removeStaged(stagingDir, id);
    removed++;
  }
  return removed;
}

async function stagedIds(stagingDir: string): Promise<string[]> {
  try {
    const names = await fs.promises.readdir(stagingDir);
    return [...new Set(names.map((name) => name.replace(/\.json$/, "")))].filter((id) => uploadIdPattern.test(id));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Staged files whose session is gone (ended by a crash, or with its evidence), once as old. */
async function sweepOrphans(db: Pick<Db, "uploadSession">, stagingDir: string, cutoff: Cutoff) {
  let removed = 0;
  for (const id of await stagedIds(stagingDir)) {
    if ((await db.uploadSession.count({ where: { id } })) > 0) continue;
    const newest = Math.max(
      ...(await Promise.all(
        stagedFiles(stagingDir, id).map((file) =>
          fs.promises.stat(/*turbopackIgnore: true*/ file).then(
            (s) => s.mtimeMs,
            () => 0,
          ),
        ),
      )),
    );
    if (cutoff.now - newest <= cutoff.olderThanMs) continue;
    await removeStaged(stagingDir, id);
    removed++;
  }
  return removed;
}

/**
 * Resumable uploads nobody has continued for `olderThanMs` (their sessions, which free the
 * allowance they reserved, and their staged files), and staged files left without a session.
 * An upload being written renews its lease and touches its session, so it is never taken.
 * Returns how many uploads were removed.
 */
export async function sweepAbandonedStagedUploads(
  db: Pick<Db, "uploadSession">,
  stagingDir: string,
  olderThanMs: number,
  now = Date.now(),
): Promise<number> {
  const cutoff = { olderThanMs, now };
  return (await sweepStaleSessions(db, stagingDir, cutoff)) + (await sweepOrphans(db, stagingDir, cutoff));
}
