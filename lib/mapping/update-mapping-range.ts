import { recordAudit } from "../audit";

import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { changeableMappingSelect, changeOwnMapping, rewriteClaim } from "./candidate-change";

import { UpdateMappingRangeInput } from "./input";
import { mappingWarnings } from "./mapping-warnings";

import { acceptedMappingCannotBeChanged, requireRangeItemsOf } from "./rules";

import type { MappingStatus } from "./status-words";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { parseInput } from "../errors";

export type UpdatedMappingRange = {
  mappingId: string;
  status: MappingStatus;
  rangeItemIds: string[];
  warnings: string[];
};

/**
 * The candidate changes which range items a mapping claims. Allowed until an assessor accepts
 * the mapping; a referred mapping becomes a proposal again.
 */
export async function updateMappingRange(
  db: Db,
  actor: Actor,
  rawInput: UpdateMappingRangeInput,
  now: Date = new Date(),
): Promise<UpdatedMappingRange> {
  const input = parseInput(UpdateMappingRangeInput, rawInput);
  return changeOwnMapping(
    db,
    actor,
    input.mappingId,
    now,
    {
      select: {
        ...changeableMappingSelect,
        evidence: { select: { candidateId: true, method: true } },
        criterion: {
          select: {
            ref: true,
            group: { select: { title: true, assessmentMethods: true } },
            rangeItems: { select: { id: true } },
          },
        },
      },
      acceptedMessage: acceptedMappingCannotBeChanged,
      whatYouTried: "change this mapping",
    },
    async (tx, mapping) => {
      requireRangeItemsOf(
        { ref: mapping.criterion.ref, rangeItemIds: mapping.criterion.rangeItems.map((r) => r.id) },
        input.rangeItemIds,
      );

      const status = await rewriteClaim(tx, mapping, input.rangeItemIds);
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
    },
  );
}
