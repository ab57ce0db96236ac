import { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { startOfDayIn } from "../format/date";
import { loadEvidenceResource } from "./evidence-resource";
import { parseEvidenceInput } from "./evidence-form-schema";
import { assertEvidenceChangeable } from "./evidence-lock";
import { evidenceAuditSnapshot } from "./get-evidence";
import { timeZoneOf } from "../format/time-zone";

/**
 * Changes the candidate's own evidence while it is still theirs to change (evidence-lock.ts: not
 * submitted, no mapping submitted or accepted, not an old version); that is checked again inside
 * the transaction that writes.
 */
export async function updateEvidence(
  db: Db,
  actor: Actor,
  evidenceId: string,
  rawInput: unknown,
): Promise<{ id: string }> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.update", resource);
  const input = parseEvidenceInput(rawInput);

  return db.$transaction(async (tx) => {
    const before = (await assertEvidenceChangeable(tx, evidenceId))
      ? await tx.evidence.findUnique({ where: { id: evidenceId } })
      : null;
    if (!before) throw new AppError("That evidence does not exist or has been removed.");

    const centre = await tx.centre.findUnique({ where: { id: before.centreId }, select: { timeZone: true } });
    const after = await tx.evidence.update({
      where: { id: evidenceId },
      data: {
        title: input.title,
        method: input.method,
        activityDate: startOfDayIn(input.activityDate, timeZoneOf(centre)),
        description: input.description,
        simulated: input.simulated,
        workplaceDocument: input.workplaceDocument ?? Prisma.DbNull,
      },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: before.centreId,
      action: "evidence.update",
      entityType: "Evidence",
      entityId: evidenceId,
      before: evidenceAuditSnapshot(before),
      after: evidenceAuditSnapshot(after),
    });
    return { id: after.id };
  });
}
