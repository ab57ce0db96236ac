import { can, authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { enrolmentResourceSelect, toEnrolmentResource } from "../enrolments/enrolment-resource";

import { loadEvidenceResource } from "../evidence/evidence-resource";

import { findCriteria, parseSearchQuery, unitCodes } from "../standards/search-index";

import { SearchMappableCriteriaInput } from "./input";
import { criterionViewSelect, toCriterionSummary, type CriterionSummary } from "./criterion-view";

import { mappingWarnings } from "./mapping-warnings";
import { claimOffers, noOffers, offerKey, type CriterionOffers } from "./claim-offers";

import type { MappingStatus } from "./status-words";
import { parseInput } from "../errors";

export const MAPPABLE_CRITERIA_LIMIT = 60;

export type MappableCriterion = CriterionSummary & {
  rangeItems: { id: string; text: string }[];
  /** This evidence's mapping to the criterion, when there is one. */
  mapping: { id: string; status: MappingStatus; rangeItemIds: string[] } | null;
  /** What mapping this evidence here would be flagged with. */
  warnings: string[];
  /** Its equivalents in the candidate's other units, to claim in the same step (only when an evidence item is given). */
  offers: CriterionOffers;
};

export type MappableUnit = {
  enrolmentId: string;
  unitCode: string;
  unitTitle: string;
  versionNumber: number;
  criteria: MappableCriterion[];
};

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
export async function searchMappableCriteria(
  db: Db,
  actor: Actor,
  rawInput: SearchMappableCriteriaInput,
  now: Date = new Date(),
): Promise<MappableCriteria> {
  const input = parseInput(SearchMappableCriteriaInput, rawInput);
  let evidence: { id: string; centreId: string; method: string } | null = null;
  if (input.evidenceId) {
    authorize(actor, "mapping.propose", await loadEvidenceResource(db, input.evidenceId), now);
    evidence = await db.evidence.findUnique({
      where: { id: input.evidenceId },
      select: { id: true, centreId: true, method: true },
    });
  }

  const enrolments = await enrolmentsToMapTo(db, actor, evidence?.centreId, now);

  const parsed = parseSearchQuery(input.query, await unitCodes(db));
  const { query } = parsed;
  const empty: MappableCriteria = {
    query,
    total: 0,
    limit: MAPPABLE_CRITERIA_LIMIT,
    noUnits: enrolments.length === 0,
    units: [],
  };
  if (enrolments.length === 0) return empty;

  // A blank query lists every criterion of the units; punctuation alone finds nothing.
  const search = query === "" ? { ...parsed, searchable: true } : parsed;
  const versionIds = [...new Set(enrolments.map((e) => e.unitVersionId))];
  const { total, matches } = await findCriteria(
    db,
    search,
    { kind: "versions", unitVersionIds: versionIds },
    { limit: MAPPABLE_CRITERIA_LIMIT, offset: 0 },
  );
  if (total === 0) return empty;
  const ids = matches.map((m) => m.id);
  // Units in the order of their best match.
  const rankOfVersion = new Map<string, number>();
  for (const match of matches)
    if (!rankOfVersion.has(match.unitVersionId)) rankOfVersion.set(match.unitVersionId, rankOfVersion.size);
  const wanted = enrolments.filter((e) => rankOfVersion.has(e.unitVersionId));

  const [criteria, mappings] = await criteriaWithMappings(db, ids, evidence?.id);
  const byId = new Map(criteria.map((c) => [c.id, c]));

  // One enrolment per unit version in practice; if a candidate had two, each lists the criteria.
  const units: MappableUnit[] = [];
  const rank = (e: (typeof wanted)[number]) => rankOfVersion.get(e.unitVersionId) ?? 0;
  for (const enrolment of [...wanted].sort(
    (a, b) => rank(a) - rank(b) || a.unitVersion.unit.code.localeCompare(b.unitVersion.unit.code),
  )) {
    const list = criteriaOfEnrolment(enrolment, ids, byId, mappings, evidence?.method);
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
  if (evidence) await addOffers(db, evidence.id, units, enrolments);
  return { query, total, limit: MAPPABLE_CRITERIA_LIMIT, noUnits: false, units };
}

/** Each found criterion's equivalents in the actor's other units that this evidence may be mapped to. */
async function addOffers(db: Db, evidenceId: string, units: MappableUnit[], enrolments: OfferEnrolments) {
  const sources = units.flatMap((unit) =>
    unit.criteria.map((criterion) => ({ enrolmentId: unit.enrolmentId, criterion })),
  );
  const offers = await claimOffers(db, evidenceId, sources, enrolments);
  for (const { enrolmentId, criterion } of sources)
    criterion.offers = offers.get(offerKey(enrolmentId, criterion.id)) ?? noOffers;
}

type OfferEnrolments = Awaited<ReturnType<typeof enrolmentsToMapTo>>;

/** The actor's active enrolments they may map to now; given an evidence item's centre, only that centre's. */
async function enrolmentsToMapTo(db: Db, actor: Actor, centreId: string | undefined, now: Date) {
  const enrolments = await db.enrolment.findMany({
    where: { candidateId: actor.userId, status: "ACTIVE", ...(centreId !== undefined ? { centreId } : {}) },
    select: {
      ...enrolmentResourceSelect,
      unitVersionId: true,
      unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } },
    },
  });
  return enrolments.filter((e) => can(actor, "mapping.propose", toEnrolmentResource(e), now));
}

/** The matched criteria, and the evidence item's mappings to them when an item is given. */
function criteriaWithMappings(db: Db, ids: string[], evidenceId: string | undefined) {
  return Promise.all([
    db.criterion.findMany({
      where: { id: { in: ids } },
      select: { ...criterionViewSelect, unitVersionId: true },
    }),
    evidenceId
      ? db.mapping.findMany({
          where: { evidenceId, criterionId: { in: ids } },
          select: {
            id: true,
            status: true,
            criterionId: true,
            enrolmentId: true,
            rangeItems: { select: { rangeItemId: true } },
          },
        })
      : Promise.resolve([]),
  ]);
}

type Found = Awaited<ReturnType<typeof criteriaWithMappings>>;

/** The matches of one enrolment's unit version, best first, with the evidence's mapping to each. */
function criteriaOfEnrolment(
  enrolment: { id: string; unitVersionId: string },
  ids: string[],
  byId: Map<string, Found[0][number]>,
  mappings: Found[1],
  evidenceMethod: string | undefined,
): MappableCriterion[] {
  const list: MappableCriterion[] = [];
  for (const id of ids) {
    const c = byId.get(id);
    if (!c || c.unitVersionId !== enrolment.unitVersionId) continue;
    const mapping = mappings.find((m) => m.criterionId === c.id && m.enrolmentId === enrolment.id);
    list.push({
      ...toCriterionSummary(c),
      rangeItems: c.rangeItems,
      mapping: mapping
        ? { id: mapping.id, status: mapping.status, rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId) }
        : null,
      warnings: evidenceMethod !== undefined ? mappingWarnings({ evidenceMethod, group: c.group }) : [],
      offers: noOffers,
    });
  }
  return list;
}
