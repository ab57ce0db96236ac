import type { Db } from "../db/client";
import type { MappingStatus } from "../mapping/status-words";
import { CrosswalkRelation } from "../standards/crosswalk-schema";
import { loadedCrosswalk } from "../standards/crosswalk-queries";

// One evidence item claimed for equivalent criteria in several of the candidate's units (issue
// #18): the review page shows such claims together, so the assessor sees the evidence is
// claimed twice, while each claim keeps its own accept and refer controls. Nothing here decides
// anything: a decision on one claim never implies one on another (each unit judges its own).

/** A claim of the evidence as the review page names it. */
export type ClaimRef = {
  mappingId: string;
  unitCode: string;
  criterionRef: string;
  criterionText: string;
  status: MappingStatus;
};

/** Two claims of the evidence on criteria the crosswalk pairs, in different units. */
export type ClaimPair = { relation: CrosswalkRelation; rationale: string; claims: [ClaimRef, ClaimRef] };

/** Seen from one claim: the equivalent claim in another unit. */
export type AlsoClaimed = Omit<ClaimRef, "criterionText"> & { relation: CrosswalkRelation };

type ClaimRow = {
  id: string;
  status: MappingStatus;
  criterion: { id: string; ref: string; text: string };
  enrolment: { id: string; unitVersion: { unit: { code: string } } };
};

const relationOf = (value: string): CrosswalkRelation => CrosswalkRelation.catch("close").parse(value);

function refOf(row: ClaimRow): ClaimRef {
  return {
    mappingId: row.id,
    unitCode: row.enrolment.unitVersion.unit.code,
    criterionRef: row.criterion.ref,
    criterionText: row.criterion.text,
    status: row.status,
  };
}

/**
 * The pairs among these claims (one evidence item's mappings) that the crosswalk in force joins,
 * in the order the claims are given. Pairs are between criteria of pinned unit versions, so a
 * claim on another version than the crosswalk's has no pair.
 */
export async function claimPairsOf(db: Db, claims: readonly ClaimRow[]): Promise<ClaimPair[]> {
  if (claims.length < 2) return [];
  const crosswalk = await loadedCrosswalk(db);
  if (!crosswalk) return [];
  const criterionIds = [...new Set(claims.map((c) => c.criterion.id))];
  const pairs = await db.crosswalkPair.findMany({
    where: { versionId: crosswalk.id, aCriterionId: { in: criterionIds }, bCriterionId: { in: criterionIds } },
    orderBy: { position: "asc" },
    select: { aCriterionId: true, bCriterionId: true, relation: true, rationale: true },
  });
  const order = new Map(claims.map((c, i) => [c.id, i]));
  const found: ClaimPair[] = [];
  for (const pair of pairs)
    for (const a of claims.filter((c) => c.criterion.id === pair.aCriterionId))
      for (const b of claims.filter((c) => c.criterion.id === pair.bCriterionId && c.enrolment.id !== a.enrolment.id)) {
        const [first, second] = (order.get(a.id) ?? 0) <= (order.get(b.id) ?? 0) ? [a, b] : [b, a];
        found.push({
          relation: relationOf(pair.relation),
          rationale: pair.rationale,
          claims: [refOf(first), refOf(second)],
        });
      }
  return found.sort((x, y) => (order.get(x.claims[0].mappingId) ?? 0) - (order.get(y.claims[0].mappingId) ?? 0));
}

/** The claims paired with this one, exact first. */
export function alsoClaimedIn(pairs: readonly ClaimPair[], mappingId: string): AlsoClaimed[] {
  return pairs
    .flatMap((pair) => {
      const [a, b] = pair.claims;
      const other = a.mappingId === mappingId ? b : b.mappingId === mappingId ? a : null;
      if (!other) return [];
      const { criterionText: _text, ...named } = other;
      return [{ ...named, relation: pair.relation }];
    })
    .sort((x, y) => (x.relation === y.relation ? 0 : x.relation === "exact" ? -1 : 1));
}
