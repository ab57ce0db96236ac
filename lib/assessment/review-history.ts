import type { Prisma } from "../../generated/sqlite/client";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { byUnitThenCriterion } from "../mapping/rules";
import { evidenceStage, type MappingStatus } from "../mapping/status-words";
import { timeZoneOf } from "../format/time-zone";

// Every review of every mapping of one evidence item, round by round: the exchange that
// docs/decisions/0005-submission-rounds.md keeps visible to the candidate, the assessor and the
// quality assurers. The assessor's review page (get-review.ts) reads the reviews with the same
// query and turns them into the same entries; the candidate's evidence page reads them here.

/** One assessor's review of one mapping in one round, as kept in a MappingReview row. */
export type ReviewEntry = {
  id: string;
  round: number;
  /** ACCEPTED or REJECTED. */
  status: MappingStatus;
  feedback: string | null;
  reviewerName: string;
  at: Date;
  /** For an acceptance: the range items the assessor accepted. */
  rangeItemTexts: string[];
};

/** The reviews of a mapping, oldest first, as `reviewEntries` reads them. */
export const mappingReviewsQuery = {
  select: { id: true, round: true, status: true, feedback: true, reviewerId: true, at: true, rangeItemIds: true },
  orderBy: [{ at: "asc" }, { id: "asc" }],
} satisfies Prisma.Mapping$reviewsArgs;

type ReviewRow = {
  id: string;
  round: number;
  status: MappingStatus;
  feedback: string | null;
  reviewerId: string;
  at: Date;
  rangeItemIds: unknown;
};

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Rows of `mappingReviewsQuery` with the reviewers' names and the accepted range items' texts. */
export function reviewEntries(
  rows: readonly ReviewRow[],
  names: ReadonlyMap<string, string>,
  rangeItemTexts: ReadonlyMap<string, string>,
): ReviewEntry[] {
  return rows.map((r) => ({
    id: r.id,
    round: r.round,
    status: r.status,
    feedback: r.feedback,
    reviewerName: names.get(r.reviewerId) ?? "Unknown",
    at: r.at,
    rangeItemTexts: idsOf(r.rangeItemIds).flatMap((id) => rangeItemTexts.get(id) ?? []),
  }));
}

export type MappingHistory = {
  /** Null for a claim the candidate withdrew (removed the mapping) after it was reviewed. */
  mappingId: string | null;
  withdrawn: boolean;
  unitCode: string;
  criterionRef: string;
  criterionText: string;
  status: MappingStatus;
  /** Oldest first. */
  reviews: ReviewEntry[];
};

export type ReviewHistory = {
  evidenceId: string;
  /** The evidence's round now: the one it is in, or its next submission will be. */
  round: number;
  timeZone: string;
  /** Every mapping of the evidence, by unit and criterion, each with its reviews; then the claims withdrawn after review. */
  mappings: MappingHistory[];
  reviewCount: number;
  /** The evidence has been reviewed before, so submitting it now is a resubmission. */
  resubmission: boolean;
  /**
   * While the evidence is back with the candidate after a round that referred something back
   * (round - 1): who referred mappings back in it and when the last of them did (withdrawn
   * claims included). Null otherwise.
   */
  referral: { reviewerNames: string[]; at: Date | null } | null;
};

async function reviewerNames(db: Db, reviewerIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set(reviewerIds)];
  if (ids.length === 0) return new Map();
  return new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
}

/** Reviews of the evidence's mappings that the candidate has since removed (in `enrolmentIds` only, when given), as `withdrawnClaims` reads them. */
function withdrawnReviewRows(db: Db, evidenceId: string, enrolmentIds?: readonly string[]) {
  return db.mappingReview.findMany({
    where: { evidenceId, mappingId: null, ...(enrolmentIds ? { enrolmentId: { in: [...enrolmentIds] } } : {}) },
    select: {
      ...mappingReviewsQuery.select,
      enrolmentId: true,
      enrolment: { select: { unitVersion: { select: { unit: { select: { code: true } } } } } },
      criterion: {
        select: { id: true, ref: true, text: true, position: true, rangeItems: { select: { id: true, text: true } } },
      },
    },
    orderBy: mappingReviewsQuery.orderBy,
  });
}
type WithdrawnReviewRow = Awaited<ReturnType<typeof withdrawnReviewRows>>[number];

/** The rows of `withdrawnReviewRows` as one entry per unit and criterion, by unit then criterion. */
function withdrawnEntries(rows: readonly WithdrawnReviewRow[], names: ReadonlyMap<string, string>): MappingHistory[] {
  const claims = new Map<string, WithdrawnReviewRow[]>();
  for (const row of rows) {
    const key = `${row.enrolmentId} ${row.criterion.id}`;
    const reviews = claims.get(key);
    if (reviews) reviews.push(row);
    else claims.set(key, [row]);
  }
  const groups = [...claims.values()].map((reviews) => ({
    reviews,
    first: reviews[0] as WithdrawnReviewRow,
    last: reviews.at(-1) as WithdrawnReviewRow,
  }));
  groups.sort((a, b) => byUnitThenCriterion(a.first, b.first));
  return groups.map(({ reviews, first, last }) => ({
    mappingId: null,
    withdrawn: true,
    unitCode: first.enrolment.unitVersion.unit.code,
    criterionRef: first.criterion.ref,
    criterionText: first.criterion.text,
    status: last.status,
    reviews: reviewEntries(reviews, names, new Map(first.criterion.rangeItems.map((i) => [i.id, i.text]))),
  }));
}

/**
 * Claims on the evidence that the candidate withdrew (removed the mapping) after an assessor had
 * reviewed them: their reviews stay, without the mapping, so the exchange stays on the record
 * (docs/decisions/0005). One entry per unit and criterion, by unit then criterion; only those of
 * `enrolmentIds` when given (what an EQA of those enrolments sees).
 */
export async function withdrawnClaims(
  db: Db,
  evidenceId: string,
  enrolmentIds?: readonly string[],
): Promise<MappingHistory[]> {
  const rows = await withdrawnReviewRows(db, evidenceId, enrolmentIds);
  if (rows.length === 0) return [];
  return withdrawnEntries(
    rows,
    await reviewerNames(
      db,
      rows.map((r) => r.reviewerId),
    ),
  );
}

/**
 * The review history of one evidence item, for anyone who may read the evidence (its owner,
 * their assessor and IQA, a shared EQA, a centre admin); the candidate's page shows it to its
 * owner only.
 */
export async function getReviewHistory(
  db: Db,
  actor: Actor,
  evidenceId: string,
  now: Date = new Date(),
): Promise<ReviewHistory> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.read", resource, now);

  const [evidence, centre, mappings, withdrawnRows] = await Promise.all([
    db.evidence.findUnique({ where: { id: evidenceId }, select: { id: true, round: true, submittedAt: true } }),
    db.centre.findUnique({ where: { id: resource.centreId }, select: { timeZone: true } }),
    db.mapping.findMany({
      where: { evidenceId },
      select: {
        id: true,
        status: true,
        enrolment: { select: { unitVersion: { select: { unit: { select: { code: true } } } } } },
        criterion: {
          select: { ref: true, text: true, position: true, rangeItems: { select: { id: true, text: true } } },
        },
        reviews: mappingReviewsQuery,
      },
    }),
    withdrawnReviewRows(db, evidenceId),
  ]);
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");

  const names = await reviewerNames(db, [
    ...mappings.flatMap((m) => m.reviews.map((r) => r.reviewerId)),
    ...withdrawnRows.map((r) => r.reviewerId),
  ]);

  mappings.sort(byUnitThenCriterion);
  const current: MappingHistory[] = mappings.map((m) => ({
    mappingId: m.id,
    withdrawn: false,
    unitCode: m.enrolment.unitVersion.unit.code,
    criterionRef: m.criterion.ref,
    criterionText: m.criterion.text,
    status: m.status,
    reviews: reviewEntries(m.reviews, names, new Map(m.criterion.rangeItems.map((i) => [i.id, i.text]))),
  }));
  const history = [...current, ...withdrawnEntries(withdrawnRows, names)];
  const reviews = history.flatMap((m) => m.reviews);

  let referral: ReviewHistory["referral"] = null;
  if (evidenceStage(evidence) === "referred") {
    const referred = reviews
      .filter((r) => r.round === evidence.round - 1 && r.status === "REJECTED")
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    referral = { reviewerNames: [...new Set(referred.map((r) => r.reviewerName))], at: referred.at(-1)?.at ?? null };
  }

  return {
    evidenceId: evidence.id,
    round: evidence.round,
    timeZone: timeZoneOf(centre),
    mappings: history,
    reviewCount: reviews.length,
    resubmission: evidence.round > 1 || reviews.length > 0,
    referral,
  };
}
