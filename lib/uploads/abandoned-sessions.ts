import type { Prisma } from "../../generated/sqlite/client";

// When a resumable upload counts as abandoned: nobody has sent it a byte (or asked where it
// stands) for a day, and no server holds its lease. One definition for the sweep that removes
// such uploads (lib/uploads/staging.ts) and for the candidate's allowance, which stops reserving
// an abandoned upload's bytes at the same moment instead of when the daily sweep next runs.

/** How old a partial upload must be before it counts as abandoned: no upload in progress is that old. */
export const ABANDONED_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;

/** Upload sessions abandoned at `now`. */
export function abandonedSessions(now: number, olderThanMs = ABANDONED_UPLOAD_AGE_MS): Prisma.UploadSessionWhereInput {
  return {
    touchedAt: { lt: new Date(now - olderThanMs) },
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date(now) } }],
  };
}

/** Upload sessions still in progress at `now`: the others. */
export function sessionsInProgress(now: number, olderThanMs = ABANDONED_UPLOAD_AGE_MS): Prisma.UploadSessionWhereInput {
  return { NOT: abandonedSessions(now, olderThanMs) };
}
