import { can, authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentResourceSelect, toEnrolmentResource } from "../enrolments/enrolment-resource";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { findCriteria, parseSearchQuery, unitCodes } from "../standards/search-index";
import { parseMappingInput, SearchMappableCriteriaInput } from "./input";
import { rangeRuleOf } from "./rules";
import { mappingWarnings } from "./mapping-warnings";
import type { MappingStatus } from "./status-words";

export const MAPPABLE_CRITERIA_LIMIT = 60;

export type MappableCriterion = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  groupRef: string | null;
  groupTitle: string;
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
  rangeItems: { id: string; text: string }[];
  /** This evidence's mapping to the criterion, when there is one. */
  mapping: { id: string; status: MappingStatus; rangeItemIds: string[] } | null;
  /** What mapping this evidence here would be flagged with. */
  warnings: string[];
};

export type MappableUnit = { enrolmentId: string; unitCode: string; unitTitle: string; versionNumber: number; criteria: MappableCriterion[] };

export type MappableCriteria = {
  query: string;
  /** Every match; at most MAPPABLE_CRITERIA_LIMIT are returned. */
  total: number;
  limit: number;
  /** The candidate has no active enrolment to map to. */
  noUnits: boolean;
  units: MappableUnit[];
};

/**
 * The criteria of the actor's active enrolments, grouped by unit, found with the standards
 * full-text search (lib/standards/search-index.ts): words stemmed anywhere in a criterion's
 * text, range, rule, guidance or unit, or a reference in any written form ("1.2", "CS34 1.2",
 * "cs34/1.2"); a unit code in the query narrows to that unit. Best matches first. An empty
 * query lists everything. Given an evidence item, only units of its centre, with its current
 * mappings.
 */
export async function searchMappableCriteria(db: Db, actor: Actor, rawInput: SearchMappableCriteriaInput, now: Date = new Date()): Promise<MappableCriteria> {
  const input = parseMappingInput(SearchMappableCriteriaInput, rawInput);
  let evidence: { id: string; centreId: string; method: string } | null = null;
  if (input.evidenceId) {
    authorize(actor, "mapping.propose", await loadEvidenceResource(db, input.evidenceId), now);
    evidence = await db.evidence.findUnique({ where: { id: input.evidenceId }, select: { id: true, centreId: true, method: true } });
  }

  const enrolments = (
    await db.enrolment.findMany({
      where: { candidateId: actor.userId, status: "ACTIVE", ...(evidence ? { centreId: evidence.centreId } : {}) },
      select: { ...enrolmentResourceSelect, unitVersionId: true, unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } } },
    })
  ).filter((e) => can(actor, "mapping.propose", toEnrolmentResource(e), now));

  const parsed = parseSearchQuery(input.query, await unitCodes(db));
  const { query } = parsed;
  const empty: MappableCriteria = { query, total: 0, limit: MAPPABLE_CRITERIA_LIMIT, noUnits: enrolments.length === 0, units: [] };
  if (enrolments.length === 0) return empty;

  // A blank query lists every criterion of the units; punctuation alone finds nothing.
  const search = query === "" ? { ...parsed, searchable: true } : parsed;
  const versionIds = [...new Set(enrolments.map((e) => e.unitVersionId))];
  const { total, matches } = await findCriteria(db, search, { kind: "versions", unitVersionIds: versionIds }, { limit: MAPPABLE_CRITERIA_LIMIT, offset: 0 });
  if (total === 0) return empty;
  const ids = matches.map((m) => m.id);
  // Units in the order of their best match.
  const rankOfVersion = new Map<string, number>();
  for (const match of matches) if (!rankOfVersion.has(match.unitVersionId)) rankOfVersion.set(match.unitVersionId, rankOfVersion.size);
  const wanted = enrolments.filter((e) => rankOfVersion.has(e.unitVersionId));

  const [criteria, mappings] = await Promise.all([
    db.criterion.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        unitVersionId: true,
        ref: true,
        kind: true,
        text: true,
        rangeTitle: true,
        rangeRule: true,
        rangeMin: true,
        group: { select: { ref: true, title: true, assessmentMethods: true } },
        rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
      },
    }),
    evidence
      ? db.mapping.findMany({
          where: { evidenceId: evidence.id, criterionId: { in: ids } },
          select: { id: true, status: true, criterionId: true, enrolmentId: true, rangeItems: { select: { rangeItemId: true } } },
        })
      : Promise.resolve([]),
  ]);
  const byId = new Map(criteria.map((c) => [c.id, c]));

  // One enrolment per unit version in practice; if a candidate had two, each lists the criteria.
  const units: MappableUnit[] = [];
  const rank = (e: (typeof wanted)[number]) => rankOfVersion.get(e.unitVersionId) ?? 0;
  for (const enrolment of [...wanted].sort((a, b) => rank(a) - rank(b) || a.unitVersion.unit.code.localeCompare(b.unitVersion.unit.code))) {
    const list: MappableCriterion[] = [];
    for (const id of ids) {
      const c = byId.get(id);
      if (!c || c.unitVersionId !== enrolment.unitVersionId) continue;
      const mapping = mappings.find((m) => m.criterionId === c.id && m.enrolmentId === enrolment.id);
      list.push({
        id: c.id,
        ref: c.ref,
        kind: c.kind,
        text: c.text,
        groupRef: c.group.ref,
        groupTitle: c.group.title,
        rangeTitle: c.rangeTitle,
        rangeRule: rangeRuleOf(c.rangeRule),
        rangeMin: c.rangeMin,
        rangeItems: c.rangeItems,
        mapping: mapping ? { id: mapping.id, status: mapping.status, rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId) } : null,
        warnings: evidence ? mappingWarnings({ evidenceMethod: evidence.method, group: c.group }) : [],
      });
    }
    if (list.length > 0) {
      units.push({
        enrolmentId: enrolment.id,
        unitCode: enrolment.unitVersion.unit.code,
        unitTitle: enrolment.unitVersion.title,
        versionNumber: enrolment.unitVersion.number,
        criteria: list,
      });
    }
  }
  return { query, total, limit: MAPPABLE_CRITERIA_LIMIT, noUnits: false, units };
}
