import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { parseMappingInput, UpdateMappingRangeInput } from "./input";
import { mappingWarnings } from "./mapping-warnings";
import { acceptedMappingCannotBeChanged, mappingNotFound, requireActiveEnrolment, requireRangeItemsOf, statusAfterCandidateChange } from "./rules";
import type { MappingStatus } from "./status-words";

export type UpdatedMappingRange = { mappingId: string; status: MappingStatus; rangeItemIds: string[]; warnings: string[] };

/**
 * The candidate changes which range items a mapping claims. Allowed until an assessor accepts
 * the mapping; a referred mapping becomes a proposal again.
 */
export async function updateMappingRange(db: Db, actor: Actor, rawInput: UpdateMappingRangeInput, now: Date = new Date()): Promise<UpdatedMappingRange> {
  const input = parseMappingInput(UpdateMappingRangeInput, rawInput);
  const found = await db.mapping.findUnique({ where: { id: input.mappingId }, select: { evidenceId: true } });
  if (!found) throw mappingNotFound();
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, found.evidenceId), now);

  return db.$transaction(async (tx) => {
    const mapping = await tx.mapping.findUnique({
      where: { id: input.mappingId },
      select: {
        id: true,
        status: true,
        evidence: { select: { candidateId: true, method: true } },
        enrolment: { select: { centreId: true, status: true } },
        criterion: { select: { ref: true, group: { select: { title: true, assessmentMethods: true } }, rangeItems: { select: { id: true } } } },
        rangeItems: { select: { rangeItemId: true } },
      },
    });
    if (!mapping || mapping.evidence.candidateId !== actor.userId) throw mappingNotFound();
    if (mapping.status === "ACCEPTED") throw new AppError(acceptedMappingCannotBeChanged);
    requireActiveEnrolment(mapping.enrolment.status, "change this mapping");
    requireRangeItemsOf({ ref: mapping.criterion.ref, rangeItemIds: mapping.criterion.rangeItems.map((r) => r.id) }, input.rangeItemIds);

    const status = statusAfterCandidateChange(mapping.status);
    await tx.mappingRangeItem.deleteMany({ where: { mappingId: mapping.id } });
    if (input.rangeItemIds.length > 0) {
      await tx.mappingRangeItem.createMany({ data: input.rangeItemIds.map((rangeItemId) => ({ mappingId: mapping.id, rangeItemId })) });
    }
    await tx.mapping.update({ where: { id: mapping.id }, data: { status } });
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
