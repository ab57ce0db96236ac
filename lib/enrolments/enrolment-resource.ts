import type { Prisma } from "../../generated/sqlite/client";
import type { EnrolmentResource } from "../authz/policy";
import type { Db } from "../db/client";

// The facts the policy needs about an enrolment, loaded before every decision about it.

type Reader = Pick<Db, "enrolment" | "eqaShare">;

/** What the policy reads of an EQA share: whose it is and its window (lib/authz/policy.ts). */
export const eqaShareFacts = { eqaUserId: true, startsAt: true, expiresAt: true } satisfies Prisma.EqaShareSelect;

/**
 * The shares of one EQA that are open at `now`: shareWindowState's rule (lib/authz/policy.ts)
 * as a query. tests/integration/eqa-share-window.test.ts holds the two to the same edges.
 */
export function openSharesOf(eqaUserId: string, now: Date): Prisma.EqaShareWhereInput {
  return { eqaUserId, expiresAt: { gt: now }, OR: [{ startsAt: null }, { startsAt: { lte: now } }] };
}

export const enrolmentResourceSelect = {
  id: true,
  centreId: true,
  candidateId: true,
  assessorId: true,
  iqaId: true,
  eqaShares: { select: eqaShareFacts },
} satisfies Prisma.EnrolmentSelect;

type ResourceRow = Prisma.EnrolmentGetPayload<{ select: typeof enrolmentResourceSelect }>;

export type IdentifiedEnrolmentResource = EnrolmentResource & { id: string };

export function toEnrolmentResource(row: ResourceRow): IdentifiedEnrolmentResource {
  return {
    kind: "enrolment",
    id: row.id,
    centreId: row.centreId,
    candidateId: row.candidateId,
    assessorId: row.assessorId,
    iqaId: row.iqaId,
    // Every share, expired or not: the policy compares the expiry with the time of the request.
    eqaShares: row.eqaShares.map((s) => ({ eqaUserId: s.eqaUserId, startsAt: s.startsAt, expiresAt: s.expiresAt })),
  };
}

/**
 * The resource for one enrolment, or null if there is no such enrolment. Two plain queries
 * rather than one nested read, so it runs well inside a transaction (one connection).
 */
export async function loadEnrolmentResource(
  db: Reader,
  enrolmentId: string,
): Promise<IdentifiedEnrolmentResource | null> {
  const row = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { id: true, centreId: true, candidateId: true, assessorId: true, iqaId: true },
  });
  if (!row) return null;
  const eqaShares = await db.eqaShare.findMany({
    where: { enrolmentId },
    select: eqaShareFacts,
  });
  return toEnrolmentResource({ ...row, eqaShares });
}

/** Resources for many enrolments at once (one query), in no particular order. */
export async function loadEnrolmentResources(
  db: Reader,
  where: Prisma.EnrolmentWhereInput = {},
): Promise<IdentifiedEnrolmentResource[]> {
  const rows = await db.enrolment.findMany({ where, select: enrolmentResourceSelect, orderBy: { id: "asc" } });
  return rows.map(toEnrolmentResource);
}
