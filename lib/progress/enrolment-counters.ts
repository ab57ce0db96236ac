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

function recountSql(enrolmentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    "metCount" = (SELECT COUNT(*) FROM "Decision" d
      WHERE d."enrolmentId" = ${enrolmentId} AND d."outcome" = 'MET' AND d."currentSlot" = 'current'),
    "lastActivityAt" = (SELECT MAX(a."at") FROM (
      SELECT MAX(m."updatedAt") AS "at" FROM "Mapping" m WHERE m."enrolmentId" = ${enrolmentId}
      UNION ALL
      SELECT MAX(d."signedAt") AS "at" FROM "Decision" d WHERE d."enrolmentId" = ${enrolmentId}) a)`;
}

/**
 * The RAG deadlines from the enrolment's (just recounted) met count and its unit version's
 * criteria: a second UPDATE, because SET expressions see the row as it was before the UPDATE.
 * `t` is every unit version with its number of criteria.
 */
const deadlinesSql = (() => {
  const col = (name: string) => Prisma.raw(`"Enrolment"."${name}"`);
  const d = ragDeadlinesSql({ startMs: col("startMs"), endMs: col("endMs"), met: col("metCount"), total: Prisma.raw(`t."total"`) });
  return Prisma.sql`UPDATE "Enrolment" SET "greenUntilMs" = ${d.greenUntilMs}, "amberUntilMs" = ${d.amberUntilMs}
    FROM (SELECT uv."id" AS "unitVersionId", (SELECT COUNT(*) FROM "Criterion" c WHERE c."unitVersionId" = uv."id") AS "total" FROM "UnitVersion" uv) t
    WHERE t."unitVersionId" = "Enrolment"."unitVersionId"`;
})();

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
    await tx.$executeRaw`UPDATE "Enrolment" SET ${recountSql(Prisma.sql`"Enrolment"."id"`)} WHERE "id" = ${id}`;
    await tx.$executeRaw`${deadlinesSql} AND "Enrolment"."id" = ${id}`;
  }
}

/** Recounts every enrolment of a centre: after bulk loads that write rows directly (seeds). */
export async function refreshCentreCounters(db: RawClient, centreId: string): Promise<number> {
  const count = await db.$executeRaw`UPDATE "Enrolment" SET ${recountSql(Prisma.sql`"Enrolment"."id"`)} WHERE "centreId" = ${centreId}`;
  await db.$executeRaw`${deadlinesSql} AND "Enrolment"."centreId" = ${centreId}`;
  return count;
}
