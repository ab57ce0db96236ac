import type { Db } from "../db/client";
import { CrosswalkRelation } from "../standards/crosswalk-schema";
import { loadedCrosswalk } from "../standards/crosswalk-queries";
import { criterionViewSelect, toCriterionSummary, type CriterionSummary } from "./criterion-view";
import type { MappingStatus } from "./status-words";

// "Map once, claim everywhere" (issue #18): when a candidate maps evidence to a criterion, the
// criteria the curated crosswalk pairs with it in their other units are offered in the same
// form. Pairs join criterion ids of the unit versions the crosswalk was imported with, so an
// equivalent is offered only when the other enrolment pins that very version; when it pins
// another, the candidate is told there is no equivalent rather than shown a guess.

/** An equivalent criterion in another of the candidate's units, offered with the one being mapped. */
export type ClaimOffer = {
  enrolmentId: string;
  unitCode: string;
  unitTitle: string;
  relation: CrosswalkRelation;
  rationale: string;
  /** Exact pairs start ticked; close ones, and criteria this evidence is already mapped to, start unticked. */
  ticked: boolean;
  criterion: CriterionSummary & { rangeItems: { id: string; text: string }[] };
  /** This evidence's mapping to the equivalent, when there is one. */
  mapping: { id: string; status: MappingStatus; rangeItemIds: string[] } | null;
};

/** Another unit where the crosswalk has pairs for the criterion, but for other versions than the candidate's. */
export type NoEquivalent = { enrolmentId: string; unitCode: string; reason: string };

export type CriterionOffers = { equivalents: ClaimOffer[]; noEquivalent: NoEquivalent[] };

export const noOffers: CriterionOffers = { equivalents: [], noEquivalent: [] };

/** One of the candidate's enrolments the evidence may be mapped to (already authorized by the caller). */
export type OfferEnrolment = {
  id: string;
  unitVersionId: string;
  unitVersion: { title: string; number: number; unit: { code: string } };
};

/** A criterion being mapped, in the enrolment it is mapped for. */
export type OfferSource = { enrolmentId: string; criterion: { id: string; kind: string; ref: string } };

export const offerKey = (enrolmentId: string, criterionId: string) => `${enrolmentId} ${criterionId}`;

const pairSideSelect = {
  id: true,
  kind: true,
  ref: true,
  unitVersionId: true,
  unitVersion: { select: { number: true, unit: { select: { code: true } } } },
} as const;

type PairRow = Awaited<ReturnType<typeof pairsOfLoadedCrosswalk>>[number];
type PairSide = PairRow["aCriterion"];

/** Every pair of the crosswalk in force (a few hundred rows at most), with both criteria's units and versions. */
async function pairsOfLoadedCrosswalk(db: Db, versionId: string) {
  return db.crosswalkPair.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: {
      relation: true,
      rationale: true,
      aCriterion: { select: pairSideSelect },
      bCriterion: { select: pairSideSelect },
    },
  });
}

/** The other end of a pair, seen from the side that `isSource` picks out; null when neither side is it. */
function otherEnd(pair: PairRow, isSource: (side: PairSide) => boolean): PairSide | null {
  if (isSource(pair.aCriterion)) return pair.bCriterion;
  if (isSource(pair.bCriterion)) return pair.aCriterion;
  return null;
}

type Found = { source: OfferSource; enrolment: OfferEnrolment; pair: PairRow; other: PairSide };

/**
 * For each source criterion, the pairs that reach a criterion of the version another enrolment
 * pins (offers), and the enrolments the crosswalk reaches only in another version (no equivalent).
 */
function matchPairs(sources: readonly OfferSource[], enrolments: readonly OfferEnrolment[], pairs: PairRow[]) {
  const found: Found[] = [];
  const stale = new Map<string, NoEquivalent[]>();
  for (const source of sources) {
    const sourceEnrolment = enrolments.find((e) => e.id === source.enrolmentId);
    if (!sourceEnrolment) continue;
    const sourceCode = sourceEnrolment.unitVersion.unit.code;
    for (const enrolment of enrolments) {
      const code = enrolment.unitVersion.unit.code;
      if (enrolment.id === source.enrolmentId || code === sourceCode) continue;
      const here = pairs.flatMap((pair) => {
        const other = otherEnd(pair, (side) => side.id === source.criterion.id);
        return other && other.unitVersionId === enrolment.unitVersionId ? [{ source, enrolment, pair, other }] : [];
      });
      if (here.length > 0) {
        found.push(...here);
        continue;
      }
      // The same criterion (by unit, kind and reference) paired with this unit in other versions.
      const elsewhere = pairs.some((pair) => {
        const other = otherEnd(
          pair,
          (side) =>
            side.unitVersion.unit.code === sourceCode &&
            side.kind === source.criterion.kind &&
            side.ref === source.criterion.ref,
        );
        return other?.unitVersion.unit.code === code;
      });
      if (elsewhere) {
        const list = stale.get(offerKey(source.enrolmentId, source.criterion.id)) ?? [];
        list.push({
          enrolmentId: enrolment.id,
          unitCode: code,
          reason: `No equivalent in ${code} is offered: the crosswalk was made for other versions of ${sourceCode} or ${code} than the ones you are enrolled on. If this evidence proves a ${code} criterion, map it there yourself.`,
        });
        stale.set(offerKey(source.enrolmentId, source.criterion.id), list);
      }
    }
  }
  return { found, stale };
}

const relationOrder: Record<CrosswalkRelation, number> = { exact: 0, close: 1 };
const relationOf = (value: string): CrosswalkRelation => CrosswalkRelation.catch("close").parse(value);

/**
 * The equivalents to offer beside each criterion being mapped, keyed by `offerKey`, in the
 * candidate's other enrolments among `enrolments`. The caller has authorized the actor to map
 * `evidenceId` to every one of `enrolments` (mapping.propose); nothing here reads anyone else's.
 * Exact before close, then by unit code and the criterion's place in its unit.
 */
export async function claimOffers(
  db: Db,
  evidenceId: string,
  sources: readonly OfferSource[],
  enrolments: readonly OfferEnrolment[],
): Promise<Map<string, CriterionOffers>> {
  const offers = new Map<string, CriterionOffers>();
  if (sources.length === 0 || enrolments.length < 2) return offers;
  const crosswalk = await loadedCrosswalk(db);
  if (!crosswalk) return offers;
  const { found, stale } = matchPairs(sources, enrolments, await pairsOfLoadedCrosswalk(db, crosswalk.id));
  const otherIds = [...new Set(found.map((f) => f.other.id))];
  const [criteria, mappings] = await Promise.all([
    db.criterion.findMany({ where: { id: { in: otherIds } }, select: criterionViewSelect }),
    db.mapping.findMany({
      where: { evidenceId, criterionId: { in: otherIds }, enrolmentId: { in: enrolments.map((e) => e.id) } },
      select: {
        id: true,
        status: true,
        criterionId: true,
        enrolmentId: true,
        rangeItems: { select: { rangeItemId: true } },
      },
    }),
  ]);
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const position = new Map(criteria.map((c) => [c.id, c.position]));

  for (const { source, enrolment, pair, other } of found) {
    const criterion = byId.get(other.id);
    if (!criterion) continue;
    const mapping = mappings.find((m) => m.criterionId === other.id && m.enrolmentId === enrolment.id);
    const relation = relationOf(pair.relation);
    const key = offerKey(source.enrolmentId, source.criterion.id);
    const entry = offers.get(key) ?? { equivalents: [], noEquivalent: [] };
    entry.equivalents.push({
      enrolmentId: enrolment.id,
      unitCode: enrolment.unitVersion.unit.code,
      unitTitle: enrolment.unitVersion.title,
      relation,
      rationale: pair.rationale,
      ticked: relation === "exact" && !mapping,
      criterion: { ...toCriterionSummary(criterion), rangeItems: criterion.rangeItems },
      mapping: mapping
        ? { id: mapping.id, status: mapping.status, rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId) }
        : null,
    });
    offers.set(key, entry);
  }
  for (const entry of offers.values())
    entry.equivalents.sort(
      (x, y) =>
        relationOrder[x.relation] - relationOrder[y.relation] ||
        x.unitCode.localeCompare(y.unitCode) ||
        (position.get(x.criterion.id) ?? 0) - (position.get(y.criterion.id) ?? 0),
    );
  for (const [key, noEquivalent] of stale) offers.set(key, { ...(offers.get(key) ?? noOffers), noEquivalent });
  return offers;
}
