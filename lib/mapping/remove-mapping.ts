import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { parseMappingInput, RemoveMappingInput } from "./input";
import { acceptedMappingCannotBeRemoved, mappingNotFound, requireActiveEnrolment } from "./rules";

export type RemovedMapping = { mappingId: string; evidenceId: string; enrolmentId: string };

/** The candidate withdraws a claim. Allowed until an assessor accepts it. */
export async function removeMapping(db: Db, actor: Actor, rawInput: RemoveMappingInput, now: Date = new Date()): Promise<RemovedMapping> {
  const input = parseMappingInput(RemoveMappingInput, rawInput);
  const found = await db.mapping.findUnique({ where: { id: input.mappingId }, select: { evidenceId: true } });
  if (!found) throw mappingNotFound();
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, found.evidenceId), now);

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
    if (!mapping || mapping.evidence.candidateId !== actor.userId) throw mappingNotFound();
    if (mapping.status === "ACCEPTED") throw new AppError(acceptedMappingCannotBeRemoved);
    requireActiveEnrolment(mapping.enrolment.status, "remove this mapping");

    await tx.mapping.delete({ where: { id: mapping.id } });
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
