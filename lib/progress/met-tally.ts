import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import type { Provider } from "../db/provider";
import { epochMsSql } from "./rag";
import { lockRow } from "../db/lock-row";

// The dashboard's "criteria met per week" counts a centre's standing MET decisions signed in
// each of the last 26 weeks: some 330,000 decisions at 10,000 candidates, which cost about
// 110 ms to count on every view. MetTally keeps the same counts per quarter hour (a few
// thousand rows per centre for 26 weeks), and the chart sums those. Quarter hours because every
// time zone's midnight (the weeks start at midnight, centre time) falls on one; whole hours
// would not do for India or Nepal.
//
// Like the enrolment counters (docs/decisions/0007), a tally is a recount, never a +1: every
// transaction that signs or revokes a MET decision recounts the quarter hour it was signed in.

export const QUARTER_HOUR_MS = 15 * 60_000;

/** The quarter hour an instant falls in: whole quarter hours since 1970, UTC. */
export function slotOf(at: Date): number {
  return Math.floor(at.getTime() / QUARTER_HOUR_MS);
}

type TallyClient = Pick<Db, "$executeRaw" | "decision" | "metTally">;

/**
 * Recounts the standing MET decisions of the centre signed in the quarter hour of `signedAt`.
 * Call inside the transaction that signed or revoked one, after the change. The centre's row is
 * locked first so two such transactions take turns (each recount, a statement after the lock,
 * then sees the other's committed decision, and the upsert cannot race another insert).
 */
export async function refreshMetTally(tx: TallyClient, centreId: string, signedAt: Date): Promise<void> {
  await lockRow(tx, "Centre", centreId);
  const slot = slotOf(signedAt);
  const count = await tx.decision.count({
    where: {
      centreId,
      outcome: "MET",
      currentSlot: "current",
      signedAt: { gte: new Date(slot * QUARTER_HOUR_MS), lt: new Date((slot + 1) * QUARTER_HOUR_MS) },
    },
  });
  await tx.metTally.upsert({
    where: { centreId_slot: { centreId, slot } },
    create: { centreId, slot, count },
    update: { count },
  });
}

/** The quarter hour of a timestamp column, in SQL (the same arithmetic as `slotOf`). */
export function slotSql(provider: Provider, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST(${epochMsSql(provider, column)} / ${Prisma.raw(String(QUARTER_HOUR_MS))} AS INTEGER)`;
}

/** Recounts a centre's whole tally: after bulk loads that write decisions directly (seeds). */
export async function refreshCentreMetTally(
  db: Pick<Db, "$executeRaw">,
  provider: Provider,
  centreId: string,
): Promise<void> {
  await db.$executeRaw`DELETE FROM "MetTally" WHERE "centreId" = ${centreId}`;
  await db.$executeRaw`INSERT INTO "MetTally" ("centreId", "slot", "count")
    SELECT d."centreId", ${slotSql(provider, Prisma.sql`d."signedAt"`)}, COUNT(*) FROM "Decision" d
    WHERE d."centreId" = ${centreId} AND d."outcome" = 'MET' AND d."currentSlot" = 'current'
    GROUP BY 1, 2`;
}
