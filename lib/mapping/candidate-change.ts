import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import type { Prisma } from "../../generated/sqlite/client";
import { replaceRangeItems } from "./replace-range-items";
import { mappingNotFound, requireActiveEnrolment, statusAfterCandidateChange } from "./rules";
import type { MappingStatus } from "./status-words";

// The checks before a candidate changes or removes one of their own mappings.

/** Before the transaction: the mapping exists and the actor may change the portfolio its evidence is in. */
export async function authorizeCandidateChange(db: Db, actor: Actor, mappingId: string, now: Date): Promise<void> {
  const found = await db.mapping.findUnique({ where: { id: mappingId }, select: { evidenceId: true } });
  if (!found) throw mappingNotFound();
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, found.evidenceId), now);
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

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

/** What every candidate change reads about the mapping it changes, at the least. */
export const changeableMappingSelect = {
  id: true,
  status: true,
  enrolmentId: true,
  evidence: { select: { candidateId: true } },
  enrolment: { select: { centreId: true, status: true } },
  rangeItems: { select: { rangeItemId: true } },
} satisfies Prisma.MappingSelect;

/**
 * Inside the transaction: the mapping read with `select` (which includes changeableMappingSelect),
 * once requireCandidateCanChange has passed on it as it is now.
 */
export async function mappingToChange<S extends Prisma.MappingSelect & typeof changeableMappingSelect>(
  tx: Pick<Db, "mapping">,
  actor: Actor,
  mappingId: string,
  select: S,
  acceptedMessage: string,
  whatYouTried: string,
): Promise<Prisma.MappingGetPayload<{ select: S }>> {
  const mapping = await tx.mapping.findUnique({ where: { id: mappingId }, select });
  requireCandidateCanChange(mapping as ChangeableMapping | null, actor, acceptedMessage, whatYouTried);
  return mapping as Prisma.MappingGetPayload<{ select: S }>;
}

/**
 * The candidate changes the range items an existing mapping claims: the items are replaced and
 * a referred mapping becomes a proposal again. Returns the mapping's new status.
 */
export async function rewriteClaim(
  tx: Pick<Db, "mapping" | "mappingRangeItem">,
  mapping: { id: string; status: MappingStatus },
  rangeItemIds: readonly string[],
): Promise<MappingStatus> {
  const status = statusAfterCandidateChange(mapping.status);
  await replaceRangeItems(tx, mapping.id, rangeItemIds);
  await tx.mapping.update({ where: { id: mapping.id }, data: { status } });
  return status;
}

/**
 * A candidate's change to one of their own mappings, start to end: authorized before the
 * transaction, then inside it the mapping read with `select` and checked again as it is now
 * (mappingToChange) before `change` writes.
 */
export async function changeOwnMapping<S extends Prisma.MappingSelect & typeof changeableMappingSelect, R>(
  db: Db,
  actor: Actor,
  mappingId: string,
  now: Date,
  read: { select: S; acceptedMessage: string; whatYouTried: string },
  change: (tx: Tx, mapping: Prisma.MappingGetPayload<{ select: S }>) => Promise<R>,
): Promise<R> {
  await authorizeCandidateChange(db, actor, mappingId, now);
  return db.$transaction(async (tx) => {
    const mapping = await mappingToChange(tx, actor, mappingId, read.select, read.acceptedMessage, read.whatYouTried);
    return change(tx, mapping);
  });
}
