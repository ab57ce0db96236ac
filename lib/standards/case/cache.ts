import type { Db } from "../../db/client";
import { UnitFile } from "../schema";
import { unitToCasePackage } from "./export";

// The stored unit versions with the identifiers of their CASE objects, so a look-up by
// identifier does not rebuild every package. Kept in memory for the life of the process.

export type IndexedVersion = {
  unitVersionId: string;
  number: number;
  importedAt: Date;
  unit: UnitFile;
  documentId: string;
  itemIds: ReadonlySet<string>;
  /** The isChildOf associations of its package (crosswalk associations depend on the crosswalk in force). */
  childOfIds: ReadonlySet<string>;
};

// UnitVersion rows are never changed in place, so an entry never goes stale.
const versionIndex = new Map<string, IndexedVersion>();

async function indexMissing(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const documents = await db.unitVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, number: true, importedAt: true, document: true },
  });
  for (const row of documents) {
    const unit = UnitFile.parse(row.document);
    const pkg = unitToCasePackage(unit, row.number, { baseUrl: "", lastChangeDateTime: row.importedAt });
    versionIndex.set(row.id, {
      unitVersionId: row.id,
      number: row.number,
      importedAt: row.importedAt,
      unit,
      documentId: pkg.CFDocument.identifier,
      itemIds: new Set(pkg.CFItems.map((item) => item.identifier)),
      childOfIds: new Set(pkg.CFAssociations.map((association) => association.identifier)),
    });
  }
}

/** Every stored unit version, ordered by unit code and version number, each marked whether it is its unit's latest. */
export async function indexedVersions(db: Db): Promise<{ version: IndexedVersion; latest: boolean }[]> {
  const rows = await db.unitVersion.findMany({
    select: { id: true, unitId: true, number: true, unit: { select: { code: true } } },
    orderBy: [{ unit: { code: "asc" } }, { number: "asc" }],
  });
  await indexMissing(
    db,
    rows.filter((row) => !versionIndex.has(row.id)).map((row) => row.id),
  );
  const latestNumber = new Map<string, number>();
  for (const row of rows) latestNumber.set(row.unitId, Math.max(row.number, latestNumber.get(row.unitId) ?? 0));
  return rows.flatMap((row) => {
    const version = versionIndex.get(row.id);
    return version ? [{ version, latest: latestNumber.get(row.unitId) === row.number }] : [];
  });
}
