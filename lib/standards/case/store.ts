import type { Db } from "../../db/client";
import { importUnit, type ImportOutcome } from "../import";
import { UnitFile } from "../schema";
import { type IndexedVersion, indexedVersions } from "./cache";
import { standaloneDocument, standaloneItem, unitToCasePackage } from "./export";
import { type CaseImportOptions, casePackageToUnit } from "./import";
import type { CFDocument, CFItem, CFPackage } from "./types";

// CASE and the database: export of a stored unit, import of a package as a unit version, and
// look-up of any stored version's objects by identifier.

export class UnknownUnitError extends Error {
  override name = "UnknownUnitError";
}

/** The CFPackage of the latest version of a unit (what `npm run standards:case -- export` writes). */
export async function latestCasePackage(db: Db, code: string, opts: { baseUrl: string }): Promise<CFPackage> {
  const version = await db.unitVersion.findFirst({
    where: { unit: { code } },
    orderBy: { number: "desc" },
    select: { number: true, importedAt: true, document: true },
  });
  if (!version) throw new UnknownUnitError(`There is no unit with code ${code}.`);
  return unitToCasePackage(UnitFile.parse(version.document), version.number, {
    baseUrl: opts.baseUrl,
    lastChangeDateTime: version.importedAt,
  });
}

/** Converts a package and loads it like a unit file (a new version only if the content differs). */
export async function importCasePackage(
  db: Db,
  input: unknown,
  opts: CaseImportOptions = {},
): Promise<{ unit: UnitFile; outcome: ImportOutcome }> {
  const unit = casePackageToUnit(input, opts);
  return { unit, outcome: await importUnit(db, unit) };
}

const packageOf = (version: IndexedVersion, baseUrl: string) =>
  unitToCasePackage(version.unit, version.number, { baseUrl, lastChangeDateTime: version.importedAt });

/** The latest version of every unit, as single-object CFDocuments, ordered by unit code. */
export async function listCaseDocuments(db: Db, baseUrl: string): Promise<CFDocument[]> {
  const versions = await indexedVersions(db);
  return versions
    .filter((v) => v.latest)
    .map(({ version }) => standaloneDocument(packageOf(version, baseUrl), baseUrl));
}

/** The package of any stored version (enrolments pin older ones), by its CFDocument identifier. */
export async function findCasePackage(db: Db, documentId: string, baseUrl: string): Promise<CFPackage | null> {
  const found = (await indexedVersions(db)).find(({ version }) => version.documentId === documentId);
  return found ? packageOf(found.version, baseUrl) : null;
}

export async function findCaseDocument(db: Db, documentId: string, baseUrl: string): Promise<CFDocument | null> {
  const pkg = await findCasePackage(db, documentId, baseUrl);
  return pkg ? standaloneDocument(pkg, baseUrl) : null;
}

export async function findCaseItem(db: Db, itemId: string, baseUrl: string): Promise<CFItem | null> {
  const found = (await indexedVersions(db)).find(({ version }) => version.itemIds.has(itemId));
  if (!found) return null;
  const pkg = packageOf(found.version, baseUrl);
  const item = pkg.CFItems.find((i) => i.identifier === itemId);
  return item ? standaloneItem(pkg, item) : null;
}
