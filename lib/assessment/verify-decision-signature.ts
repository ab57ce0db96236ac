import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { decisionSignature } from "./signature";

const StoredSnapshot = z.array(
  z.object({
    evidenceId: z.string(),
    mappingId: z.string(),
    rangeItemIds: z.array(z.string()).default([]),
    files: z.array(z.object({ id: z.string(), sha256: z.string() })).default([]),
  }),
);

export type SignatureCheck = { valid: boolean; storedHash: string; recomputedHash: string };

/**
 * Recomputes a decision's signature from its stored facts and the files its evidence holds
 * now. If a file was changed, added or removed since signing (or the row was edited), the hash
 * differs and the signature is reported invalid.
 */
export async function verifyDecisionSignature(db: Pick<Db, "decision" | "evidenceFile">, decisionId: string): Promise<SignatureCheck> {
  const decision = await db.decision.findUnique({
    where: { id: decisionId },
    select: { enrolmentId: true, criterionId: true, outcome: true, signedById: true, signedAt: true, evidenceSnapshot: true, signatureHash: true },
  });
  if (!decision) throw new AppError("That decision was not found.", "decision not found");
  const parsed = StoredSnapshot.safeParse(decision.evidenceSnapshot);
  if (!parsed.success) return { valid: false, storedHash: decision.signatureHash, recomputedHash: "" };

  const evidenceIds = [...new Set(parsed.data.map((e) => e.evidenceId))];
  const files = await db.evidenceFile.findMany({ where: { evidenceId: { in: evidenceIds } }, select: { id: true, evidenceId: true, sha256: true } });
  const current = parsed.data.map((entry) => ({
    evidenceId: entry.evidenceId,
    mappingId: entry.mappingId,
    rangeItemIds: entry.rangeItemIds,
    files: files.filter((f) => f.evidenceId === entry.evidenceId).map((f) => ({ id: f.id, sha256: f.sha256 })),
  }));
  const recomputedHash = decisionSignature({
    enrolmentId: decision.enrolmentId,
    criterionId: decision.criterionId,
    outcome: decision.outcome,
    signedById: decision.signedById,
    signedAt: decision.signedAt,
    evidenceSnapshot: current,
  });
  return { valid: recomputedHash === decision.signatureHash, storedHash: decision.signatureHash, recomputedHash };
}
