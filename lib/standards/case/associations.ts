import type { Db } from "../../db/client";
import { criteriaAfterImport, type CrosswalkOutcome, importCrosswalkIn, importedFromCase } from "../crosswalk-import";
import { unresolvedReferences } from "../crosswalk-files";
import { CrosswalkFile, type CrosswalkPair, type CriterionReference, describeReference } from "../crosswalk-schema";
import { indexedVersions } from "./cache";
import { caseIds } from "./identifiers";
import type { CaseConversion } from "./import";
import type { AssociationInput } from "./import-input";
import { crosswalkAssociationTypes } from "./import-tree";

// The exactMatchOf and isRelatedTo associations of an imported CASE framework, as crosswalk
// pairs (ADR 0022). An end resolves when it names a criterion of the framework just imported or
// of any stored unit version (by the identifier our packages give it, or by the identifier the
// framework it was imported from gave it). Pairs go through the same crosswalk versioning as
// standards/crosswalk.json (importCrosswalkIn); every association that cannot become a pair is
// reported, never dropped in silence.

export type CaseAssociationReport = {
  /** The pairs the associations make (new or already in the crosswalk). */
  pairs: CrosswalkPair[];
  /** One line per association that did not become a pair, saying why. */
  problems: string[];
  /** The crosswalk version written; null when nothing was new. */
  crosswalk: CrosswalkOutcome | null;
};

const aboutImported =
  "Pairs imported from CASE frameworks (npm run standards:case -- import): their exactMatchOf associations are exact pairs, their isRelatedTo associations close ones.";

/** Identifier (lower case) -> the criterion it names, over every stored unit version. */
async function storedCriteria(db: Db): Promise<Map<string, CriterionReference>> {
  const known = new Map<string, CriterionReference>();
  for (const { version } of await indexedVersions(db))
    for (const criterion of version.unit.groups.flatMap((g) => g.criteria)) {
      const ref = { unit: version.unit.code, kind: criterion.kind, ref: criterion.ref };
      known.set(caseIds.criterion(ref.unit, version.number, ref.kind, ref.ref), ref);
      if (criterion.case) known.set(criterion.case.identifier.toLowerCase(), ref);
    }
  return known;
}

const unorderedKey = (pair: Pick<CrosswalkPair, "a" | "b">) =>
  [describeReference(pair.a), describeReference(pair.b)].sort().join("\u0000");

type Resolver = (end: "origin" | "destination", association: AssociationInput) => CriterionReference | string;

function resolverFor(conversion: CaseConversion, stored: Map<string, CriterionReference>): Resolver {
  return (end, association) => {
    const node = end === "origin" ? association.originNodeURI : association.destinationNodeURI;
    const id = node.identifier.toLowerCase();
    const own = conversion.itemCriteria.get(id);
    if (own) return { unit: conversion.unit.code, ...own };
    if (conversion.otherItems.has(id))
      return `${end} ${node.identifier} is an item of this framework that is not a criterion (it became a group or a range item)`;
    return (
      stored.get(id) ??
      `${end} ${node.identifier}${node.title ? ` ("${node.title}")` : ""} is not a criterion of this framework or of a loaded unit`
    );
  };
}

/** The pair an association makes, or why it makes none. */
function pairOf(conversion: CaseConversion, resolve: Resolver, association: AssociationInput): CrosswalkPair | string {
  const name = `${association.associationType} association ${association.identifier ?? "(no identifier)"}`;
  const a = resolve("origin", association);
  const b = resolve("destination", association);
  if (typeof a === "string" || typeof b === "string")
    return `${name}: ${[a, b].filter((x) => typeof x === "string").join("; ")}; not imported as a crosswalk pair.`;
  if (a.unit === b.unit)
    return `${name}: both ends are criteria of ${a.unit}; a crosswalk pair joins two different units.`;
  const title = conversion.documentTitle.replace(/\s+/g, " ").trim();
  return {
    a,
    b,
    relation: crosswalkAssociationTypes.get(association.associationType) ?? "close",
    rationale: `${importedFromCase}${name} of the framework "${title}".`,
  };
}

/** The crosswalk in force, with the new pairs added after its own (a pair it already has, either way round, is kept as it is). */
async function mergedCrosswalk(
  db: Pick<Db, "crosswalkVersion">,
  pairs: CrosswalkPair[],
): Promise<CrosswalkFile | null> {
  const latest = await db.crosswalkVersion.findFirst({ orderBy: { number: "desc" }, select: { document: true } });
  const current = latest ? CrosswalkFile.parse(latest.document) : { about: aboutImported, pairs: [] };
  const keys = new Set(current.pairs.map(unorderedKey));
  const added = pairs.filter((pair) => !keys.has(unorderedKey(pair)) && keys.add(unorderedKey(pair)));
  return added.length === 0 ? null : CrosswalkFile.parse({ ...current, pairs: [...current.pairs, ...added] });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type FoundPairs = Pick<CaseAssociationReport, "pairs" | "problems">;

/** The crosswalk pairs the conversion's associations make, and why each other one makes none. */
export async function caseAssociationPairs(db: Db, conversion: CaseConversion): Promise<FoundPairs> {
  const resolve = resolverFor(conversion, await storedCriteria(db));
  const pairs: CrosswalkPair[] = [];
  const problems: string[] = [];
  for (const association of conversion.associations) {
    const pair = pairOf(conversion, resolve, association);
    if (typeof pair === "string") problems.push(pair);
    else pairs.push(pair);
  }
  return { pairs, problems };
}

/**
 * Adds the pairs to the crosswalk in force, as a new crosswalk version if any is new, in the
 * caller's transaction: the one that imports the unit (lib/standards/case/store.ts), so the
 * unit never loads without its pairs.
 */
export async function addCaseAssociationPairs(tx: Tx, { pairs, problems }: FoundPairs): Promise<CaseAssociationReport> {
  const merged = await mergedCrosswalk(tx, pairs);
  if (!merged) return { pairs, problems, crosswalk: null };
  const unresolved = unresolvedReferences("the crosswalk in force", merged, await criteriaAfterImport(tx, [], merged));
  if (unresolved.length > 0)
    return {
      pairs,
      problems: [
        ...problems,
        `The crosswalk was not changed: the crosswalk in force names criteria no longer loaded (run npm run standards:import): ${unresolved[0]}`,
      ],
      crosswalk: null,
    };
  return { pairs, problems, crosswalk: await importCrosswalkIn(tx, merged) };
}
