import { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { decisionSignature, type SnapshotEntry } from "./signature";

const StoredSnapshot = z.array(
  z.object({
    evidenceId: z.string(),
    mappingId: z.string(),
    rangeItemIds: z.array(z.string()).default([]),
    files: z.array(z.object({ id: z.string(), sha256: z.string() })).default([]),
  }),
);

/** A decision's stored evidence snapshot, or null when the row does not hold one in the signed shape. */
export function parseEvidenceSnapshot(value: unknown): SnapshotEntry[] | null {
  const parsed = StoredSnapshot.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type SignatureCheck = { valid: boolean; storedHash: string; recomputedHash: string };

type StoredDecision = {
  id: string;
  enrolmentId: string;
  criterionId: string;
  outcome: "MET" | "NOT_YET_MET";
  signedById: string;
  signedAt: Date;
  evidenceSnapshot: unknown;
  signatureHash: string;
};

/** What a signature is recomputed from: select it with a decision to pass to `checkDecisionSignatures`. */
export const storedDecisionSelect = {
  id: true,
  enrolmentId: true,
  criterionId: true,
  outcome: true,
  signedById: true,
  signedAt: true,
  evidenceSnapshot: true,
  signatureHash: true,
} as const;

/**
 * Recomputes each decision's signature from its stored facts and the files its evidence holds
 * now. If a file was changed, added or removed since signing (or the row was edited), the hash
 * differs and the signature is reported invalid. One query for all the decisions' files.
 */
export async function checkDecisionSignatures(
  db: Pick<Db, "evidenceFile">,
  decisions: readonly StoredDecision[],
): Promise<Map<string, SignatureCheck>> {
  const snapshots = new Map(decisions.map((d) => [d.id, StoredSnapshot.safeParse(d.evidenceSnapshot)]));
  const evidenceIds = [
    ...new Set([...snapshots.values()].flatMap((s) => (s.success ? s.data.map((e) => e.evidenceId) : []))),
  ];
  const files =
    evidenceIds.length === 0
      ? []
      : await db.evidenceFile.findMany({
          where: { evidenceId: { in: evidenceIds } },
          select: { id: true, evidenceId: true, sha256: true },
        });
  const checks = new Map<string, SignatureCheck>();
  for (const decision of decisions) {
    const parsed = snapshots.get(decision.id);
    if (!parsed?.success) {
      checks.set(decision.id, { valid: false, storedHash: decision.signatureHash, recomputedHash: "" });
      continue;
    }
    const current = parsed.data.map((entry) => ({
      evidenceId: entry.evidenceId,
      mappingId: entry.mappingId,
      rangeItemIds: entry.rangeItemIds,
      files: files.filter((f) => f.evidenceId === entry.evidenceId).map((f) => ({ id: f.id, sha256: f.sha256 })),
    }));
    const recomputedHash = decisionSignature({ ...decision, evidenceSnapshot: current });
    checks.set(decision.id, {
      valid: recomputedHash === decision.signatureHash,
      storedHash: decision.signatureHash,
      recomputedHash,
    });
  }
  return checks;
}

/** `checkDecisionSignatures` for one decision, by id. */
export async function verifyDecisionSignature(
  db: Pick<Db, "decision" | "evidenceFile">,
  decisionId: string,
): Promise<SignatureCheck> {
  const decision = await db.decision.findUnique({ where: { id: decisionId }, select: storedDecisionSelect });
  if (!decision) throw new AppError("That decision was not found.", "decision not found");
  const check = (await checkDecisionSignatures(db, [decision])).get(decision.id);
  if (!check) throw new Error(`no signature check for decision ${decision.id}`);
  return check;
}
