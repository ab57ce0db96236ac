import { authorize, can, evidenceSight, type Actor, type EnrolmentResource } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { claimSubmitted, loadEvidenceWithEnrolments } from "../evidence/evidence-resource";
import { methodLabel } from "../evidence/methods";
import { mappingWarnings } from "../mapping/mapping-warnings";
import { criterionViewSelect, groupOfEnrolment } from "../mapping/criterion-view";
import { byUnitThenCriterion } from "../mapping/rules";
import { describeRangeRule } from "../standards/range-rule";
import { readCommentThread, type CommentThread } from "./comment-thread";
import { rangeClaimWords } from "./range-claim-words";
import { claimsAtLastReview, roundChanges, roundChangesSummary } from "./round-changes";
import {
  mappingReviewsQuery,
  reviewEntries,
  withdrawnClaims,
  type MappingHistory,
  type ReviewEntry,
} from "./review-history";
import { timeZoneOf } from "../format/time-zone";
import { alsoClaimedIn, claimPairsOf, type AlsoClaimed, type ClaimPair } from "./claims-across-units";

// Everything the review page shows about one evidence item: its details and declaration, its
// mappings grouped by unit and criterion with the range items claimed, each mapping's review
// history, and the conversation in every round. Plain data; who may do what is worked out here.
// An EQA sees only the evidence's part in the enrolments shared with them: the claims submitted
// there, and the comments of the candidate and of those enrolments' assessors and IQAs.

export type ReviewMapping = {
  id: string;
  status: "PROPOSED" | "SUBMITTED" | "ACCEPTED" | "REJECTED";
  feedback: string | null;
  reviewedAt: Date | null;
  reviewerName: string | null;
  criterion: {
    id: string;
    ref: string;
    text: string;
    groupTitle: string;
    rangeTitle: string | null;
    /** "at least 3 of these 9", "all of these 6", or "". */
    rangeRuleWords: string;
    rangeItems: { id: string; text: string; claimed: boolean }[];
  };
  /** The range items in words that fit the mapping's state: "the candidate claims 3 of 9", "the assessor accepted 2 of 9 (the candidate claimed 3)". */
  rangeWords: string;
  /** Who made the claim: the candidate, or a witness (who names criteria, not range items). */
  claimant: "candidate" | "witness";
  /** In round 2 or later: what changed on this claim since the last review (new, or its range items), else null. */
  sinceLastRound: string | null;
  warnings: string[];
  /** Oldest first. */
  reviews: ReviewEntry[];
  /** This evidence's claims in the candidate's other units on criteria the crosswalk pairs with this one; each is judged on its own. */
  alsoClaimedIn: AlsoClaimed[];
  canReview: boolean;
};

export type ReviewUnit = {
  enrolmentId: string;
  unitCode: string;
  unitTitle: string;
  enrolmentStatus: string;
  /** Whether the viewer may open the enrolment's assessment record. */
  canOpenEnrolment: boolean;
  mappings: ReviewMapping[];
};

export type EvidenceReview = {
  evidence: {
    id: string;
    title: string;
    method: string;
    methodLabel: string;
    activityDate: Date;
    description: string;
    simulated: boolean;
    workplaceDocument: { what?: string; whereKept?: string; heldBy?: string; relevance?: string } | null;
    submittedAt: Date | null;
    declaration: string | null;
    round: number;
    candidateName: string;
  };
  timeZone: string;
  units: ReviewUnit[];
  /** Claims the candidate withdrew after they were reviewed, with those reviews. */
  withdrawn: MappingHistory[];
  /** The comments in every round, oldest first, as the candidate's evidence page shows them too. */
  thread: CommentThread;
  /** Whether anything on this page is the viewer's to review. */
  canReviewAny: boolean;
  /** False when the viewer (an EQA) sees only the units shared with them, not the evidence's claims on the others. */
  whole: boolean;
  /** In round 2 or later, what the candidate changed on the evidence itself since the last review, as a sentence; null in round 1. */
  changedSinceLastRound: string | null;
  /** Claims of this evidence in two units on criteria the crosswalk pairs, shown together (in unit, then criterion order). */
  claimPairs: ClaimPair[];
};

function workplaceDocumentOf(value: unknown): EvidenceReview["evidence"]["workplaceDocument"] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === "string" ? (v[key] as string) : undefined);
  return { what: text("what"), whereKept: text("whereKept"), heldBy: text("heldBy"), relevance: text("relevance") };
}

/** Whose comments an EQA sees: the candidate's, and those of the shared enrolments' assessors and IQAs. */
function commentAuthorsIn(
  candidateId: string,
  enrolments: ReadonlyArray<{ assessorId: string | null; iqaId: string | null }>,
): string[] {
  return [candidateId, ...enrolments.flatMap((e) => [e.assessorId, e.iqaId].filter((id): id is string => id !== null))];
}

export async function getEvidenceReview(
  db: Db,
  actor: Actor,
  evidenceId: string,
  now: Date = new Date(),
): Promise<EvidenceReview> {
  const resource = await loadEvidenceWithEnrolments(db, evidenceId);
  authorize(actor, "evidence.read", resource, now);
  const sight = evidenceSight(actor, resource, now);
  const shown = sight.whole ? undefined : sight.enrolments;

  const [evidence, centre, mappingRows] = await Promise.all([
    evidenceUnderReview(db, evidenceId),
    db.centre.findUnique({ where: { id: resource.centreId }, select: { timeZone: true } }),
    reviewMappingRows(db, evidenceId, shown),
  ]);
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  // In a shared unit, the candidate's draft claims stay theirs until submitted.
  const mappings = shown ? mappingRows.filter(claimSubmitted) : mappingRows;

  const timeZone = timeZoneOf(centre);
  const [people, thread, withdrawn, claims] = await Promise.all([
    namesOfReviewers(db, mappings),
    readCommentThread(
      db,
      actor,
      resource,
      timeZone,
      now,
      shown ? commentAuthorsIn(resource.candidateId, shown) : undefined,
    ),
    withdrawnClaims(
      db,
      evidenceId,
      shown?.map((e) => e.id),
    ),
    claimsAtLastReview(
      db,
      mappings.filter((m) => m.reviews.length > 0).map((m) => m.id),
    ),
  ]);
  const changes = await roundChanges(
    db,
    { id: evidence.id, centreId: resource.centreId, round: evidence.round },
    mappings.map((m) => ({
      id: m.id,
      status: m.status,
      rangeItemIds: m.rangeItems.map((r) => r.rangeItemId),
      rangeItemText: new Map(m.criterion.rangeItems.map((i) => [i.id, i.text])),
      reviewed: m.reviews.length > 0,
    })),
    claims,
  );

  mappings.sort(byUnitThenCriterion);
  const claimPairs = await claimPairsOf(db, mappings);
  const units = reviewUnits(mappings, {
    actor,
    now,
    byEnrolment: new Map(resource.enrolments.map((e) => [e.id, e])),
    evidenceMethod: evidence.method,
    claimant: resource.origin?.by === "witness" ? "witness" : "candidate",
    people,
    claims,
    changes,
    claimPairs,
  });
  return {
    evidence: evidenceDetails(evidence),
    timeZone,
    units,
    withdrawn,
    thread,
    canReviewAny: units.some((u) => u.mappings.some((m) => m.canReview)),
    whole: sight.whole,
    changedSinceLastRound: changes ? roundChangesSummary(changes) : null,
    claimPairs,
  };
}

function evidenceUnderReview(db: Db, evidenceId: string) {
  return db.evidence.findUnique({
    where: { id: evidenceId },
    select: {
      id: true,
      title: true,
      method: true,
      activityDate: true,
      description: true,
      simulated: true,
      workplaceDocument: true,
      submittedAt: true,
      declaration: true,
      round: true,
      candidate: { select: { name: true } },
    },
  });
}

function evidenceDetails(
  evidence: NonNullable<Awaited<ReturnType<typeof evidenceUnderReview>>>,
): EvidenceReview["evidence"] {
  return {
    id: evidence.id,
    title: evidence.title,
    method: evidence.method,
    methodLabel: methodLabel(evidence.method),
    activityDate: evidence.activityDate,
    description: evidence.description,
    simulated: evidence.simulated,
    workplaceDocument: workplaceDocumentOf(evidence.workplaceDocument),
    submittedAt: evidence.submittedAt,
    declaration: evidence.declaration,
    round: evidence.round,
    candidateName: evidence.candidate.name,
  };
}

/** The evidence's mappings with their reviews; for an EQA, only those in the enrolments shown to them. */
function reviewMappingRows(db: Db, evidenceId: string, shown: ReadonlyArray<{ id: string }> | undefined) {
  return db.mapping.findMany({
    where: { evidenceId, ...(shown ? { enrolmentId: { in: shown.map((e) => e.id) } } : {}) },
    select: {
      id: true,
      status: true,
      feedback: true,
      reviewedAt: true,
      reviewedById: true,
      rangeItems: { select: { rangeItemId: true } },
      enrolment: {
        select: {
          id: true,
          status: true,
          unitVersion: { select: { title: true, unit: { select: { code: true } } } },
        },
      },
      criterion: { select: criterionViewSelect },
      reviews: mappingReviewsQuery,
    },
  });
}

type ReviewMappingRow = Awaited<ReturnType<typeof reviewMappingRows>>[number];

/** The names of everyone who reviewed any of the mappings, by id. */
async function namesOfReviewers(db: Db, mappings: ReviewMappingRow[]): Promise<Map<string, string>> {
  const personIds = new Set<string>();
  for (const m of mappings) {
    if (m.reviewedById) personIds.add(m.reviewedById);
    for (const r of m.reviews) personIds.add(r.reviewerId);
  }
  const users = await db.user.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

type ReviewContext = {
  actor: Actor;
  now: Date;
  byEnrolment: Map<string, EnrolmentResource>;
  evidenceMethod: string;
  /** Who made the claims: the candidate, or the witness whose testimony this is. */
  claimant: "candidate" | "witness";
  people: Map<string, string>;
  claims: Awaited<ReturnType<typeof claimsAtLastReview>>;
  changes: Awaited<ReturnType<typeof roundChanges>>;
  claimPairs: ClaimPair[];
};

/** The mappings (in unit then criterion order) grouped by unit, with what the viewer may do with each. */
function reviewUnits(mappings: ReviewMappingRow[], context: ReviewContext): ReviewUnit[] {
  const { actor, now, byEnrolment } = context;
  const units: ReviewUnit[] = [];
  for (const m of mappings) {
    const enrolmentResource = byEnrolment.get(m.enrolment.id);
    const unit = groupOfEnrolment(units, m.enrolment.id, () => ({
      enrolmentId: m.enrolment.id,
      unitCode: m.enrolment.unitVersion.unit.code,
      unitTitle: m.enrolment.unitVersion.title,
      enrolmentStatus: m.enrolment.status,
      canOpenEnrolment: !!enrolmentResource && can(actor, "enrolment.read", enrolmentResource, now),
      mappings: [],
    }));
    unit.mappings.push({
      ...reviewMappingOf(m, context),
      canReview:
        m.status === "SUBMITTED" &&
        m.enrolment.status === "ACTIVE" &&
        !!enrolmentResource &&
        can(actor, "mapping.review", enrolmentResource, now),
    });
  }
  return units;
}

function reviewMappingOf(m: ReviewMappingRow, context: ReviewContext): Omit<ReviewMapping, "canReview"> {
  const { people, claims, changes } = context;
  const claimed = new Set(m.rangeItems.map((r) => r.rangeItemId));
  const itemText = new Map(m.criterion.rangeItems.map((i) => [i.id, i.text]));
  return {
    id: m.id,
    status: m.status,
    feedback: m.feedback,
    reviewedAt: m.reviewedAt,
    reviewerName: m.reviewedById ? (people.get(m.reviewedById) ?? null) : null,
    criterion: {
      id: m.criterion.id,
      ref: m.criterion.ref,
      text: m.criterion.text,
      groupTitle: m.criterion.group.title,
      rangeTitle: m.criterion.rangeTitle,
      rangeRuleWords: describeRangeRule(m.criterion.rangeRule, m.criterion.rangeMin, m.criterion.rangeItems.length),
      rangeItems: m.criterion.rangeItems.map((i) => ({ id: i.id, text: i.text, claimed: claimed.has(i.id) })),
    },
    rangeWords: rangeClaimWords({
      status: m.status,
      itemCount: claimed.size,
      total: m.criterion.rangeItems.length,
      claimedAtReview: claims.get(m.id)?.length ?? null,
      claimant: context.claimant,
    }),
    claimant: context.claimant,
    sinceLastRound: changes?.mappings.get(m.id) ?? null,
    warnings: mappingWarnings({ evidenceMethod: context.evidenceMethod, group: m.criterion.group }),
    reviews: reviewEntries(m.reviews, people, itemText),
    alsoClaimedIn: alsoClaimedIn(context.claimPairs, m.id),
  };
}
