import type { Db } from "../db/client";
import type { EvidenceResource } from "../authz/policy";
import { loadEnrolmentResources, type IdentifiedEnrolmentResource } from "../enrolments/enrolment-resource";
import { AppError } from "../errors";

/**
 * The facts the policy needs about one evidence item: its centre, its owner, and the owner's
 * enrolments in that centre (through which assessors, IQAs and EQAs may read it).
 * Throws a 404-style AppError when there is no such evidence.
 */
export async function loadEvidenceResource(db: Db, evidenceId: string): Promise<EvidenceResource> {
  const evidence = await db.evidence.findUnique({ where: { id: evidenceId }, select: { centreId: true, candidateId: true } });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  const enrolments = await db.enrolment.findMany({
    where: { candidateId: evidence.candidateId, centreId: evidence.centreId },
    select: { assessorId: true, iqaId: true, eqaShares: { select: { eqaUserId: true, expiresAt: true } } },
  });
  return { kind: "evidence", centreId: evidence.centreId, candidateId: evidence.candidateId, enrolments };
}

/** An evidence resource whose enrolments are whole enrolment resources, each with its id. */
export type EvidenceWithEnrolments = Omit<EvidenceResource, "enrolments"> & { id: string; enrolments: IdentifiedEnrolmentResource[] };

/**
 * As `loadEvidenceResource`, for callers that also decide about (or name people through) each
 * of the owner's enrolments. Reads only evidence, enrolments and shares, so it runs in a transaction.
 */
export async function loadEvidenceWithEnrolments(db: Pick<Db, "evidence" | "enrolment" | "eqaShare">, evidenceId: string): Promise<EvidenceWithEnrolments> {
  const evidence = await db.evidence.findUnique({ where: { id: evidenceId }, select: { id: true, centreId: true, candidateId: true } });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  const enrolments = await loadEnrolmentResources(db, { candidateId: evidence.candidateId, centreId: evidence.centreId });
  return { kind: "evidence", id: evidence.id, centreId: evidence.centreId, candidateId: evidence.candidateId, enrolments };
}
