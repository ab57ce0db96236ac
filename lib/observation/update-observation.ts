import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { assertEvidenceChangeable } from "../evidence/evidence-lock";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { notify } from "../notify";
import { UpdateObservationInput } from "./input";
import { observationAuditSnapshot } from "./snapshot";

function notAnObservation(): AppError {
  return new AppError("That is not an observation recorded by an assessor.", "not an assessor's record");
}

/**
 * Its author corrects an observation while it may still change (lib/evidence/evidence-lock.ts:
 * until the candidate confirms it). A disputed record, once corrected, waits for the candidate's
 * answer again; the dispute stays in its comments and the audit log.
 */
export async function updateObservation(
  db: Db,
  actor: Actor,
  rawInput: UpdateObservationInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const input = parseInput(UpdateObservationInput, rawInput);
  const resource = await loadEvidenceResource(db, input.evidenceId);
  if (resource.origin?.by !== "assessor") throw notAnObservation();
  authorize(actor, "evidence.update", resource, now);

  return db.$transaction(async (tx) => {
    authorize(actor, "evidence.update", await loadEvidenceResource(tx, input.evidenceId), now);
    const before = (await assertEvidenceChangeable(tx, input.evidenceId))
      ? await tx.evidence.findUnique({ where: { id: input.evidenceId } })
      : null;
    if (!before) throw new AppError("That observation does not exist or has been removed.");
    const centre = await tx.centre.findUnique({ where: { id: before.centreId }, select: { timeZone: true } });
    const after = await tx.evidence.update({
      where: { id: before.id },
      data: {
        title: input.title,
        activityDate: startOfDayIn(input.activityDate, timeZoneOf(centre)),
        startTime: input.startTime,
        endTime: input.endTime,
        location: input.location,
        description: input.description,
        agenda: input.agenda || null,
        candidateResponse: null,
        candidateRespondedAt: null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: before.centreId,
      action: "observation.update",
      entityType: "Evidence",
      entityId: before.id,
      before: observationAuditSnapshot(before),
      after: observationAuditSnapshot(after),
    });
    await notify(tx, {
      userId: before.candidateId,
      kind: "observation.recorded",
      title: "Your assessor changed an observation; confirm it or dispute it",
      body: `Your assessor changed the observation “${after.title}”. Read it again, then confirm it is an accurate record or dispute it.`,
      link: `/candidate/evidence/${encodeURIComponent(before.id)}`,
    });
    return { id: after.id };
  });
}
