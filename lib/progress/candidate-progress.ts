import type { Actor } from "../authz/policy";
import { can } from "../authz/policy";
import type { Db } from "../db/client";
import { groupBy } from "../collections/group-by";
import { criterionStatus, type CriterionStanding } from "../portfolio/criterion-status";
import { queryProgressRows, type ProgressRow } from "./candidate-list";
import type { ProgressContext } from "./filters";
import { centreForDashboard, type CentreInfo } from "./measures";
import { decisionSummaries } from "../assessment/decision-summary";

// A read-only view of one candidate's progress at the admin's centre: each enrolment with the
// same figures as the candidate list, then every criterion of its unit version with its
// standing decision and the evidence mapped to it. Enrolments at other centres are not shown.

export type CriterionProgress = CriterionStanding & {
  evidence: {
    id: string;
    title: string;
    method: string;
    activityDate: Date;
    submittedAt: Date | null;
    mappingStatus: string;
  }[];
};

export type CriterionGroupProgress = { title: string; ref: string | null; criteria: CriterionProgress[] };

export type EnrolmentDetail = ProgressRow & { groups: CriterionGroupProgress[] };

export type CandidateProgress = {
  centre: CentreInfo;
  candidate: { id: string; name: string; email: string };
  enrolments: EnrolmentDetail[];
  now: Date;
};

const MAX_ENROLMENTS = 200;

/** Null when the candidate has no enrolment at the centre (so nothing about them is shown). */
export async function getCandidateProgress(
  db: Db,
  actor: Actor,
  input: { centreId: string; candidateId: string },
  ctx: ProgressContext,
): Promise<CandidateProgress | null> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const { rows } = await queryProgressRows(db, ctx, {
    scope: { centreId: centre.id, candidateId: input.candidateId },
    sort: "name",
    dir: "asc",
    limit: MAX_ENROLMENTS,
    offset: 0,
    now,
  });
  const readable = rows.filter((row) =>
    can(
      actor,
      "enrolment.read",
      {
        kind: "enrolment",
        centreId: centre.id,
        candidateId: row.candidate.id,
        assessorId: row.assessor?.id ?? null,
        iqaId: null,
      },
      now,
    ),
  );
  const first = readable[0];
  if (!first) return null;

  const records = await criteriaDecisionsAndMappings(db, readable);
  const enrolments = readable.map((row): EnrolmentDetail => ({ ...row, groups: groupsOf(row, records) }));
  return { centre, candidate: first.candidate, enrolments, now };
}

/** Every criterion of the rows' unit versions, and the rows' standing decisions and mappings by criterion. */
async function criteriaDecisionsAndMappings(db: Db, rows: ProgressRow[]) {
  const enrolmentIds = rows.map((r) => r.enrolmentId);
  const versionIds = [...new Set(rows.map((r) => r.unit.versionId))];
  const [criteria, decisions, mappings] = await Promise.all([
    db.criterion.findMany({
      where: { unitVersionId: { in: versionIds } },
      orderBy: [{ unitVersionId: "asc" }, { position: "asc" }],
      select: {
        id: true,
        unitVersionId: true,
        ref: true,
        kind: true,
        text: true,
        group: { select: { id: true, title: true, ref: true, position: true } },
      },
    }),
    db.decision.findMany({
      where: { enrolmentId: { in: enrolmentIds }, currentSlot: "current" },
      select: { enrolmentId: true, criterionId: true, outcome: true, signedAt: true, signedById: true },
    }),
    db.mapping.findMany({
      where: { enrolmentId: { in: enrolmentIds } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        enrolmentId: true,
        criterionId: true,
        status: true,
        evidence: { select: { id: true, title: true, method: true, activityDate: true, submittedAt: true } },
      },
    }),
  ]);
  return {
    criteria,
    summarise: await decisionSummaries(db, decisions),
    decisionOf: new Map(decisions.map((d) => [key(d.enrolmentId, d.criterionId), d])),
    mappingsOf: groupBy(mappings, (m) => key(m.enrolmentId, m.criterionId)),
  };
}

function key(enrolmentId: string, criterionId: string): string {
  return `${enrolmentId}:${criterionId}`;
}

/** One enrolment's criteria under their groups, each with its standing decision and mapped evidence. */
function groupsOf(
  row: ProgressRow,
  { criteria, summarise, decisionOf, mappingsOf }: Awaited<ReturnType<typeof criteriaDecisionsAndMappings>>,
): CriterionGroupProgress[] {
  const groups: CriterionGroupProgress[] = [];
  const groupIndex = new Map<string, CriterionGroupProgress>();
  for (const c of criteria) {
    if (c.unitVersionId !== row.unit.versionId) continue;
    let group = groupIndex.get(c.group.id);
    if (!group) {
      group = { title: c.group.title, ref: c.group.ref, criteria: [] };
      groupIndex.set(c.group.id, group);
      groups.push(group);
    }
    const decision = decisionOf.get(key(row.enrolmentId, c.id)) ?? null;
    const mapped = mappingsOf.get(key(row.enrolmentId, c.id)) ?? [];
    group.criteria.push({
      id: c.id,
      ref: c.ref,
      kind: c.kind,
      text: c.text,
      status: criterionStatus({ decision: decision?.outcome ?? null, mappingStatuses: mapped.map((m) => m.status) }),
      decision: decision ? summarise(decision) : null,
      evidence: mapped.map((m) => ({ ...m.evidence, mappingStatus: m.status })),
    });
  }
  return groups;
}
