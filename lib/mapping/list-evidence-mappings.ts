import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { methodLabel } from "../evidence/methods";
import { mappingWarnings } from "./mapping-warnings";
import { byUnitThenCriterion, rangeRuleOf } from "./rules";
import { candidateMayChange, type MappingStatus } from "./status-words";

export type MappedCriterion = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  groupRef: string | null;
  groupTitle: string;
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
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
export async function listEvidenceMappings(db: Db, actor: Actor, evidenceId: string, now: Date = new Date()): Promise<EvidenceMappings> {
  const resource = await loadEvidenceResource(db, evidenceId);
  authorize(actor, "evidence.read", resource, now);
  const viewerIsOwner = can(actor, "mapping.propose", resource, now);

  const evidence = await db.evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, title: true, method: true, simulated: true, submittedAt: true, declaration: true, centreId: true },
  });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  const [centre, rows] = await Promise.all([
    db.centre.findUnique({ where: { id: evidence.centreId }, select: { timeZone: true } }),
    db.mapping.findMany({
      where: { evidenceId },
      select: {
        id: true,
        status: true,
        feedback: true,
        reviewedAt: true,
        rangeItems: { select: { rangeItemId: true } },
        enrolment: { select: { id: true, status: true, unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } } } },
        criterion: {
          select: {
            id: true,
            ref: true,
            kind: true,
            text: true,
            position: true,
            rangeTitle: true,
            rangeRule: true,
            rangeMin: true,
            group: { select: { ref: true, title: true, assessmentMethods: true } },
            rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
          },
        },
      },
    }),
  ]);

  rows.sort(byUnitThenCriterion);
  const units: EvidenceMappingUnit[] = [];
  let awaitingSubmission = 0;
  for (const row of rows) {
    let unit = units.find((u) => u.enrolmentId === row.enrolment.id);
    if (!unit) {
      unit = {
        enrolmentId: row.enrolment.id,
        enrolmentStatus: row.enrolment.status,
        unitCode: row.enrolment.unitVersion.unit.code,
        unitTitle: row.enrolment.unitVersion.title,
        versionNumber: row.enrolment.unitVersion.number,
        mappings: [],
      };
      units.push(unit);
    }
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
        id: c.id,
        ref: c.ref,
        kind: c.kind,
        text: c.text,
        groupRef: c.group.ref,
        groupTitle: c.group.title,
        rangeTitle: c.rangeTitle,
        rangeRule: rangeRuleOf(c.rangeRule),
        rangeMin: c.rangeMin,
        rangeItems: c.rangeItems.map((item) => ({ id: item.id, text: item.text, claimed: claimed.has(item.id) })),
      },
      warnings: mappingWarnings({ evidenceMethod: evidence.method, group: c.group }),
      canChange: viewerIsOwner && active && candidateMayChange(row.status),
    });
  }

  return {
    evidence: {
      id: evidence.id,
      title: evidence.title,
      method: evidence.method,
      methodLabel: methodLabel(evidence.method),
      simulated: evidence.simulated,
      submittedAt: evidence.submittedAt,
      declaration: evidence.declaration,
      timeZone: centre?.timeZone ?? "Europe/London",
    },
    viewerIsOwner,
    mappingCount: rows.length,
    awaitingSubmission,
    units,
  };
}
