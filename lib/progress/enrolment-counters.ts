import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import { lockRow } from "../db/lock-row";
import { ragDeadlinesSql } from "./rag";

// Each enrolment keeps figures the progress pages sort, filter and aggregate on across a
// whole centre: how many of its criteria stand met ("metCount") and when its portfolio last
// changed ("lastActivityAt"). Counting them from Decision and Mapping for every one of 50,000
// enrolments on each page view missed the 100 ms target (docs/decisions/0007). They are a cache
// of those rows, never set by hand: every transaction that writes a decision or a mapping calls
// refreshEnrolmentCounters, which recounts from the rows, so the figures cannot drift.
//
// The definitions, in one place:
// - met: criteria of the enrolment with a standing (not revoked) MET decision;
// - last activity: the latest change on the enrolment, a mapping of evidence to one of its
//   criteria created, changed, submitted or reviewed, or a decision signed; NULL when nothing yet;
// - RAG deadlines: the last instants it is green and amber with that met count (ragDeadlines,
//   lib/progress/rag.ts), which the RAG state of a whole centre is read from.

type RawClient = Pick<Db, "$executeRaw">;

/**
 * One UPDATE of the enrolments `e` selects: their figures are counted in a subquery first, so
 * the RAG deadlines can be computed from the new met count in the same statement (SET
 * expressions alone would see the row as it was before the UPDATE).
 */
function recountSql(where: Prisma.Sql): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`"Enrolment"."${name}"`);
  const deadlines = ragDeadlinesSql({
    startMs: col("startMs"),
    endMs: col("endMs"),
    met: Prisma.raw(`c."met"`),
    total: Prisma.raw(`c."total"`),
  });
  return Prisma.sql`UPDATE "Enrolment"
    SET "metCount" = c."met", "lastActivityAt" = c."lastActivityAt",
      "greenUntilMs" = ${deadlines.greenUntilMs}, "amberUntilMs" = ${deadlines.amberUntilMs}
    FROM (
      SELECT e."id" AS "id",
        (SELECT COUNT(*) FROM "Decision" d
          WHERE d."enrolmentId" = e."id" AND d."outcome" = 'MET' AND d."currentSlot" = 'current') AS "met",
        (SELECT MAX(a."at") FROM (
          SELECT MAX(m."updatedAt") AS "at" FROM "Mapping" m WHERE m."enrolmentId" = e."id"
          UNION ALL
          SELECT MAX(d."signedAt") AS "at" FROM "Decision" d WHERE d."enrolmentId" = e."id") a) AS "lastActivityAt",
        (SELECT COUNT(*) FROM "Criterion" k WHERE k."unitVersionId" = e."unitVersionId") AS "total"
      FROM "Enrolment" e WHERE ${where}) c
    WHERE c."id" = "Enrolment"."id"`;
}

/**
 * Recounts the enrolments' figures. Call inside the transaction that changed their decisions or
 * mappings, after the change. On PostgreSQL two transactions may change the same enrolment at
 * once: the enrolment's row lock (lockRow) comes first, so the recount runs only after the
 * other has committed and sees its rows.
 * Enrolments are locked in id order so two such transactions cannot deadlock.
 */
export async function refreshEnrolmentCounters(tx: RawClient, enrolmentIds: Iterable<string>): Promise<void> {
  for (const id of [...new Set(enrolmentIds)].sort()) {
    await lockRow(tx, "Enrolment", id);
    await tx.$executeRaw(recountSql(Prisma.sql`e."id" = ${id}`));
  }
}

/** Recounts every enrolment of a centre: after bulk loads that write rows directly (seeds). */
export async function refreshCentreCounters(db: RawClient, centreId: string): Promise<number> {
  return db.$executeRaw(recountSql(Prisma.sql`e."centreId" = ${centreId}`));
}
