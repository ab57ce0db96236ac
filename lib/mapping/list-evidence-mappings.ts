import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { methodLabel } from "../evidence/methods";
import { mappingWarnings } from "./mapping-warnings";
import { criterionViewSelect, groupOfEnrolment, toCriterionSummary, type CriterionSummary } from "./criterion-view";
import { byUnitThenCriterion } from "./rules";
import { candidateMayChange, type MappingStatus } from "./status-words";
import { timeZoneOf } from "../format/time-zone";

export type MappedCriterion = CriterionSummary & {
  rangeItems: { id: string; text: string; claimed: boolean }[];
};

export type EvidenceMappingDto = {
  id: string;
  status: MappingStatus;
  feedback: string | null;
  reviewedAt: Date | null;
  criterion: MappedCriterion;
  warnings: string[];
  /** Whether the viewer may change its range items or remove it now. */
  canChange: boolean;
};

export type EvidenceMappingUnit = {
  enrolmentId: string;
  enrolmentStatus: string;
  unitCode: string;
  unitTitle: string;
  versionNumber: number;
  mappings: EvidenceMappingDto[];
};

export type EvidenceMappings = {
  evidence: {
    id: string;
    title: string;
    method: string;
    methodLabel: string;
    simulated: boolean;
    submittedAt: Date | null;
    declaration: string | null;
    timeZone: string;
  };
  /** The viewer owns the evidence and may map it, change mappings and submit it. */
  viewerIsOwner: boolean;
  mappingCount: number;
  /** Mappings on active enrolments that a submission would send for assessment. */
  awaitingSubmission: number;
  units: EvidenceMappingUnit[];
};

/** One evidence item's mappings, grouped by unit, for anyone who may read the evidence. */
export async function listEvidenceMappings(
  db: Db,
  actor: Actor,
  evidenceId: string,
  now: Date = new Date(),
): Promise<EvidenceMappings> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.read", resource, now);
  const viewerIsOwner = can(actor, "mapping.propose", resource, now);

  const evidence = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: {
      id: true,
      title: true,
      method: true,
      simulated: true,
      submittedAt: true,
      declaration: true,
      centreId: true,
    },
  });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  const [centre, rows] = await Promise.all([
    db.centre.findUnique({ where: { id: evidence.centreId }, select: { timeZone: true } }),
    mappingRowsOf(db, evidenceId),
  ]);

  const { units, awaitingSubmission } = groupByUnit(rows, evidence.method, viewerIsOwner);

  return {
    evidence: {
      id: evidence.id,
      title: evidence.title,
      method: evidence.method,
      methodLabel: methodLabel(evidence.method),
      simulated: evidence.simulated,
      submittedAt: evidence.submittedAt,
      declaration: evidence.declaration,
      timeZone: timeZoneOf(centre),
    },
    viewerIsOwner,
    mappingCount: rows.length,
    awaitingSubmission,
    units,
  };
}

function mappingRowsOf(db: Db, evidenceId: string) {
  return db.mapping.findMany({
    where: { evidenceId },
    select: {
      id: true,
      status: true,
      feedback: true,
      reviewedAt: true,
      rangeItems: { select: { rangeItemId: true } },
      enrolment: {
        select: {
          id: true,
          status: true,
          unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } },
        },
      },
      criterion: { select: criterionViewSelect },
    },
  });
}

type MappingRow = Awaited<ReturnType<typeof mappingRowsOf>>[number];

/** The rows by unit, each with what the viewer may do; and how many a submission would send. */
function groupByUnit(
  rows: MappingRow[],
  evidenceMethod: string,
  viewerIsOwner: boolean,
): { units: EvidenceMappingUnit[]; awaitingSubmission: number } {
  rows.sort(byUnitThenCriterion);
  const units: EvidenceMappingUnit[] = [];
  let awaitingSubmission = 0;
  for (const row of rows) {
    const unit = groupOfEnrolment(units, row.enrolment.id, () => ({
      enrolmentId: row.enrolment.id,
      enrolmentStatus: row.enrolment.status,
      unitCode: row.enrolment.unitVersion.unit.code,
      unitTitle: row.enrolment.unitVersion.title,
      versionNumber: row.enrolment.unitVersion.number,
      mappings: [],
    }));
    const active = row.enrolment.status === "ACTIVE";
    if (active && (row.status === "PROPOSED" || row.status === "REJECTED")) awaitingSubmission++;
    const claimed = new Set(row.rangeItems.map((r) => r.rangeItemId));
    const c = row.criterion;
    unit.mappings.push({
      id: row.id,
      status: row.status,
      feedback: row.feedback,
      reviewedAt: row.reviewedAt,
      criterion: {
        ...toCriterionSummary(c),
        rangeItems: c.rangeItems.map((item) => ({ id: item.id, text: item.text, claimed: claimed.has(item.id) })),
      },
      warnings: mappingWarnings({ evidenceMethod, group: c.group }),
      canChange: viewerIsOwner && active && candidateMayChange(row.status),
    });
  }

  return { units, awaitingSubmission };
}
