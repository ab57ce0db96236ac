import type { Db } from "../../db/client";
import { importUnitIn, type ImportOutcome } from "../import";
import { UnitFile } from "../schema";
import { type IndexedVersion, indexedVersions } from "./cache";
import { CrosswalkRelation } from "../crosswalk-schema";
import { loadedCrosswalk } from "../crosswalk-queries";
import { CriterionKind } from "../schema";
import { addCaseAssociationPairs, type CaseAssociationReport, caseAssociationPairs } from "./associations";
import {
  crosswalkAssociationId,
  type PackageAssociation,
  standaloneAssociation,
  standaloneDocument,
  standaloneItem,
  unitToCasePackage,
} from "./export";
import { type CaseImportOptions, convertCasePackage } from "./import";
import type { CFAssociation, CFDocument, CFItem, CFPackage } from "./types";

// CASE and the database: export of a stored unit, import of a package as a unit version, and
// look-up of any stored version's objects by identifier.

export class UnknownUnitError extends Error {
  override name = "UnknownUnitError";
}

const criterionSelect = {
  kind: true,
  ref: true,
  text: true,
  unitVersionId: true,
  unitVersion: { select: { number: true, unit: { select: { code: true } } } },
} as const;

/** The pairs of the crosswalk in force that touch the unit version, from its side, in the crosswalk's order. */
async function associationsOf(db: Db, unitVersionId: string): Promise<PackageAssociation[]> {
  const crosswalk = await loadedCrosswalk(db);
  if (!crosswalk) return [];
  const pairs = await db.crosswalkPair.findMany({
    where: { versionId: crosswalk.id, OR: [{ aCriterion: { unitVersionId } }, { bCriterion: { unitVersionId } }] },
    orderBy: { position: "asc" },
    select: { relation: true, aCriterion: { select: criterionSelect }, bCriterion: { select: criterionSelect } },
  });
  return pairs.map(({ relation, aCriterion, bCriterion }) => {
    const [own, other] =
      aCriterion.unitVersionId === unitVersionId ? [aCriterion, bCriterion] : [bCriterion, aCriterion];
    return {
      relation: CrosswalkRelation.catch("close").parse(relation),
      own: { kind: CriterionKind.parse(own.kind), ref: own.ref },
      other: {
        unit: other.unitVersion.unit.code,
        versionNumber: other.unitVersion.number,
        kind: CriterionKind.parse(other.kind),
        ref: other.ref,
        text: other.text,
      },
    };
  });
}

/** The CFPackage of the latest version of a unit (what `npm run standards:case -- export` writes). */
export async function latestCasePackage(db: Db, code: string, opts: { baseUrl: string }): Promise<CFPackage> {
  const version = await db.unitVersion.findFirst({
    where: { unit: { code } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, importedAt: true, document: true },
  });
  if (!version) throw new UnknownUnitError(`There is no unit with code ${code}.`);
  return unitToCasePackage(UnitFile.parse(version.document), version.number, {
    baseUrl: opts.baseUrl,
    lastChangeDateTime: version.importedAt,
    associations: await associationsOf(db, version.id),
  });
}

export type CaseImportResult = { unit: UnitFile; outcome: ImportOutcome; associations: CaseAssociationReport };

/**
 * Converts a package and loads it like a unit file (a new version only if the content differs),
 * with its exactMatchOf / isRelatedTo associations as crosswalk pairs (./associations.ts), in
 * one transaction: the unit and its pairs load together or not at all.
 */
export async function importCasePackage(
  db: Db,
  input: unknown,
  opts: CaseImportOptions = {},
): Promise<CaseImportResult> {
  const conversion = convertCasePackage(input, opts);
  const found = await caseAssociationPairs(db, conversion);
  return db.$transaction(async (tx) => ({
    unit: conversion.unit,
    outcome: await importUnitIn(tx, conversion.unit),
    associations: await addCaseAssociationPairs(tx, found),
  }));
}

const packageOf = async (db: Db, version: IndexedVersion, baseUrl: string) =>
  unitToCasePackage(version.unit, version.number, {
    baseUrl,
    lastChangeDateTime: version.importedAt,
    associations: await associationsOf(db, version.unitVersionId),
  });

/** The latest version of every unit, as single-object CFDocuments, ordered by unit code. */
export async function listCaseDocuments(db: Db, baseUrl: string): Promise<CFDocument[]> {
  const versions = (await indexedVersions(db)).filter((v) => v.latest);
  // The document does not depend on the crosswalk: no need to read it per unit.
  return versions.map(({ version }) =>
    standaloneDocument(
      unitToCasePackage(version.unit, version.number, { baseUrl, lastChangeDateTime: version.importedAt }),
      baseUrl,
    ),
  );
}

/** The package of any stored version (enrolments pin older ones), by its CFDocument identifier. */
export async function findCasePackage(db: Db, documentId: string, baseUrl: string): Promise<CFPackage | null> {
  const found = (await indexedVersions(db)).find(({ version }) => version.documentId === documentId);
  return found ? packageOf(db, found.version, baseUrl) : null;
}

export async function findCaseDocument(db: Db, documentId: string, baseUrl: string): Promise<CFDocument | null> {
  const pkg = await findCasePackage(db, documentId, baseUrl);
  return pkg ? standaloneDocument(pkg, baseUrl) : null;
}

export async function findCaseItem(db: Db, itemId: string, baseUrl: string): Promise<CFItem | null> {
  const found = (await indexedVersions(db)).find(({ version }) => version.itemIds.has(itemId));
  if (!found) return null;
  const pkg = await packageOf(db, found.version, baseUrl);
  const item = pkg.CFItems.find((i) => i.identifier === itemId);
  return item ? standaloneItem(pkg, item) : null;
}

/** The stored version whose package holds the association: by its isChildOf ones, else by the crosswalk's. */
async function versionWithAssociation(db: Db, associationId: string): Promise<IndexedVersion | null> {
  const versions = (await indexedVersions(db)).map(({ version }) => version);
  const tree = versions.find((version) => version.childOfIds.has(associationId));
  if (tree) return tree;
  for (const version of versions) {
    const associations = await associationsOf(db, version.unitVersionId);
    if (associations.some((a) => crosswalkAssociationId(version.unit.code, version.number, a) === associationId))
      return version;
  }
  return null;
}

/** A CFAssociation of any stored package (isChildOf, or a crosswalk pair's exactMatchOf / isRelatedTo), by identifier. */
export async function findCaseAssociation(
  db: Db,
  associationId: string,
  baseUrl: string,
): Promise<CFAssociation | null> {
  const version = await versionWithAssociation(db, associationId);
  if (!version) return null;
  const pkg = await packageOf(db, version, baseUrl);
  const association = pkg.CFAssociations.find((a) => a.identifier === associationId);
  return association ? standaloneAssociation(pkg, association) : null;
}
