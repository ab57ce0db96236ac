import type { Db } from "../db/client";
import { CrosswalkRelation } from "./crosswalk-schema";
import { criterionAnchor } from "./queries";

// Read-side queries for the crosswalk on the standards pages: the curated pairs of the loaded
// crosswalk version (the highest number), whose criteria are those of the unit versions it was
// imported with. They take the client as a parameter like lib/standards/queries.ts;
// lib/dal/crosswalk.ts is the server-only entry point the pages use. Plain DTOs only.

export type CrosswalkCriterion = {
  unit: string;
  kind: string;
  ref: string;
  text: string;
  /** The unit version the pair is pinned to. */
  versionNumber: number;
  /** Where the criterion is read: its unit page (that version's, if older), at its anchor. */
  href: string;
};

export type Equivalent = {
  relation: CrosswalkRelation;
  rationale: string;
  other: CrosswalkCriterion;
};

export type CrosswalkVersionSummary = { number: number; pairs: number; createdAt: string };

const criterionSelect = {
  id: true,
  kind: true,
  ref: true,
  text: true,
  position: true,
  unitVersionId: true,
  unitVersion: { select: { number: true, unit: { select: { code: true } } } },
} as const;

type CriterionRow = {
  id: string;
  kind: string;
  ref: string;
  text: string;
  position: number;
  unitVersionId: string;
  unitVersion: { number: number; unit: { code: string } };
};

/** The crosswalk version in force: the highest number. Null before any crosswalk is imported. */
export async function loadedCrosswalk(db: Db): Promise<{ id: string; summary: CrosswalkVersionSummary } | null> {
  const version = await db.crosswalkVersion.findFirst({
    orderBy: { number: "desc" },
    select: { id: true, number: true, createdAt: true, _count: { select: { pairs: true } } },
  });
  if (!version) return null;
  return {
    id: version.id,
    summary: { number: version.number, pairs: version._count.pairs, createdAt: version.createdAt.toISOString() },
  };
}

/** A unit's version by number, or its latest; null when either does not exist. */
async function unitVersionOf(db: Db, code: string, number?: number) {
  return db.unitVersion.findFirst({
    where: { unit: { code }, ...(number === undefined ? {} : { number }) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, unit: { select: { code: true } } },
  });
}

/** The unit's latest version number, by code, for the links: a pinned older version gets ?version=. */
async function latestNumbers(db: Db): Promise<Map<string, number>> {
  const latest = await db.unitVersion.groupBy({ by: ["unitId"], _max: { number: true } });
  const units = await db.unit.findMany({ select: { id: true, code: true } });
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return new Map(latest.map((row) => [codeOf.get(row.unitId) ?? "", row._max.number ?? 0]));
}

function toCriterion(row: CriterionRow, latest: Map<string, number>): CrosswalkCriterion {
  const unit = row.unitVersion.unit.code;
  const number = row.unitVersion.number;
  const version = latest.get(unit) === number ? "" : `?version=${number}`;
  return {
    unit,
    kind: row.kind,
    ref: row.ref,
    text: row.text,
    versionNumber: number,
    href: `/standards/${encodeURIComponent(unit)}${version}#${criterionAnchor(row.kind, row.ref)}`,
  };
}

const relationOrder: Record<CrosswalkRelation, number> = { exact: 0, close: 1 };
const relationOf = (value: string): CrosswalkRelation => CrosswalkRelation.catch("close").parse(value);

/**
 * The curated equivalents of each criterion of a unit version (the latest, or the numbered one),
 * keyed by the criterion's anchor: exact before close, then by the other unit's code and position.
 * Empty when no crosswalk is loaded or none of its pairs joins this version.
 */
export async function equivalentsOfUnit(
  db: Db,
  code: string,
  versionNumber?: number,
): Promise<Record<string, Equivalent[]>> {
  const [crosswalk, version] = await Promise.all([loadedCrosswalk(db), unitVersionOf(db, code, versionNumber)]);
  if (!crosswalk || !version) return {};
  const pairs = await db.crosswalkPair.findMany({
    where: {
      versionId: crosswalk.id,
      OR: [{ aCriterion: { unitVersionId: version.id } }, { bCriterion: { unitVersionId: version.id } }],
    },
    select: {
      relation: true,
      rationale: true,
      aCriterion: { select: criterionSelect },
      bCriterion: { select: criterionSelect },
    },
  });
  const latest = await latestNumbers(db);
  const found = pairs.map((pair) => {
    const [own, other] =
      pair.aCriterion.unitVersionId === version.id
        ? [pair.aCriterion, pair.bCriterion]
        : [pair.bCriterion, pair.aCriterion];
    return { own, other, relation: relationOf(pair.relation), rationale: pair.rationale };
  });
  found.sort(
    (x, y) =>
      relationOrder[x.relation] - relationOrder[y.relation] ||
      x.other.unitVersion.unit.code.localeCompare(y.other.unitVersion.unit.code) ||
      x.other.position - y.other.position,
  );
  const byAnchor: Record<string, Equivalent[]> = {};
  for (const { own, other, relation, rationale } of found)
    (byAnchor[criterionAnchor(own.kind, own.ref)] ??= []).push({
      relation,
      rationale,
      other: toCriterion(other, latest),
    });
  return byAnchor;
}

export type CrosswalkSide = {
  code: string;
  title: string;
  versionNumber: number;
  /** Criteria of the unit's current version. */
  total: number;
  /** Of those, how many have an exact equivalent in the other unit, and how many any (exact or close). */
  withExact: number;
  withAny: number;
  /** The criteria with no equivalent at all in the other unit, in the unit's order. */
  without: { kind: string; ref: string; text: string; href: string }[];
};

export type CrosswalkPairView = {
  a: CrosswalkCriterion;
  b: CrosswalkCriterion;
  relation: CrosswalkRelation;
  rationale: string;
};

export type CrosswalkBetween = {
  crosswalk: CrosswalkVersionSummary | null;
  a: CrosswalkSide;
  b: CrosswalkSide;
  /** In the order of a's criteria, then b's. */
  pairs: CrosswalkPairView[];
};

async function sideOf(db: Db, version: { id: string; number: number; title: string; unit: { code: string } }) {
  const criteria = await db.criterion.findMany({
    where: { unitVersionId: version.id },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, ref: true, text: true },
  });
  return { version, criteria };
}

function summarise(
  side: Awaited<ReturnType<typeof sideOf>>,
  relations: Map<string, Set<CrosswalkRelation>>,
): CrosswalkSide {
  const code = side.version.unit.code;
  return {
    code,
    title: side.version.title,
    versionNumber: side.version.number,
    total: side.criteria.length,
    withExact: side.criteria.filter((c) => relations.get(c.id)?.has("exact")).length,
    withAny: side.criteria.filter((c) => relations.has(c.id)).length,
    without: side.criteria
      .filter((c) => !relations.has(c.id))
      .map((c) => ({
        kind: c.kind,
        ref: c.ref,
        text: c.text,
        href: `/standards/${encodeURIComponent(code)}#${criterionAnchor(c.kind, c.ref)}`,
      })),
  };
}

/**
 * The crosswalk between two units' current versions: coverage each way and the pairs. Null when
 * either unit does not exist. Pairs of the loaded crosswalk pinned to older versions of either
 * unit are not shown: they were curated for other text.
 */
export async function crosswalkBetween(db: Db, codeA: string, codeB: string): Promise<CrosswalkBetween | null> {
  const [versionA, versionB, crosswalk] = await Promise.all([
    unitVersionOf(db, codeA),
    unitVersionOf(db, codeB),
    loadedCrosswalk(db),
  ]);
  if (!versionA || !versionB) return null;
  const [sideA, sideB] = [await sideOf(db, versionA), await sideOf(db, versionB)];
  const pairs = crosswalk
    ? await db.crosswalkPair.findMany({
        where: {
          versionId: crosswalk.id,
          OR: [
            { aCriterion: { unitVersionId: versionA.id }, bCriterion: { unitVersionId: versionB.id } },
            { aCriterion: { unitVersionId: versionB.id }, bCriterion: { unitVersionId: versionA.id } },
          ],
        },
        select: {
          relation: true,
          rationale: true,
          aCriterion: { select: criterionSelect },
          bCriterion: { select: criterionSelect },
        },
      })
    : [];
  const latest = await latestNumbers(db);
  const oriented = pairs.map((pair) => {
    const [a, b] =
      pair.aCriterion.unitVersionId === versionA.id
        ? [pair.aCriterion, pair.bCriterion]
        : [pair.bCriterion, pair.aCriterion];
    return { a, b, relation: relationOf(pair.relation), rationale: pair.rationale };
  });
  oriented.sort((x, y) => x.a.position - y.a.position || x.b.position - y.b.position);
  const relations = new Map<string, Set<CrosswalkRelation>>();
  for (const { a, b, relation } of oriented)
    for (const id of [a.id, b.id]) relations.set(id, (relations.get(id) ?? new Set()).add(relation));
  return {
    crosswalk: crosswalk?.summary ?? null,
    a: summarise(sideA, relations),
    b: summarise(sideB, relations),
    pairs: oriented.map(({ a, b, relation, rationale }) => ({
      a: toCriterion(a, latest),
      b: toCriterion(b, latest),
      relation,
      rationale,
    })),
  };
}
