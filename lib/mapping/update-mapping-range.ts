import { recordAudit } from "../audit";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { authorizeCandidateChange, requireCandidateCanChange } from "./candidate-change";
import { parseMappingInput, UpdateMappingRangeInput } from "./input";
import { mappingWarnings } from "./mapping-warnings";
import { acceptedMappingCannotBeChanged, requireRangeItemsOf, statusAfterCandidateChange } from "./rules";
import type { MappingStatus } from "./status-words";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

export type UpdatedMappingRange = { mappingId: string; status: MappingStatus; rangeItemIds: string[]; warnings: string[] };

/**
 * The candidate changes which range items a mapping claims. Allowed until an assessor accepts
 * the mapping; a referred mapping becomes a proposal again.
 */
export async function updateMappingRange(db: Db, actor: Actor, rawInput: UpdateMappingRangeInput, now: Date = new Date()): Promise<UpdatedMappingRange> {
  const input = parseMappingInput(UpdateMappingRangeInput, rawInput);
  await authorizeCandidateChange(db, actor, input.mappingId, now);

  return db.$transaction(async (tx) => {
    const mapping = await tx.mapping.findUnique({
      where: { id: input.mappingId },
      select: {
        id: true,
        status: true,
        enrolmentId: true,
        evidence: { select: { candidateId: true, method: true } },
        enrolment: { select: { centreId: true, status: true } },
        criterion: { select: { ref: true, group: { select: { title: true, assessmentMethods: true } }, rangeItems: { select: { id: true } } } },
        rangeItems: { select: { rangeItemId: true } },
      },
    });
    requireCandidateCanChange(mapping, actor, acceptedMappingCannotBeChanged, "change this mapping");
    requireRangeItemsOf({ ref: mapping.criterion.ref, rangeItemIds: mapping.criterion.rangeItems.map((r) => r.id) }, input.rangeItemIds);

    const status = statusAfterCandidateChange(mapping.status);
    await tx.mappingRangeItem.deleteMany({ where: { mappingId: mapping.id } });
    if (input.rangeItemIds.length > 0) {
      await tx.mappingRangeItem.createMany({ data: input.rangeItemIds.map((rangeItemId) => ({ mappingId: mapping.id, rangeItemId })) });
    }
    await tx.mapping.update({ where: { id: mapping.id }, data: { status } });
    await refreshEnrolmentCounters(tx, [mapping.enrolmentId]);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: mapping.enrolment.centreId,
      action: "mapping.update",
      entityType: "Mapping",
      entityId: mapping.id,
      before: { status: mapping.status, rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId) },
      after: { status, rangeItemIds: input.rangeItemIds },
    });
    return {
      mappingId: mapping.id,
      status,
      rangeItemIds: input.rangeItemIds,
      warnings: mappingWarnings({ evidenceMethod: mapping.evidence.method, group: mapping.criterion.group }),
    };
  });
}
