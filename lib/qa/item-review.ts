import type { Prisma } from "../../generated/sqlite/client";
import { mappingReviewsQuery, reviewEntries, type ReviewEntry } from "../assessment/review-history";
import {
  checkDecisionSignatures,
  parseEvidenceSnapshot,
  storedDecisionSelect,
} from "../assessment/verify-decision-signature";
import { authorize, can, type Actor, type SamplingPlanResource } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";
import { NotFoundError } from "../errors";
import { describeCoverage, rangeCoverage, type RangeCoverage } from "../evidence/range-coverage";
import { methodLabel } from "../evidence/methods";
import { timeZoneOf } from "../format/time-zone";
import { rangeRuleOf } from "../mapping/rules";
import { describeRangeRule } from "../standards/range-rule";
import { actionThreads, namesOf, type ActionThread } from "./actions";

// What the IQA reads to judge one sampled assessment decision (docs/decisions/0020), on one page:
// the decision (criterion word for word, outcome, who signed and when, whether its signature still
// verifies), the evidence it rests on as it was signed (each file's SHA-256 then, and whether the
// stored file still has it), the mappings with the range they covered, the assessor's review of
// each mapping in every round, the IQA's outcome, and the actions it set with their threads.

export type SampledFile = {
  id: string;
  name: string;
  sha256: string;
  /** matches: the stored file still has the hash it was signed with; changed: it does not; missing: the file is gone. */
  state: "matches" | "changed" | "missing";
};

export type SampledEvidence = {
  id: string;
  title: string;
  method: string;
  methodLabel: string;
  activityDate: Date | null;
  files: SampledFile[];
  /** Files the evidence holds now that it did not hold when the decision was signed. */
  addedSince: number;
  /** The claim (mapping) the decision rested on, and the range items it covered then. */
  mappingId: string;
  rangeItemTexts: string[];
  /** The assessor's reviews of this claim, every round, oldest first. */
  reviews: ReviewEntry[];
};

export type ItemReview = {
  timeZone: string;
  plan: { id: string; title: string; iqaId: string; iqaName: string };
  item: {
    id: string;
    unitCode: string;
    method: string;
    methodLabel: string;
    stage: string;
    dueDate: Date;
    sampled: { at: Date; byName: string; outcome: "agreed" | "action_required"; feedback: string | null } | null;
  };
  enrolment: { id: string; candidateName: string; unitTitle: string; assessorName: string; status: string };
  decision: {
    id: string;
    criterionId: string;
    criterionRef: string;
    criterionText: string;
    outcome: "MET" | "NOT_YET_MET";
    signedByName: string;
    signedAt: Date;
    signatureHash: string;
    signatureValid: boolean;
    standing: boolean;
    revoked: { byName: string; at: Date; reason: string } | null;
  };
  evidence: SampledEvidence[];
  range: {
    title: string | null;
    ruleWords: string;
    items: { id: string; text: string; covered: boolean }[];
    coverage: RangeCoverage;
    /** "2 of at least 3 covered", or "" when the unit states no rule. */
    coverageWords: string;
  } | null;
  actions: ActionThread[];
  abilities: {
    /** Record or change the outcome: the plan's IQA who is the enrolment's IQA. */
    record: boolean;
    /** Revoke the decision (the existing revoke form). */
    revoke: boolean;
  };
  /** Why the outcome can no longer be changed, when an action of it has been answered or closed. */
  outcomeLocked: string | null;
};

export function planResource(plan: { centreId: string; iqaId: string }): SamplingPlanResource {
  return { kind: "samplingPlan", centreId: plan.centreId, iqaId: plan.iqaId };
}

export function itemNotFound(): NotFoundError {
  return new NotFoundError("That sampled item was not found in this plan. Go back to the plan and choose it there.");
}

export const outcomeLockedMessage =
  "An action from this outcome has been answered, so the outcome stands as recorded. Work through the open action: close it when it is done, or re-open it if more is needed.";

const itemSelect = {
  id: true,
  planId: true,
  enrolmentId: true,
  unitCode: true,
  method: true,
  stage: true,
  dueDate: true,
  sampledAt: true,
  sampledById: true,
  outcome: true,
  feedback: true,
  plan: { select: { id: true, title: true, centreId: true, iqaId: true } },
  decision: {
    select: {
      ...storedDecisionSelect,
      currentSlot: true,
      revokedAt: true,
      revokedById: true,
      revokeReason: true,
      criterion: {
        select: {
          ref: true,
          text: true,
          rangeTitle: true,
          rangeRule: true,
          rangeMin: true,
          rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
        },
      },
      enrolment: {
        select: {
          id: true,
          status: true,
          assessorId: true,
          candidate: { select: { name: true } },
          unitVersion: { select: { title: true } },
          centre: { select: { timeZone: true } },
        },
      },
    },
  },
} satisfies Prisma.SamplingItemSelect;

type ItemRow = Prisma.SamplingItemGetPayload<{ select: typeof itemSelect }>;

/** The sampled item with everything the IQA judges it on; not found for anyone who may not read its plan. */
export async function getItemReview(
  db: Db,
  actor: Actor,
  { planId, itemId }: { planId: string; itemId: string },
  now: Date = new Date(),
): Promise<ItemReview> {
  const row = await db.samplingItem.findUnique({ where: { id: itemId }, select: itemSelect });
  if (!row || row.planId !== planId) throw itemNotFound();
  authorize(actor, "qa.readPlan", planResource(row.plan), now);
  const d = row.decision;
  const snapshot = parseEvidenceSnapshot(d.evidenceSnapshot) ?? [];

  const [checks, evidence, actions, enrolmentResource] = await Promise.all([
    checkDecisionSignatures(db, [d]),
    sampledEvidence(db, row, snapshot),
    actionThreads(db, actor, { itemId: row.id }, now),
    loadEnrolmentResource(db, row.enrolmentId),
  ]);
  const names = await namesOf(db, [
    row.plan.iqaId,
    row.sampledById,
    d.signedById,
    d.revokedById,
    d.enrolment.assessorId,
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? "Unknown") : "Unknown");
  const answered = actions.some((a) => a.entries.length > 0);
  const mayRecord =
    enrolmentResource !== null &&
    can(actor, "qa.editPlan", planResource(row.plan), now) &&
    can(actor, "qa.sample", enrolmentResource, now);

  return {
    timeZone: timeZoneOf(d.enrolment.centre),
    plan: { id: row.plan.id, title: row.plan.title, iqaId: row.plan.iqaId, iqaName: name(row.plan.iqaId) },
    item: {
      id: row.id,
      unitCode: row.unitCode,
      method: row.method,
      methodLabel: methodLabel(row.method),
      stage: row.stage,
      dueDate: row.dueDate,
      sampled:
        row.sampledAt && (row.outcome === "agreed" || row.outcome === "action_required")
          ? { at: row.sampledAt, byName: name(row.sampledById), outcome: row.outcome, feedback: row.feedback }
          : null,
    },
    enrolment: {
      id: d.enrolment.id,
      candidateName: d.enrolment.candidate.name,
      unitTitle: d.enrolment.unitVersion.title,
      assessorName: d.enrolment.assessorId ? name(d.enrolment.assessorId) : "not assigned",
      status: d.enrolment.status,
    },
    decision: decisionView(d, checks.get(d.id)?.valid ?? false, name),
    evidence,
    range: rangeOf(row, snapshot),
    actions,
    abilities: {
      record: mayRecord && !answered,
      revoke:
        enrolmentResource !== null &&
        d.currentSlot === "current" &&
        d.enrolment.status !== "WITHDRAWN" &&
        can(actor, "decision.revoke", enrolmentResource, now),
    },
    outcomeLocked: mayRecord && answered ? outcomeLockedMessage : null,
  };
}

function decisionView(
  d: ItemRow["decision"],
  signatureValid: boolean,
  name: (id: string | null) => string,
): ItemReview["decision"] {
  return {
    id: d.id,
    criterionId: d.criterionId,
    criterionRef: d.criterion.ref,
    criterionText: d.criterion.text,
    outcome: d.outcome,
    signedByName: name(d.signedById),
    signedAt: d.signedAt,
    signatureHash: d.signatureHash,
    signatureValid,
    standing: d.currentSlot === "current",
    revoked: d.revokedAt ? { byName: name(d.revokedById), at: d.revokedAt, reason: d.revokeReason ?? "" } : null,
  };
}

type Snapshot = NonNullable<ReturnType<typeof parseEvidenceSnapshot>>;

/** The range the decision covered: the union of the range items of the claims it rested on, against the criterion's rule. */
function rangeOf(row: ItemRow, snapshot: Snapshot): ItemReview["range"] {
  const c = row.decision.criterion;
  if (c.rangeItems.length === 0) return null;
  const rule = { rule: rangeRuleOf(c.rangeRule), min: c.rangeMin, itemIds: c.rangeItems.map((i) => i.id) };
  const covered = new Set(snapshot.flatMap((e) => e.rangeItemIds));
  const coverage = rangeCoverage(rule, covered);
  return {
    title: c.rangeTitle,
    ruleWords: describeRangeRule(c.rangeRule, c.rangeMin, c.rangeItems.length),
    items: c.rangeItems.map((i) => ({ id: i.id, text: i.text, covered: covered.has(i.id) })),
    coverage,
    coverageWords: describeCoverage(rule, coverage),
  };
}

/**
 * Each evidence item of the snapshot as it was signed, its files checked against what is stored
 * now, and the assessor's reviews of the claim (withdrawn claims' reviews too: they keep the
 * evidence, criterion and enrolment they were about).
 */
async function sampledEvidence(db: Db, row: ItemRow, snapshot: Snapshot): Promise<SampledEvidence[]> {
  const d = row.decision;
  const evidenceIds = snapshot.map((e) => e.evidenceId);
  if (evidenceIds.length === 0) return [];
  const [evidence, files, reviews] = await Promise.all([
    db.evidence.findMany({
      where: { id: { in: evidenceIds } },
      select: { id: true, title: true, method: true, activityDate: true },
    }),
    db.evidenceFile.findMany({
      where: { evidenceId: { in: evidenceIds } },
      select: { id: true, evidenceId: true, originalName: true, sha256: true },
    }),
    db.mappingReview.findMany({
      where: { enrolmentId: d.enrolmentId, criterionId: d.criterionId, evidenceId: { in: evidenceIds } },
      select: { ...mappingReviewsQuery.select, evidenceId: true },
      orderBy: mappingReviewsQuery.orderBy,
    }),
  ]);
  const reviewers = await namesOf(
    db,
    reviews.map((r) => r.reviewerId),
  );
  const rangeTexts = new Map(d.criterion.rangeItems.map((i) => [i.id, i.text]));
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const fileById = new Map(files.map((f) => [f.id, f]));
  return snapshot.map((entry) => {
    const found = byId.get(entry.evidenceId);
    const signedIds = new Set(entry.files.map((f) => f.id));
    return {
      id: entry.evidenceId,
      title: found?.title ?? "Evidence no longer held",
      method: found?.method ?? "",
      methodLabel: found ? methodLabel(found.method) : "",
      activityDate: found?.activityDate ?? null,
      files: entry.files.map((f) => {
        const now = fileById.get(f.id);
        return {
          id: f.id,
          name: now?.originalName ?? "(file removed)",
          sha256: f.sha256,
          state: !now ? "missing" : now.sha256 === f.sha256 ? "matches" : "changed",
        };
      }),
      addedSince: files.filter((f) => f.evidenceId === entry.evidenceId && !signedIds.has(f.id)).length,
      mappingId: entry.mappingId,
      rangeItemTexts: entry.rangeItemIds.flatMap((id) => rangeTexts.get(id) ?? []),
      reviews: reviewEntries(
        reviews.filter((r) => r.evidenceId === entry.evidenceId),
        reviewers,
        rangeTexts,
      ),
    };
  });
}
