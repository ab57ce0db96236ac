import type { Db } from "../db/client";

/** A standing decision as the candidate's pages show it: its outcome, who signed it and when. */
export type DecisionSummary = { outcome: "MET" | "NOT_YET_MET"; signedAt: Date; signedBy: string };

type SignedRow = { outcome: "MET" | "NOT_YET_MET"; signedAt: Date; signedById: string };

/**
 * Looks up the signers' names of these decisions (one query, none when there are none) and
 * returns the function that summarises each of them.
 */
export async function decisionSummaries(
  db: Pick<Db, "user">,
  decisions: SignedRow[],
): Promise<(decision: SignedRow) => DecisionSummary> {
  const signerIds = [...new Set(decisions.map((d) => d.signedById))];
  const names = new Map(
    (signerIds.length > 0
      ? await db.user.findMany({ where: { id: { in: signerIds } }, select: { id: true, name: true } })
      : []
    ).map((u) => [u.id, u.name]),
  );
  return (decision) => ({
    outcome: decision.outcome,
    signedAt: decision.signedAt,
    signedBy: names.get(decision.signedById) ?? "Unknown",
  });
}
