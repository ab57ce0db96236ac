import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { mappingNotFound, requireActiveEnrolment } from "./rules";

// The checks before a candidate changes or removes one of their own mappings.

/** Before the transaction: the mapping exists and the actor may change the portfolio its evidence is in. */
export async function authorizeCandidateChange(db: Db, actor: Actor, mappingId: string, now: Date): Promise<void> {
  const found = await db.mapping.findUnique({ where: { id: mappingId }, select: { evidenceId: true } });
  if (!found) throw mappingNotFound();
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, found.evidenceId), now);
}

type ChangeableMapping = { status: string; evidence: { candidateId: string }; enrolment: { status: string } };

/**
 * Inside the transaction, on the mapping as it is now: still the actor's own, not accepted by an
 * assessor (`acceptedMessage` says so otherwise), and on an enrolment that is still active.
 */
export function requireCandidateCanChange<M extends ChangeableMapping>(
  mapping: M | null,
  actor: Actor,
  acceptedMessage: string,
  whatYouTried: string,
): asserts mapping is M {
  if (!mapping || mapping.evidence.candidateId !== actor.userId) throw mappingNotFound();
  if (mapping.status === "ACCEPTED") throw new AppError(acceptedMessage);
  requireActiveEnrolment(mapping.enrolment.status, whatYouTried);
}
