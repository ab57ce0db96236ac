import { checkDecisionSignatures, parseEvidenceSnapshot } from "../assessment/verify-decision-signature";
import { normaliseSnapshot, type SnapshotEntry } from "../assessment/signature";
import { groupBy } from "../collections/group-by";
import type { Db } from "../db/client";
import { claimSubmitted } from "../evidence/evidence-resource";
import { describeCoverage, rangeCoverage, type RangeRuleData } from "../evidence/range-coverage";
import { rangeRuleOf } from "../mapping/rules";
import { criterionStatus, criterionStatusLabel, type CriterionStatus } from "../portfolio/criterion-status";
import { caseIds } from "../standards/case/identifiers";
import type { CriterionKind } from "../standards/schema";
import type { PackScope } from "./scope";

// What an evidence pack says about each enrolment in its scope, read in a fixed number of
// queries per enrolment: the criteria of its pinned unit version with their status and range
// coverage, every decision (revoked ones too) with whether its signature still verifies (the
// app's own check, lib/assessment/verify-decision-signature.ts) and the facts it was signed over,
// and the evidence the reader may see with its files. Only metadata: file bytes are streamed
// later, one file at a time (./build.ts).

export type PackCoverage = {
  covered: number;
  required: number;
  total: number;
  satisfied: boolean;
  description: string;
};

export type PackCriterion = {
  id: string;
  kind: string;
  ref: string;
  text: string;
  caseIdentifier: string;
  status: CriterionStatus;
  statusLabel: string;
  range: {
    rule: "all" | "atLeast" | null;
    min: number | null;
    items: { text: string; acceptedCover: boolean }[];
    /** Items claimed by any mapping the reader sees, and by accepted mappings only. */
    claimed: PackCoverage;
    accepted: PackCoverage;
  } | null;
  evidenceIds: string[];
};

export type PackGroup = { ref: string | null; kind: string; title: string; criteria: PackCriterion[] };

/** The facts a decision's signature is computed over, as lib/assessment/signature.ts decisionSignature takes them. */
export type SignedFacts = {
  enrolmentId: string;
  criterionId: string;
  outcome: "MET" | "NOT_YET_MET";
  signedById: string;
  signedAt: string;
  evidenceSnapshot: SnapshotEntry[];
};

export type PackDecision = {
  id: string;
  criterionId: string;
  criterionRef: string;
  criterionKind: string;
  caseIdentifier: string;
  outcome: "MET" | "NOT_YET_MET";
  signedBy: { id: string; name: string };
  signedAt: Date;
  standing: boolean;
  revokedAt: Date | null;
  revokedBy: { id: string; name: string } | null;
  revokeReason: string | null;
  signatureHash: string;
  /** What the app recomputes the hash over: the stored facts, with the files the evidence holds now. */
  signed: SignedFacts;
  /** The app's own check (checkDecisionSignatures) of the stored hash against those facts. */
  signatureVerifies: boolean;
};

export type PackFileRow = {
  id: string;
  evidenceId: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  storageKey: string;
  createdAt: Date;
};

export type PackEvidence = {
  id: string;
  candidateId: string;
  title: string;
  method: string;
  activityDate: Date;
  submittedAt: Date | null;
  version: number;
  files: PackFileRow[];
};

export type PackEnrolment = {
  id: string;
  status: string;
  candidate: { id: string; name: string };
  assessor: { id: string; name: string } | null;
  unit: { code: string; title: string; versionNumber: number; sourceVersion: string | null; caseDocumentId: string };
  groups: PackGroup[];
  decisions: PackDecision[];
  evidenceIds: string[];
};

export type PackContents = {
  centre: { id: string; name: string; timeZone: string };
  enrolments: PackEnrolment[];
  /** Every evidence item of the pack once, whichever enrolments it belongs to. */
  evidence: Map<string, PackEvidence>;
};

/** Reads the pack's contents for its scope; the scope was authorized by resolvePackScope. */
export async function loadPackContents(db: Db, scope: PackScope): Promise<PackContents> {
  const centre = await db.centre.findUniqueOrThrow({
    where: { id: scope.centreId },
    select: { id: true, name: true, timeZone: true },
  });
  const enrolments: PackEnrolment[] = [];
  const evidence = new Map<string, PackEvidence>();
  for (const enrolmentId of scope.enrolmentIds) {
    const loaded = await loadEnrolment(db, enrolmentId, scope.centreId, scope.sight);
    if (!loaded) continue;
    enrolments.push(loaded.enrolment);
    for (const item of loaded.evidence) evidence.set(item.id, item);
  }
  enrolments.sort(
    (a, b) =>
      a.candidate.name.localeCompare(b.candidate.name) ||
      a.unit.code.localeCompare(b.unit.code) ||
      (a.id < b.id ? -1 : 1),
  );
  return { centre, enrolments, evidence };
}

function enrolmentRecords(db: Db, enrolmentId: string, unitVersionId: string) {
  return Promise.all([
    db.criterionGroup.findMany({
      where: { unitVersionId },
      orderBy: { position: "asc" },
      select: {
        ref: true,
        kind: true,
        title: true,
        criteria: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            ref: true,
            kind: true,
            text: true,
            rangeRule: true,
            rangeMin: true,
            rangeItems: { orderBy: { position: "asc" }, select: { id: true, text: true } },
          },
        },
      },
    }),
    db.mapping.findMany({
      where: { enrolmentId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        status: true,
        criterionId: true,
        evidenceId: true,
        rangeItems: { select: { rangeItemId: true } },
        reviews: { select: { id: true }, take: 1 },
      },
    }),
    db.mappingReview.findMany({ where: { enrolmentId }, select: { evidenceId: true }, distinct: ["evidenceId"] }),
    db.decision.findMany({
      where: { enrolmentId },
      orderBy: [{ signedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        enrolmentId: true,
        criterionId: true,
        outcome: true,
        signedById: true,
        signedAt: true,
        evidenceSnapshot: true,
        signatureHash: true,
        currentSlot: true,
        revokedAt: true,
        revokedById: true,
        revokeReason: true,
      },
    }),
  ]);
}

type Records = Awaited<ReturnType<typeof enrolmentRecords>>;
type MappingRow = Records[1][number];
type DecisionRow = Records[3][number];

// long-function: one enrolment's part of the pack in order: the enrolment, its records, which claims the reader sees, the evidence they point to with its files, then criteria and decisions; each step is a few lines that hand the next its input
async function loadEnrolment(
  db: Db,
  enrolmentId: string,
  centreId: string,
  sight: PackScope["sight"],
): Promise<{ enrolment: PackEnrolment; evidence: PackEvidence[] } | null> {
  const row = await db.enrolment.findFirst({
    where: { id: enrolmentId, centreId },
    select: {
      id: true,
      status: true,
      candidateId: true,
      unitVersionId: true,
      candidate: { select: { id: true, name: true } },
      assessor: { select: { id: true, name: true } },
      unitVersion: { select: { number: true, title: true, sourceVersion: true, unit: { select: { code: true } } } },
    },
  });
  if (!row) return null;
  const [groups, allMappings, reviewed, decisions] = await enrolmentRecords(db, row.id, row.unitVersionId);
  // An EQA sees only what was submitted for assessment here, never the candidate's drafts.
  const mappings = sight === "whole" ? allMappings : allMappings.filter(claimSubmitted);
  const snapshots = new Map(decisions.map((d) => [d.id, snapshotOf(d.evidenceSnapshot)]));
  const evidenceIds = new Set([
    ...mappings.map((m) => m.evidenceId),
    ...reviewed.map((r) => r.evidenceId),
    ...[...snapshots.values()].flatMap((s) => s.map((e) => e.evidenceId)),
  ]);
  const evidence = await loadEvidence(db, [...evidenceIds], row.candidateId, centreId);
  const code = row.unitVersion.unit.code;
  const version = row.unitVersion.number;
  const byCriterion = groupBy(mappings, (m) => m.criterionId);
  const standing = new Map(decisions.filter((d) => d.currentSlot === "current").map((d) => [d.criterionId, d.outcome]));
  const criteria = new Map<string, { ref: string; kind: string; caseIdentifier: string }>();
  const packGroups: PackGroup[] = groups.map((group) => ({
    ref: group.ref,
    kind: group.kind,
    title: group.title,
    criteria: group.criteria.map((criterion) => {
      const caseIdentifier = caseIds.criterion(code, version, criterion.kind as CriterionKind, criterion.ref);
      criteria.set(criterion.id, { ref: criterion.ref, kind: criterion.kind, caseIdentifier });
      const own = byCriterion.get(criterion.id) ?? [];
      const status = criterionStatus({
        decision: standing.get(criterion.id) ?? null,
        mappingStatuses: own.map((m) => m.status),
      });
      return {
        id: criterion.id,
        kind: criterion.kind,
        ref: criterion.ref,
        text: criterion.text,
        caseIdentifier,
        status,
        statusLabel: criterionStatusLabel(status),
        range: packRange(criterion, own),
        evidenceIds: [...new Set(own.map((m) => m.evidenceId))].filter((id) => evidence.has(id)),
      };
    }),
  }));
  const packDecisions = await decisionsOf(db, decisions, snapshots, evidence, criteria);
  return {
    enrolment: {
      id: row.id,
      status: row.status,
      candidate: row.candidate,
      assessor: row.assessor,
      unit: {
        code,
        title: row.unitVersion.title,
        versionNumber: version,
        sourceVersion: row.unitVersion.sourceVersion,
        caseDocumentId: caseIds.document(code, version),
      },
      groups: packGroups,
      decisions: packDecisions,
      evidenceIds: [...evidence.keys()],
    },
    evidence: [...evidence.values()],
  };
}

/** The evidence a decision was signed on; the files are read as they are now, as the app's check does. */
function snapshotOf(value: unknown): { evidenceId: string; mappingId: string; rangeItemIds: string[] }[] {
  return (parseEvidenceSnapshot(value) ?? []).map(({ evidenceId, mappingId, rangeItemIds }) => ({
    evidenceId,
    mappingId,
    rangeItemIds,
  }));
}

async function loadEvidence(
  db: Db,
  ids: string[],
  candidateId: string,
  centreId: string,
): Promise<Map<string, PackEvidence>> {
  if (ids.length === 0) return new Map();
  const rows = await db.evidence.findMany({
    where: { id: { in: ids }, candidateId, centreId },
    orderBy: [{ activityDate: "asc" }, { id: "asc" }],
    select: {
      id: true,
      candidateId: true,
      title: true,
      method: true,
      activityDate: true,
      submittedAt: true,
      version: true,
      files: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          evidenceId: true,
          originalName: true,
          size: true,
          sha256: true,
          mimeType: true,
          storageKey: true,
          createdAt: true,
        },
      },
    },
  });
  return new Map(rows.map((e) => [e.id, { ...e, files: e.files.map((f) => ({ ...f, size: Number(f.size) })) }]));
}

function coverage(rule: RangeRuleData, covered: string[]): PackCoverage {
  const result = rangeCoverage(rule, covered);
  return { ...result, description: describeCoverage(rule, result) };
}

function packRange(
  criterion: { rangeRule: string | null; rangeMin: number | null; rangeItems: { id: string; text: string }[] },
  own: MappingRow[],
): PackCriterion["range"] {
  if (criterion.rangeItems.length === 0) return null;
  const rule: RangeRuleData = {
    rule: rangeRuleOf(criterion.rangeRule),
    min: criterion.rangeMin,
    itemIds: criterion.rangeItems.map((i) => i.id),
  };
  const itemsOf = (statuses: string[]) =>
    own.filter((m) => statuses.includes(m.status)).flatMap((m) => m.rangeItems.map((r) => r.rangeItemId));
  const accepted = new Set(itemsOf(["ACCEPTED"]));
  return {
    rule: rule.rule,
    min: rule.min,
    items: criterion.rangeItems.map((item) => ({ text: item.text, acceptedCover: accepted.has(item.id) })),
    claimed: coverage(rule, itemsOf(["PROPOSED", "SUBMITTED", "ACCEPTED"])),
    accepted: coverage(rule, [...accepted]),
  };
}

async function decisionsOf(
  db: Db,
  decisions: DecisionRow[],
  snapshots: Map<string, { evidenceId: string; mappingId: string; rangeItemIds: string[] }[]>,
  evidence: Map<string, PackEvidence>,
  criteria: Map<string, { ref: string; kind: string; caseIdentifier: string }>,
): Promise<PackDecision[]> {
  const checks = await checkDecisionSignatures(db, decisions);
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(decisions.flatMap((d) => [d.signedById, d.revokedById ?? ""]))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? "Removed user" });
  // The files each evidence holds now, as the app's check reads them (evidence outside the reader's
  // sight is not in the pack, but its files' hashes still belong to the signed facts).
  const outside = [...new Set([...snapshots.values()].flatMap((s) => s.map((e) => e.evidenceId)))].filter(
    (id) => !evidence.has(id),
  );
  const outsideFiles = outside.length
    ? await db.evidenceFile.findMany({
        where: { evidenceId: { in: outside } },
        select: { id: true, evidenceId: true, sha256: true },
      })
    : [];
  const filesOf = (evidenceId: string) =>
    (evidence.get(evidenceId)?.files ?? outsideFiles.filter((f) => f.evidenceId === evidenceId)).map((f) => ({
      id: f.id,
      sha256: f.sha256,
    }));
  return decisions.map((d) => {
    const criterion = criteria.get(d.criterionId);
    const snapshot = snapshots.get(d.id) ?? [];
    return {
      id: d.id,
      criterionId: d.criterionId,
      criterionRef: criterion?.ref ?? "?",
      criterionKind: criterion?.kind ?? "",
      caseIdentifier: criterion?.caseIdentifier ?? "",
      outcome: d.outcome,
      signedBy: person(d.signedById),
      signedAt: d.signedAt,
      standing: d.currentSlot === "current",
      revokedAt: d.revokedAt,
      revokedBy: d.revokedById ? person(d.revokedById) : null,
      revokeReason: d.revokeReason,
      signatureHash: d.signatureHash,
      signed: {
        enrolmentId: d.enrolmentId,
        criterionId: d.criterionId,
        outcome: d.outcome,
        signedById: d.signedById,
        signedAt: d.signedAt.toISOString(),
        evidenceSnapshot: normaliseSnapshot(snapshot.map((e) => ({ ...e, files: filesOf(e.evidenceId) }))),
      },
      signatureVerifies: checks.get(d.id)?.valid ?? false,
    };
  });
}
