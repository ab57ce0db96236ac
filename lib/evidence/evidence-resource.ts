import type { Db } from "../db/client";
import type { EvidenceEnrolment, EvidenceResource } from "../authz/policy";
import {
  eqaShareFacts,
  loadEnrolmentResources,
  type IdentifiedEnrolmentResource,
} from "../enrolments/enrolment-resource";
import { AppError } from "../errors";

type Reader = Pick<Db, "evidence" | "enrolment" | "eqaShare" | "mapping" | "mappingReview">;

/**
 * Mapping statuses of a claim the candidate has submitted. A PROPOSED mapping is still their
 * draft, unless it was referred back and changed since: then its reviews show it was submitted.
 */
export const submittedMappingStatuses = ["SUBMITTED", "ACCEPTED", "REJECTED"] as const;

/** Whether one claim (a mapping with its reviews) has ever been submitted; see `submittedMappingStatuses`. */
export function claimSubmitted(mapping: { status: string; reviews: readonly unknown[] }): boolean {
  return (submittedMappingStatuses as readonly string[]).includes(mapping.status) || mapping.reviews.length > 0;
}

/**
 * The enrolments this evidence has been submitted to: those with a submitted claim on it now,
 * or a review of one (a claim withdrawn after review stays on the record). The policy's
 * `submittedHere`, which is all an EQA may see the evidence through.
 */
async function enrolmentsSubmittedTo(
  db: Pick<Db, "mapping" | "mappingReview">,
  evidenceId: string,
): Promise<Set<string>> {
  const claims = await db.mapping.findMany({
    where: { evidenceId, status: { in: [...submittedMappingStatuses] } },
    select: { enrolmentId: true },
    distinct: ["enrolmentId"],
  });
  const reviews = await db.mappingReview.findMany({
    where: { evidenceId },
    select: { enrolmentId: true },
    distinct: ["enrolmentId"],
  });
  return new Set([...claims, ...reviews].map((row) => row.enrolmentId));
}

async function findEvidence(db: Pick<Db, "evidence">, evidenceId: string) {
  const evidence = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, centreId: true, candidateId: true, authorId: true, witnessRequest: { select: { id: true } } },
  });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  return {
    id: evidence.id,
    centreId: evidence.centreId,
    candidateId: evidence.candidateId,
    origin: originOf(evidence),
  };
}

/** Who made an evidence record, for the policy (EvidenceResource.origin). */
export function originOf(evidence: {
  authorId: string | null;
  witnessRequest: { id: string } | null;
}): NonNullable<EvidenceResource["origin"]> {
  if (evidence.witnessRequest) return { by: "witness" };
  if (evidence.authorId) return { by: "assessor", authorId: evidence.authorId };
  return { by: "candidate" };
}

// The loaders run inside transactions too (one connection), so their queries go one at a time.

/**
 * The facts the policy needs about one evidence item: its centre, its owner, and the owner's
 * enrolments in that centre (through which assessors, IQAs and EQAs may read it), each with
 * whether the evidence was submitted to it. Throws a 404-style AppError when there is no such evidence.
 */
export async function loadEvidenceResource(db: Reader, evidenceId: string): Promise<EvidenceResource> {
  const evidence = await findEvidence(db, evidenceId);
  const enrolments = await db.enrolment.findMany({
    where: { candidateId: evidence.candidateId, centreId: evidence.centreId },
    select: { id: true, assessorId: true, iqaId: true, eqaShares: { select: eqaShareFacts } },
  });
  const submittedTo = await enrolmentsSubmittedTo(db, evidenceId);
  return {
    kind: "evidence",
    centreId: evidence.centreId,
    candidateId: evidence.candidateId,
    origin: evidence.origin,
    enrolments: enrolments.map(({ id, ...e }): EvidenceEnrolment => ({ ...e, submittedHere: submittedTo.has(id) })),
  };
}

/** An evidence resource whose enrolments are whole enrolment resources, each with its id. */
export type EvidenceWithEnrolments = Omit<EvidenceResource, "enrolments"> & {
  id: string;
  enrolments: (IdentifiedEnrolmentResource & { submittedHere: boolean })[];
};

/**
 * As `loadEvidenceResource`, for callers that also decide about (or name people through) each
 * of the owner's enrolments.
 */
export async function loadEvidenceWithEnrolments(db: Reader, evidenceId: string): Promise<EvidenceWithEnrolments> {
  const evidence = await findEvidence(db, evidenceId);
  const enrolments = await loadEnrolmentResources(db, {
    candidateId: evidence.candidateId,
    centreId: evidence.centreId,
  });
  const submittedTo = await enrolmentsSubmittedTo(db, evidenceId);
  return {
    kind: "evidence",
    id: evidence.id,
    centreId: evidence.centreId,
    candidateId: evidence.candidateId,
    origin: evidence.origin,
    enrolments: enrolments.map((e) => ({ ...e, submittedHere: submittedTo.has(e.id) })),
  };
}
