import crypto from "node:crypto";
import { recordAudit } from "../audit";
import { canonicalJson } from "../audit/chain";
import type { Db } from "../db/client";
import { criterionKey, criterionKeysOf, joinedUnits, type LoadedCriteria } from "./crosswalk-files";
import { CrosswalkFile, type CriterionReference, describeReference } from "./crosswalk-schema";
import type { UnitFile } from "./schema";

// Loading standards/crosswalk.json into the database, inside the standards import's transaction.
// A crosswalk version is pinned to the unit versions it joins (its pairs hold Criterion ids of
// those versions), so a new version is made when the file changes or when any unit it joins gets
// a new version; importing the same files again makes nothing. Versions are never edited.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type CrosswalkOutcome = { version: number; change: "created" | "unchanged" | "newVersion"; pairs: number };

type LatestVersion = { code: string; id: string; number: number; contentHash: string };

/** The latest version of each unit named, for the units that exist. */
async function latestVersions(tx: Tx, codes: string[]): Promise<LatestVersion[]> {
  const units = await tx.unit.findMany({
    where: { code: { in: codes } },
    orderBy: { code: "asc" },
    select: {
      code: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true, contentHash: true } },
    },
  });
  return units.flatMap((unit) => (unit.versions[0] ? [{ code: unit.code, ...unit.versions[0] }] : []));
}

/**
 * The criteria references may name once this import is done: the unit files being imported,
 * and for units the crosswalk joins that are not among them, their latest loaded version.
 * Read before anything is written, so a refused crosswalk leaves the database untouched.
 */
export async function criteriaAfterImport(
  tx: Tx,
  files: UnitFile[],
  crosswalk: CrosswalkFile,
): Promise<LoadedCriteria> {
  const loaded = new Map(files.map((unit) => [unit.code, criterionKeysOf(unit)]));
  const others = joinedUnits(crosswalk).filter((code) => !loaded.has(code));
  const versions = await latestVersions(tx, others);
  const criteria = await tx.criterion.findMany({
    where: { unitVersionId: { in: versions.map((v) => v.id) } },
    select: { unitVersionId: true, kind: true, ref: true },
  });
  for (const version of versions)
    loaded.set(
      version.code,
      new Set(criteria.filter((c) => c.unitVersionId === version.id).map((c) => criterionKey(c.kind, c.ref))),
    );
  return loaded;
}

/** The idempotency key: the file's content (not its $schema) and the exact unit versions it joins. */
function crosswalkHashOf(crosswalk: CrosswalkFile, joined: Omit<LatestVersion, "id">[]): string {
  const { $schema: _schema, ...content } = crosswalk;
  const units = joined.map(({ code, number, contentHash }) => ({ code, number, contentHash }));
  return crypto
    .createHash("sha256")
    .update(canonicalJson({ crosswalk: content, units }))
    .digest("hex");
}

/** Criterion ids of the given unit versions, by "unit kind ref". */
async function criterionIds(tx: Tx, versions: LatestVersion[]): Promise<Map<string, string>> {
  const codeOf = new Map(versions.map((v) => [v.id, v.code]));
  const rows = await tx.criterion.findMany({
    where: { unitVersionId: { in: versions.map((v) => v.id) } },
    select: { id: true, unitVersionId: true, kind: true, ref: true },
  });
  return new Map(rows.map((row) => [`${codeOf.get(row.unitVersionId)} ${criterionKey(row.kind, row.ref)}`, row.id]));
}

/** How the rationale of a pair imported from a CASE association starts (lib/standards/case/associations.ts, ADR 0022). */
export const importedFromCase = "Imported from CASE: ";

const pairKey = (pair: CrosswalkFile["pairs"][number]) =>
  [describeReference(pair.a), describeReference(pair.b)].sort().join("\u0000");

/**
 * The crosswalk with the pairs imported from CASE frameworks that the version in force holds and
 * it does not, so that importing standards/crosswalk.json again keeps them (each still naming
 * loaded criteria).
 */
async function withPairsFromCase(tx: Tx, crosswalk: CrosswalkFile): Promise<CrosswalkFile> {
  const latest = await tx.crosswalkVersion.findFirst({ orderBy: { number: "desc" }, select: { document: true } });
  const stored = CrosswalkFile.safeParse(latest?.document);
  if (!stored.success) return crosswalk;
  const keys = new Set(crosswalk.pairs.map(pairKey));
  const carried = stored.data.pairs.filter((p) => p.rationale.startsWith(importedFromCase) && !keys.has(pairKey(p)));
  if (carried.length === 0) return crosswalk;
  const loaded = await criteriaAfterImport(tx, [], { ...crosswalk, pairs: carried });
  const resolves = (ref: CriterionReference) => loaded.get(ref.unit)?.has(criterionKey(ref.kind, ref.ref)) === true;
  return { ...crosswalk, pairs: [...crosswalk.pairs, ...carried.filter((p) => resolves(p.a) && resolves(p.b))] };
}

/**
 * Writes a new crosswalk version unless the latest one has the same content and joins the same
 * unit versions. Call it after the units are imported, in the same transaction, with a crosswalk
 * whose references were checked against criteriaAfterImport. Pairs imported from CASE that the
 * version in force holds are kept (withPairsFromCase).
 */
export async function importCrosswalkIn(tx: Tx, file: CrosswalkFile): Promise<CrosswalkOutcome> {
  const crosswalk = await withPairsFromCase(tx, file);
  const joined = await latestVersions(tx, joinedUnits(crosswalk));
  const contentHash = crosswalkHashOf(crosswalk, joined);
  const latest = await tx.crosswalkVersion.findFirst({
    orderBy: { number: "desc" },
    select: { number: true, contentHash: true },
  });
  if (latest?.contentHash === contentHash)
    return { version: latest.number, change: "unchanged", pairs: crosswalk.pairs.length };

  const ids = await criterionIds(tx, joined);
  const idOf = (ref: CriterionReference) => {
    const id = ids.get(`${ref.unit} ${criterionKey(ref.kind, ref.ref)}`);
    // The references were checked before anything was written; this only guards that promise.
    if (!id) throw new Error(`crosswalk: ${ref.unit} ${ref.kind} ${ref.ref} is not in the loaded unit versions`);
    return id;
  };
  const number = (latest?.number ?? 0) + 1;
  const { $schema: _schema, ...document } = crosswalk;
  const version = await tx.crosswalkVersion.create({ data: { number, contentHash, document } });
  await tx.crosswalkPair.createMany({
    data: crosswalk.pairs.map((pair, position) => ({
      versionId: version.id,
      position,
      aCriterionId: idOf(pair.a),
      bCriterionId: idOf(pair.b),
      relation: pair.relation,
      rationale: pair.rationale,
    })),
  });
  await recordAudit(tx, {
    actorId: null,
    centreId: null,
    action: "standards.crosswalkVersion",
    entityType: "CrosswalkVersion",
    entityId: version.id,
    after: { number, contentHash, pairs: crosswalk.pairs.length, units: joined.map((v) => `${v.code} v${v.number}`) },
  });
  return { version: number, change: latest ? "newVersion" : "created", pairs: crosswalk.pairs.length };
}
