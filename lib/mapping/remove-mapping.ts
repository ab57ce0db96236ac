import { recordAudit } from "../audit";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { authorizeCandidateChange, requireCandidateCanChange } from "./candidate-change";
import { parseMappingInput, RemoveMappingInput } from "./input";
import { acceptedMappingCannotBeRemoved } from "./rules";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

export type RemovedMapping = { mappingId: string; evidenceId: string; enrolmentId: string };

/** The candidate withdraws a claim. Allowed until an assessor accepts it. */
export async function removeMapping(db: Db, actor: Actor, rawInput: RemoveMappingInput, now: Date = new Date()): Promise<RemovedMapping> {
  const input = parseMappingInput(RemoveMappingInput, rawInput);
  await authorizeCandidateChange(db, actor, input.mappingId, now);

  return db.$transaction(async (tx) => {
    const mapping = await tx.mapping.findUnique({
      where: { id: input.mappingId },
      select: {
        id: true,
        status: true,
        evidenceId: true,
        criterionId: true,
        enrolmentId: true,
        evidence: { select: { candidateId: true } },
        enrolment: { select: { centreId: true, status: true } },
        rangeItems: { select: { rangeItemId: true } },
      },
    });
    requireCandidateCanChange(mapping, actor, acceptedMappingCannotBeRemoved, "remove this mapping");

    await tx.mapping.delete({ where: { id: mapping.id } });
    await refreshEnrolmentCounters(tx, [mapping.enrolmentId]);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: mapping.enrolment.centreId,
      action: "mapping.remove",
      entityType: "Mapping",
      entityId: mapping.id,
      before: {
        evidenceId: mapping.evidenceId,
        criterionId: mapping.criterionId,
        enrolmentId: mapping.enrolmentId,
        status: mapping.status,
        rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId),
      },
    });
    return { mappingId: mapping.id, evidenceId: mapping.evidenceId, enrolmentId: mapping.enrolmentId };
  });
}
