import { recordAudit } from "../audit";
import { can, forbidden, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";
import { AppError, parseInput } from "../errors";
import { RevokeTestimonyRequestInput } from "./schemas";
import { requestedCriteria, requestState } from "./state";

const notFound = () =>
  new AppError("That request for a testimony was not found. Reload the page to see the requests as they are now.");

/**
 * Refuses unless the actor may take back a request about at least one of its enrolments: the
 * candidate, or the assessor of a unit it asks about (assessors can change after the request).
 */
async function authorizeRevoke(db: Pick<Db, "enrolment" | "eqaShare">, actor: Actor, criteria: unknown, now: Date) {
  const enrolmentIds = [...new Set(requestedCriteria(criteria).map((c) => c.enrolmentId))];
  for (const id of enrolmentIds) {
    const resource = await loadEnrolmentResource(db, id);
    if (resource && can(actor, "witness.revoke", resource, now)) return;
  }
  throw forbidden("witness.revoke");
}

/** Takes back a request while the witness has not answered it: its link stops working at once. */
export async function revokeTestimonyRequest(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<{ requestId: string }> {
  const { requestId } = parseInput(RevokeTestimonyRequestInput, rawInput);
  const select = { id: true, centreId: true, criteria: true, submittedAt: true, revokedAt: true, expiresAt: true };
  const found = await db.witnessRequest.findUnique({ where: { id: requestId }, select });
  if (!found) throw notFound();
  await authorizeRevoke(db, actor, found.criteria, now);

  return db.$transaction(async (tx) => {
    const request = await tx.witnessRequest.findUnique({ where: { id: requestId }, select });
    if (!request) throw notFound();
    await authorizeRevoke(tx, actor, request.criteria, now);
    const state = requestState(request, now);
    if (state === "submitted")
      throw new AppError(
        "The witness has already submitted their testimony, so the request cannot be revoked. Their testimony is evidence now, for the assessor to judge.",
      );
    if (state === "revoked") throw new AppError("This request has already been revoked.");
    if (state === "expired") throw new AppError("This request has expired already: its link no longer works.");
    // Guarded, so a testimony submitted at the same moment wins or loses cleanly.
    const updated = await tx.witnessRequest.updateMany({
      where: { id: requestId, submittedAt: null, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.userId },
    });
    if (updated.count !== 1)
      throw new AppError("The witness answered at the same moment. Reload the page to see their testimony.");
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: request.centreId,
      action: "witness.revoke",
      entityType: "WitnessRequest",
      entityId: requestId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
      at: now,
    });
    return { requestId };
  });
}
