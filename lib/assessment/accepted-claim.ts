import { recordAudit } from "../audit";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type AcceptedClaim = {
  evidence: { id: string; round: number; centreId: string };
  enrolmentId: string;
  criterionId: string;
  /** The range items the assessor judged the evidence to cover (checked by the caller). */
  rangeItemIds: string[];
  feedback?: string | null;
  /** What made it (an observation, a marked answer), recorded in the audit event. */
  source: "observation" | "questioning";
};

/**
 * A claim the assessor accepts as they make it: evidence they recorded themselves (an
 * observation) or an answer they marked satisfactory. Written as the review would write it, an
 * ACCEPTED mapping with its range items and a review of the evidence's round, so decisions,
 * review history and progress read it like any accepted claim, with no self-review round.
 */
export async function writeAcceptedClaim(tx: Tx, actor: Actor, claim: AcceptedClaim, now: Date): Promise<string> {
  const { evidence, enrolmentId, criterionId, rangeItemIds } = claim;
  const feedback = claim.feedback ?? null;
  const mapping = await tx.mapping.create({
    data: {
      evidenceId: evidence.id,
      enrolmentId,
      criterionId,
      status: "ACCEPTED",
      feedback,
      reviewedById: actor.userId,
      reviewedAt: now,
      rangeItems: { create: rangeItemIds.map((rangeItemId) => ({ rangeItemId })) },
    },
    select: { id: true },
  });
  await tx.mappingReview.create({
    data: {
      mappingId: mapping.id,
      evidenceId: evidence.id,
      criterionId,
      enrolmentId,
      round: evidence.round,
      status: "ACCEPTED",
      feedback,
      rangeItemIds,
      reviewerId: actor.userId,
      at: now,
    },
  });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: evidence.centreId,
    action: "mapping.accept",
    entityType: "Mapping",
    entityId: mapping.id,
    after: {
      evidenceId: evidence.id,
      enrolmentId,
      criterionId,
      rangeItemIds,
      status: "ACCEPTED",
      round: evidence.round,
      [claim.source]: true,
    },
  });
  return mapping.id;
}
