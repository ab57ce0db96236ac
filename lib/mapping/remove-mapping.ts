import { recordAudit } from "../audit";

import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { changeableMappingSelect, changeOwnMapping } from "./candidate-change";

import { RemoveMappingInput } from "./input";
import { acceptedMappingCannotBeRemoved } from "./rules";

import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { parseInput } from "../errors";

export type RemovedMapping = { mappingId: string; evidenceId: string; enrolmentId: string };

/** The candidate withdraws a claim. Allowed until an assessor accepts it. */
export async function removeMapping(
  db: Db,
  actor: Actor,
  rawInput: RemoveMappingInput,
  now: Date = new Date(),
): Promise<RemovedMapping> {
  const input = parseInput(RemoveMappingInput, rawInput);
  return changeOwnMapping(
    db,
    actor,
    input.mappingId,
    now,
    {
      select: { ...changeableMappingSelect, evidenceId: true, criterionId: true },
      acceptedMessage: acceptedMappingCannotBeRemoved,
      whatYouTried: "remove this mapping",
    },
    async (tx, mapping) => {
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
    },
  );
}
