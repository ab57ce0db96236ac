import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { startOfDayIn } from "../format/date";
import { parseEvidenceInput } from "./evidence-form-schema";
import { evidenceAuditSnapshot } from "./get-evidence";

/**
 * Adds a piece of evidence to the candidate's own library at a centre where they are a
 * candidate. Files are added afterwards, on the evidence's page. Throws EvidenceInputError
 * (with field errors) for invalid input and ForbiddenError for anyone else.
 */
export async function createEvidence(
  db: Db,
  actor: Actor,
  centreId: string,
  rawInput: unknown,
): Promise<{ id: string }> {
  authorize(actor, "evidence.create", { kind: "evidence", centreId, candidateId: actor.userId, enrolments: [] });
  const input = parseEvidenceInput(rawInput);

  return db.$transaction(async (tx) => {
    const centre = await tx.centre.findUnique({ where: { id: centreId }, select: { timeZone: true } });
    if (!centre)
      throw new AppError(
        "Your centre could not be found. Reload the page and try again.",
        `centre ${centreId} not found`,
      );
    const created = await tx.evidence.create({
      data: {
        centreId,
        candidateId: actor.userId,
        title: input.title,
        method: input.method,
        activityDate: startOfDayIn(input.activityDate, centre.timeZone),
        description: input.description,
        simulated: input.simulated,
        workplaceDocument: input.workplaceDocument ?? undefined,
      },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "evidence.create",
      entityType: "Evidence",
      entityId: created.id,
      after: evidenceAuditSnapshot(created),
    });
    return { id: created.id };
  });
}
