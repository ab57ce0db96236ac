import { authorize, can, evidenceSight, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentResourceSelect, toEnrolmentResource } from "../enrolments/enrolment-resource";
import { AppError } from "../errors";
import { rangeCoverage, describeCoverage, type RangeCoverage, type RangeRuleData } from "../evidence/range-coverage";
import { methodLabel } from "../evidence/methods";
import { rangeRuleOf } from "../mapping/rules";
import { groupAssessmentMethods, mappingWarnings } from "../mapping/mapping-warnings";
import type { MappingStatus } from "../mapping/status-words";
import { groupBy } from "../collections/group-by";
import { enrolmentHeading, enrolmentHeadingSelect } from "../enrolments/enrolment-heading";
import { criterionStatus, criterionStatuses, type CriterionStanding, type CriterionStatus } from "./criterion-status";
import { decisionSummaries, type DecisionSummary } from "../assessment/decision-summary";

export type CoverageDto = RangeCoverage & { description: string };

export type GapRangeItem = {
  id: string;
  text: string;
  /** Statuses of the mappings that claim this item (accepted first), none when uncovered. */
  coveredBy: MappingStatus[];
};

export type GapRange = {
  title: string | null;
  rule: "all" | "atLeast" | null;
  min: number | null;
  guidance: string[];
  items: GapRangeItem[];
  /** Items claimed by proposed, submitted or accepted mappings. */
  claimed: CoverageDto;
  /** Items claimed by accepted mappings only: what sign-off will count. */
  accepted: CoverageDto;
};

export type GapEvidence = {
  mappingId: string;
  evidenceId: string;
  title: string;
  status: MappingStatus;
  /** The assessor's words in the latest review; the earlier ones are in the evidence's review history. */
  feedback: string | null;
  /** How many reviews of this mapping are kept, in every round. */
  reviewCount: number;
  /** The same warnings as when mapping and on the review (a method the unit does not list for this outcome). */
  warnings: string[];
};

export type GapCriterion = CriterionStanding & {
  evidence: GapEvidence[];
  range: GapRange | null;
};

export type GapGroup = {
  id: string;
  ref: string | null;
  kind: string;
  title: string;
  assessmentMethods: string[] | null;
  criteria: GapCriterion[];
};

export type GapRequirement = {
  ref: string;
  text: string;
  items: { ref: string; text: string }[];
  checks: Record<string, boolean>;
  /** Confirmed by the assessor at unit sign-off; not recorded yet, so always false for now. */
  confirmed: boolean;
};

export type AttachableEvidence = { id: string; title: string; methodLabel: string; simulated: boolean };

export type GapView = {
  enrolment: {
    id: string;
    status: string;
    candidateName: string;
    unitCode: string;
    unitTitle: string;
    versionNumber: number;
    plannedEndDate: Date;
    timeZone: string;
    /** When the candidate made their final declaration for unit sign-off, if they have. */
    candidateDeclaredAt: Date | null;
  };
  /** The viewer is the enrolment's candidate. */
  viewerIsCandidate: boolean;
  /** The viewer is the candidate and the enrolment is active: they may attach evidence here. */
  canPropose: boolean;
  total: number;
  counts: Record<CriterionStatus, number>;
  groups: GapGroup[];
  requirements: GapRequirement[];
  /** The candidate's unsubmitted evidence in this centre, when canPropose. */
  attachableEvidence: AttachableEvidence[];
};

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function requirementItems(value: unknown): { ref: string; text: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const { ref, text } = item as Record<string, unknown>;
    return typeof text === "string" ? [{ ref: typeof ref === "string" ? ref : "", text }] : [];
  });
}

function booleanChecks(value: unknown): Record<string, boolean> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean"),
  );
}

function coverageOf(range: RangeRuleData, covered: Iterable<string>): CoverageDto {
  const coverage = rangeCoverage(range, covered);
  return { ...coverage, description: describeCoverage(range, coverage) };
}

const statusOrder: MappingStatus[] = ["ACCEPTED", "SUBMITTED", "PROPOSED", "REJECTED"];

/**
 * Every criterion of the enrolment's pinned unit version, in source order under its group,
 * with its status, the evidence mapped to it and its range coverage; plus the unit's evidence
 * requirements. A fixed number of queries whatever the size of the unit.
 */
export async function getGapView(db: Db, actor: Actor, enrolmentId: string, now: Date = new Date()): Promise<GapView> {
  const enrolment = await gapViewEnrolment(db, enrolmentId);
  const resource = toEnrolmentResource(enrolment);
  authorize(actor, "enrolment.read", resource, now);
  const canPropose = enrolment.status === "ACTIVE" && can(actor, "mapping.propose", resource, now);
  // An EQA sees only what was submitted; drafts (proposed claims) stay the candidate's business.
  const seesDrafts = evidenceSight(
    actor,
    { kind: "evidence", centreId: resource.centreId, candidateId: resource.candidateId, enrolments: [resource] },
    now,
  ).whole;

  const [groups, requirements, mappings, decisions, attachable] = await gapViewRecords(
    db,
    enrolment,
    seesDrafts,
    canPropose,
  );
  const mappingsByCriterion = groupBy(mappings, (m) => m.criterionId);
  const decisionByCriterion = new Map(decisions.map((d) => [d.criterionId, d]));
  const summarise = await decisionSummaries(db, decisions);

  const counts = Object.fromEntries(criterionStatuses.map((s) => [s, 0])) as Record<CriterionStatus, number>;
  let total = 0;
  const gapGroups: GapGroup[] = groups.map((group) => ({
    id: group.id,
    ref: group.ref,
    kind: group.kind,
    title: group.title,
    assessmentMethods: groupAssessmentMethods(group.assessmentMethods),
    criteria: group.criteria.map((criterion) => {
      const own = mappingsByCriterion.get(criterion.id) ?? [];
      const decision = decisionByCriterion.get(criterion.id) ?? null;
      const gap = gapCriterion(criterion, group, own, decision ? summarise(decision) : null);
      counts[gap.status]++;
      total++;
      return gap;
    }),
  }));

  return {
    enrolment: {
      ...enrolmentHeading(enrolment),
      plannedEndDate: enrolment.plannedEndDate,
      timeZone: enrolment.centre.timeZone,
      candidateDeclaredAt: enrolment.candidateDeclaredAt,
    },
    viewerIsCandidate: enrolment.candidateId === actor.userId,
    canPropose,
    total,
    counts,
    groups: gapGroups,
    requirements: requirements.map((r) => ({
      ref: r.ref,
      text: r.text,
      items: requirementItems(r.items),
      checks: booleanChecks(r.checks),
      confirmed: r.confirmations.length > 0,
    })),
    attachableEvidence: attachable.map((e) => ({
      id: e.id,
      title: e.title,
      methodLabel: methodLabel(e.method),
      simulated: e.simulated,
    })),
  };
}

async function gapViewEnrolment(db: Db, enrolmentId: string) {
  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      ...enrolmentResourceSelect,
      ...enrolmentHeadingSelect,
      plannedEndDate: true,
      candidateDeclaredAt: true,
      unitVersionId: true,
      centre: { select: { timeZone: true } },
    },
  });
  if (!enrolment)
    throw new AppError(
      "That unit enrolment was not found. Go back to your units and choose one from the list.",
      "enrolment not found",
    );
  return enrolment;
}

type GapViewEnrolment = Awaited<ReturnType<typeof gapViewEnrolment>>;

/** The unit version's groups and requirements, the enrolment's mappings and decisions, and what can be attached. */
function gapViewRecords(db: Db, enrolment: GapViewEnrolment, seesDrafts: boolean, canPropose: boolean) {
  return Promise.all([
    db.criterionGroup.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        ref: true,
        kind: true,
        title: true,
        assessmentMethods: true,
        criteria: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            ref: true,
            kind: true,
            text: true,
            rangeTitle: true,
            rangeRule: true,
            rangeMin: true,
            rangeGuidance: true,
            rangeItems: { orderBy: { position: "asc" }, select: { id: true, text: true } },
          },
        },
      },
    }),
    db.evidenceRequirement.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
      select: {
        ref: true,
        text: true,
        items: true,
        checks: true,
        confirmations: { where: { enrolmentId: enrolment.id }, select: { at: true } },
      },
    }),
    db.mapping.findMany({
      where: seesDrafts ? { enrolmentId: enrolment.id } : { enrolmentId: enrolment.id, status: { not: "PROPOSED" } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        status: true,
        feedback: true,
        criterionId: true,
        evidenceId: true,
        evidence: { select: { title: true, method: true } },
        rangeItems: { select: { rangeItemId: true } },
        _count: { select: { reviews: true } },
      },
    }),
    db.decision.findMany({
      where: { enrolmentId: enrolment.id, currentSlot: "current" },
      select: { criterionId: true, outcome: true, signedAt: true, signedById: true },
    }),
    canPropose
      ? db.evidence.findMany({
          where: { candidateId: enrolment.candidateId, centreId: enrolment.centreId, submittedAt: null },
          orderBy: [{ activityDate: "desc" }, { id: "asc" }],
          select: { id: true, title: true, method: true, simulated: true },
        })
      : Promise.resolve([]),
  ]);
}

type GapRecords = Awaited<ReturnType<typeof gapViewRecords>>;
type GapGroupRow = GapRecords[0][number];
type GapCriterionRow = GapGroupRow["criteria"][number];
type GapMappingRow = GapRecords[2][number];

function gapCriterion(
  criterion: GapCriterionRow,
  group: GapGroupRow,
  own: GapMappingRow[],
  decision: DecisionSummary | null,
): GapCriterion {
  return {
    id: criterion.id,
    ref: criterion.ref,
    kind: criterion.kind,
    text: criterion.text,
    status: criterionStatus({ decision: decision?.outcome ?? null, mappingStatuses: own.map((m) => m.status) }),
    decision,
    evidence: own.map((m) => ({
      mappingId: m.id,
      evidenceId: m.evidenceId,
      title: m.evidence.title,
      status: m.status,
      feedback: m.feedback,
      reviewCount: m._count.reviews,
      warnings: mappingWarnings({ evidenceMethod: m.evidence.method, group }),
    })),
    range: gapRange(criterion, own),
  };
}

/** The criterion's range with which items the mappings claim, or null when it has no range items. */
function gapRange(criterion: GapCriterionRow, own: GapMappingRow[]): GapRange | null {
  if (criterion.rangeItems.length === 0) return null;
  const rule: RangeRuleData = {
    rule: rangeRuleOf(criterion.rangeRule),
    min: criterion.rangeMin,
    itemIds: criterion.rangeItems.map((i) => i.id),
  };
  const claimedBy = new Map<string, Set<MappingStatus>>();
  for (const mapping of own) {
    for (const { rangeItemId } of mapping.rangeItems) {
      const set = claimedBy.get(rangeItemId) ?? new Set<MappingStatus>();
      set.add(mapping.status);
      claimedBy.set(rangeItemId, set);
    }
  }
  const coveredWith = (allowed: MappingStatus[]) =>
    criterion.rangeItems
      .filter((item) => [...(claimedBy.get(item.id) ?? [])].some((s) => allowed.includes(s)))
      .map((item) => item.id);
  return {
    title: criterion.rangeTitle,
    rule: rule.rule,
    min: criterion.rangeMin,
    guidance: strings(criterion.rangeGuidance),
    items: criterion.rangeItems.map((item) => ({
      id: item.id,
      text: item.text,
      coveredBy: statusOrder.filter((s) => claimedBy.get(item.id)?.has(s)),
    })),
    claimed: coverageOf(rule, coveredWith(["PROPOSED", "SUBMITTED", "ACCEPTED"])),
    accepted: coverageOf(rule, coveredWith(["ACCEPTED"])),
  };
}
