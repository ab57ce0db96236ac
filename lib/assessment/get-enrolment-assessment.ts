import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { submittedMappingStatuses } from "../evidence/evidence-resource";
import { enrolmentHeading, enrolmentHeadingSelect } from "../enrolments/enrolment-heading";
import { describeRangeRule } from "../standards/range-rule";
import { requireEnrolmentResource } from "./common";
import { countsTowardsMet, metReadiness } from "./met-shortfall";
import { checkDecisionSignatures } from "./verify-decision-signature";
import { isCheckable, requirementChecks, requirementItems, type RequirementChecks } from "./requirement-checks";
import { describeOpenItems, unitOpenItems } from "./unit-open-items";

// The assessment record of one enrolment: every criterion with its accepted evidence, range
// coverage and decision (with history), the evidence requirements and their confirmations,
// and the unit sign-off with what is still open. Plain data, with what the viewer may do.

type Signed = { by: string; at: Date };
type Revocation = { by: string; at: Date; reason: string };

export type DecisionView = {
  id: string;
  outcome: "MET" | "NOT_YET_MET";
  signed: Signed;
  signatureHash: string;
  /** The signature recomputed from the evidence files as they are now matches (verify-decision-signature.ts). */
  signatureValid: boolean;
  revoked: Revocation | null;
};

export type CriterionAssessment = {
  id: string;
  ref: string;
  text: string;
  rangeTitle: string | null;
  rangeRuleWords: string;
  rangeItems: { id: string; text: string; covered: boolean }[];
  accepted: {
    mappingId: string;
    evidenceId: string;
    title: string;
    rangeItemTexts: string[];
    /** An assessor's observation its candidate has not confirmed yet: it does not count towards met. */
    awaitingConfirmation: boolean;
  }[];
  /** Mappings of this criterion that are not accepted, by status. */
  waiting: number;
  referred: number;
  coverage: { covered: number; required: number; total: number; satisfied: boolean };
  /** Why "met" cannot be signed yet, or null when it can. */
  shortfall: string | null;
  standing: DecisionView | null;
  history: DecisionView[];
};

export type EnrolmentAssessment = {
  enrolment: {
    id: string;
    status: "ACTIVE" | "COMPLETED" | "WITHDRAWN";
    candidateName: string;
    unitCode: string;
    unitTitle: string;
    versionNumber: number;
    assessorName: string | null;
    iqaName: string | null;
    candidateDeclaredAt: Date | null;
    candidateDeclaration: string | null;
  };
  timeZone: string;
  abilities: {
    decide: boolean;
    confirm: boolean;
    signOff: boolean;
    revoke: boolean;
    comment: boolean;
    /** Record an observation of the candidate (lib/observation). */
    observe: boolean;
  };
  groups: { title: string; ref: string | null; criteria: CriterionAssessment[] }[];
  requirements: {
    id: string;
    ref: string;
    text: string;
    items: { ref: string; text: string }[];
    checks: RequirementChecks;
    checkable: boolean;
    confirmation: { by: string; at: Date; note: string | null; evidence: { id: string; title: string }[] } | null;
  }[];
  /** The candidate's evidence with a mapping accepted in this enrolment: what can confirm a requirement. */
  acceptedEvidence: { id: string; title: string; simulated: boolean }[];
  signOff: {
    standing: { id: string; by: string; at: Date; declaration: string; signatureHash: string } | null;
    history: { id: string; by: string; at: Date; declaration: string; revoked: Revocation | null }[];
    open: string[];
  };
};

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export async function getEnrolmentAssessment(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<EnrolmentAssessment> {
  const resource = await requireEnrolmentResource(db, enrolmentId);
  authorize(actor, "enrolment.read", resource, now);

  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      ...enrolmentHeadingSelect,
      unitVersionId: true,
      candidateId: true,
      candidateDeclaredAt: true,
      candidateDeclaration: true,
      centre: { select: { timeZone: true } },
      assessor: { select: { name: true } },
      iqa: { select: { name: true } },
    },
  });
  if (!enrolment) throw new AppError("That enrolment was not found.");

  const records = await assessmentRecords(db, enrolment);
  const { mappings, decisions, signOffs, open } = records;
  const { name, revocation } = await signerNames(db, records);
  const signatureChecks = await checkDecisionSignatures(db, decisions);
  const decisionView = (d: DecisionRow): DecisionView => ({
    id: d.id,
    outcome: d.outcome,
    signed: { by: name(d.signedById), at: d.signedAt },
    signatureHash: d.signatureHash,
    signatureValid: signatureChecks.get(d.id)?.valid ?? false,
    revoked: revocation(d),
  });

  const acceptedEvidence = new Map<string, { id: string; title: string; simulated: boolean }>();
  for (const m of mappings) if (m.status === "ACCEPTED") acceptedEvidence.set(m.evidence.id, m.evidence);

  return {
    enrolment: {
      ...enrolmentHeading(enrolment),
      assessorName: enrolment.assessor?.name ?? null,
      iqaName: enrolment.iqa?.name ?? null,
      candidateDeclaredAt: enrolment.candidateDeclaredAt,
      candidateDeclaration: enrolment.candidateDeclaration,
    },
    timeZone: enrolment.centre.timeZone,
    abilities: {
      decide: can(actor, "criterion.signOff", resource, now),
      confirm: can(actor, "requirement.confirm", resource, now),
      signOff: can(actor, "unit.signOff", resource, now),
      revoke: can(actor, "decision.revoke", resource, now),
      comment: can(actor, "qa.comment", resource, now),
      observe: can(actor, "observation.record", resource, now),
    },
    groups: records.groups.map((g) => ({
      title: g.title,
      ref: g.ref,
      criteria: g.criteria.map((c) => criterionAssessment(c, mappings, decisions, decisionView)),
    })),
    requirements: requirementViews(records, name),
    acceptedEvidence: [...acceptedEvidence.values()],
    signOff: {
      standing: standingSignOff(signOffs, name),
      history: signOffs
        .filter((s) => s.currentSlot !== "current")
        .map((s) => ({
          id: s.id,
          by: name(s.assessorId),
          at: s.signedAt,
          declaration: s.assessorDeclaration,
          revoked: revocation(s),
        })),
      open: describeOpenItems(open),
    },
  };
}

/** Everything the record shows, read at once: a fixed number of queries whatever the size of the unit. */
async function assessmentRecords(
  db: Db,
  enrolment: { id: string; unitVersionId: string; candidateId: string; candidateDeclaredAt: Date | null },
) {
  const enrolmentId = enrolment.id;
  const [groups, mappings, decisions, requirements, confirmations, signOffs, open] = await Promise.all([
    db.criterionGroup.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
      select: {
        title: true,
        ref: true,
        criteria: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            ref: true,
            text: true,
            rangeTitle: true,
            rangeRule: true,
            rangeMin: true,
            rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
          },
        },
      },
    }),
    // Submitted claims only: a PROPOSED mapping is the candidate's draft, which nothing here
    // counts and an EQA of this enrolment may not see (lib/evidence/evidence-resource.ts).
    db.mapping.findMany({
      where: {
        enrolmentId,
        evidence: { candidateId: enrolment.candidateId },
        status: { in: [...submittedMappingStatuses] },
      },
      select: {
        id: true,
        status: true,
        criterionId: true,
        evidence: {
          select: { id: true, title: true, simulated: true, authorId: true, candidateResponse: true },
        },
        rangeItems: { select: { rangeItemId: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.decision.findMany({ where: { enrolmentId }, orderBy: [{ signedAt: "desc" }, { id: "desc" }] }),
    db.evidenceRequirement.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
    }),
    db.requirementConfirmation.findMany({ where: { enrolmentId } }),
    db.unitSignOff.findMany({ where: { enrolmentId }, orderBy: [{ signedAt: "desc" }, { id: "desc" }] }),
    unitOpenItems(db, enrolment),
  ]);
  return { groups, mappings, decisions, requirements, confirmations, signOffs, open };
}

type AssessmentRecords = Awaited<ReturnType<typeof assessmentRecords>>;
type DecisionRow = AssessmentRecords["decisions"][number];
type CriterionRow = AssessmentRecords["groups"][number]["criteria"][number];
type NameOf = (id: string | null) => string;

/** Who signed, confirmed and revoked, by name (one query), and how a revocation reads. */
async function signerNames(db: Db, { decisions, confirmations, signOffs }: AssessmentRecords) {
  const personIds = new Set<string>();
  for (const d of decisions) {
    personIds.add(d.signedById);
    if (d.revokedById) personIds.add(d.revokedById);
  }
  for (const c of confirmations) personIds.add(c.confirmedById);
  for (const s of signOffs) {
    personIds.add(s.assessorId);
    if (s.revokedById) personIds.add(s.revokedById);
  }
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const name: NameOf = (id) => (id ? (names.get(id) ?? "Unknown") : "Unknown");
  const revocation = (row: {
    revokedAt: Date | null;
    revokedById: string | null;
    revokeReason: string | null;
  }): Revocation | null =>
    row.revokedAt ? { by: name(row.revokedById), at: row.revokedAt, reason: row.revokeReason ?? "" } : null;
  return { name, revocation };
}

function criterionAssessment(
  c: CriterionRow,
  mappings: AssessmentRecords["mappings"],
  decisions: DecisionRow[],
  decisionView: (d: DecisionRow) => DecisionView,
): CriterionAssessment {
  const own = mappings.filter((m) => m.criterionId === c.id);
  const accepted = own.filter((m) => m.status === "ACCEPTED");
  const itemText = new Map(c.rangeItems.map((i) => [i.id, i.text]));
  const readiness = metReadiness({
    ref: c.ref,
    rangeRule: c.rangeRule,
    rangeMin: c.rangeMin,
    rangeItemIds: c.rangeItems.map((i) => i.id),
    accepted: accepted.map((m) => ({ rangeItemIds: m.rangeItems.map((r) => r.rangeItemId), evidence: m.evidence })),
  });
  // Covered by what counts towards met, as the coverage figure counts (met-shortfall.ts).
  const counted = accepted.filter((m) => countsTowardsMet(m.evidence));
  const coveredIds = new Set(counted.flatMap((m) => m.rangeItems.map((r) => r.rangeItemId)));
  const mine = decisions.filter((d) => d.criterionId === c.id);
  const standing = mine.find((d) => d.currentSlot === "current");
  return {
    id: c.id,
    ref: c.ref,
    text: c.text,
    rangeTitle: c.rangeTitle,
    rangeRuleWords: describeRangeRule(c.rangeRule, c.rangeMin, c.rangeItems.length),
    rangeItems: c.rangeItems.map((i) => ({ id: i.id, text: i.text, covered: coveredIds.has(i.id) })),
    accepted: accepted.map((m) => ({
      mappingId: m.id,
      evidenceId: m.evidence.id,
      title: m.evidence.title,
      rangeItemTexts: m.rangeItems.flatMap((r) => itemText.get(r.rangeItemId) ?? []),
      awaitingConfirmation: !countsTowardsMet(m.evidence),
    })),
    waiting: own.filter((m) => m.status === "SUBMITTED").length,
    referred: own.filter((m) => m.status === "REJECTED").length,
    coverage: readiness.coverage,
    shortfall: readiness.shortfall,
    standing: standing ? decisionView(standing) : null,
    history: mine.filter((d) => d.currentSlot !== "current").map(decisionView),
  };
}

function requirementViews(
  { requirements, confirmations, mappings }: AssessmentRecords,
  name: NameOf,
): EnrolmentAssessment["requirements"] {
  const evidenceTitle = new Map(mappings.map((m) => [m.evidence.id, m.evidence.title]));
  return requirements.map((r) => {
    const confirmation = confirmations.find((c) => c.requirementId === r.id);
    return {
      id: r.id,
      ref: r.ref,
      text: r.text,
      items: requirementItems(r.items),
      checks: requirementChecks(r.checks),
      checkable: isCheckable(r.checks),
      confirmation: confirmation
        ? {
            by: name(confirmation.confirmedById),
            at: confirmation.at,
            note: confirmation.note,
            evidence: ids(confirmation.evidenceIds).map((id) => ({
              id,
              title: evidenceTitle.get(id) ?? "Evidence no longer mapped to this unit",
            })),
          }
        : null,
    };
  });
}

function standingSignOff(
  signOffs: AssessmentRecords["signOffs"],
  name: NameOf,
): EnrolmentAssessment["signOff"]["standing"] {
  const s = signOffs.find((row) => row.currentSlot === "current");
  return s
    ? {
        id: s.id,
        by: name(s.assessorId),
        at: s.signedAt,
        declaration: s.assessorDeclaration,
        signatureHash: s.signatureHash,
      }
    : null;
}
