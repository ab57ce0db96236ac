import crypto from "node:crypto";
import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import { crosswalkFileName, readCrosswalkFile, unresolvedReferences } from "./crosswalk-files";
import { criteriaAfterImport, importCrosswalkIn, type CrosswalkOutcome } from "./crosswalk-import";
import { readUnitFiles, standardsDir } from "./load-files";
import { indexUnitVersion } from "./search-index";
import type { UnitFile } from "./schema";

export type ImportOutcome = { code: string; version: number; change: "created" | "unchanged" | "newVersion" };

/** JSON with object keys sorted, so the hash depends on content, not on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => key !== "$schema" && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHashOf(unit: UnitFile): string {
  return crypto.createHash("sha256").update(canonicalJson(unit)).digest("hex");
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Loads one validated unit. Same content as a stored version: nothing changes. Different
 * content: a new UnitVersion beside the old ones, which are never edited, so enrolments keep
 * the text they were enrolled on. All of it happens in one transaction.
 */
export async function importUnit(db: Db, unit: UnitFile): Promise<ImportOutcome> {
  return db.$transaction((tx) => importUnitIn(tx, unit));
}

/** importUnit inside a transaction the caller holds. */
export async function importUnitIn(tx: Tx, unit: UnitFile): Promise<ImportOutcome> {
  const contentHash = contentHashOf(unit);
  const { $schema: _schema, ...document } = unit;
  const existing = await tx.unit.findUnique({
    where: { code: unit.code },
    include: { versions: { select: { number: true, contentHash: true }, orderBy: { number: "desc" } } },
  });
  // Only the latest version counts: a file that returns to older text becomes a new latest
  // version, so new enrolments always get the text the file holds now.
  const latest = existing?.versions[0];
  if (existing && latest?.contentHash === contentHash)
    return { code: unit.code, version: latest.number, change: "unchanged" } as const;

  const unitRow = existing ?? (await tx.unit.create({ data: { code: unit.code } }));
  const number = (existing?.versions[0]?.number ?? 0) + 1;
  const version = await tx.unitVersion.create({
    data: {
      unitId: unitRow.id,
      number,
      sourceVersion: unit.metadata.version ?? null,
      title: unit.title,
      kind: unit.kind,
      level: unit.metadata.level ?? null,
      creditValue: unit.metadata.creditValue ?? null,
      contentHash,
      document,
    },
  });

  await writeCriteria(tx, version.id, unit);
  // Versions never change, so their search documents are written once, with them.
  await indexUnitVersion(tx, version.id);
  await tx.evidenceRequirement.createMany({
    data: unit.evidenceRequirements.map((req, i) => ({
      unitVersionId: version.id,
      position: i,
      ref: req.ref,
      text: req.text,
      items: req.items,
      checks: req.checks,
    })),
  });
  await recordAudit(tx, {
    actorId: null,
    centreId: null,
    action: existing ? "standards.newVersion" : "standards.created",
    entityType: "UnitVersion",
    entityId: version.id,
    after: { code: unit.code, number, contentHash },
  });
  return { code: unit.code, version: number, change: existing ? "newVersion" : "created" } as const;
}

export type ImportReport = {
  outcomes: ImportOutcome[];
  /** Null when the directory holds no crosswalk.json, or when the import was refused. */
  crosswalk: CrosswalkOutcome | null;
  errors: string[];
};

/** The valid unit files of the directory, one per code; problems go to errors. */
function validUnitFiles(dir: string, errors: string[]): UnitFile[] {
  const units: UnitFile[] = [];
  const fileOfCode = new Map<string, string>();
  for (const parsed of readUnitFiles(dir)) {
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const other = fileOfCode.get(parsed.unit.code);
    if (other) {
      errors.push(`${parsed.file}: code: ${parsed.unit.code} is already defined by ${other}; each unit needs one file`);
      continue;
    }
    fileOfCode.set(parsed.unit.code, parsed.file);
    units.push(parsed.unit);
  }
  return units;
}

// Five units, their search index and the crosswalk in one transaction: far more than the
// 5 s Prisma allows by default on a busy machine, still bounded.
const IMPORT_TIMEOUT_MS = 120_000;

/**
 * Validates every file in the directory and loads the valid units, then the crosswalk
 * (crosswalk.json) if there is one, all in one transaction. An invalid unit file loads nothing
 * of itself. A crosswalk that is invalid, or names a criterion that is not in the units as they
 * will be after this import, loads nothing at all: neither the units nor the crosswalk.
 */
export async function importStandards(db: Db, dir = standardsDir): Promise<ImportReport> {
  const errors: string[] = [];
  const units = validUnitFiles(dir, errors);
  const parsedCrosswalk = readCrosswalkFile(dir);
  if (parsedCrosswalk && !parsedCrosswalk.ok)
    return { outcomes: [], crosswalk: null, errors: [...errors, ...parsedCrosswalk.errors] };
  const crosswalk = parsedCrosswalk?.crosswalk ?? null;

  return db.$transaction(
    async (tx) => {
      if (crosswalk) {
        const loaded = await criteriaAfterImport(tx, units, crosswalk);
        const unresolved = unresolvedReferences(crosswalkFileName, crosswalk, loaded);
        if (unresolved.length) return { outcomes: [], crosswalk: null, errors: [...errors, ...unresolved] };
      }
      const outcomes: ImportOutcome[] = [];
      for (const unit of units) outcomes.push(await importUnitIn(tx, unit));
      return { outcomes, crosswalk: crosswalk && (await importCrosswalkIn(tx, crosswalk)), errors };
    },
    { timeout: IMPORT_TIMEOUT_MS },
  );
}

/** The version's groups, criteria and range items, in the file's order. */
async function writeCriteria(tx: Tx, unitVersionId: string, unit: UnitFile): Promise<void> {
  const groups = unit.groups.map((group, g) => ({ id: crypto.randomUUID(), group, position: g }));
  await tx.criterionGroup.createMany({
    data: groups.map(({ id, group, position }) => ({
      id,
      unitVersionId,
      position,
      ref: group.ref ?? null,
      kind: group.kind,
      title: group.title,
      assessmentMethods: group.assessmentMethods ?? undefined,
      notes: group.notes ?? undefined,
    })),
  });

  let position = 0;
  const criteria = groups.flatMap(({ id: groupId, group }) =>
    group.criteria.map((criterion) => ({ id: crypto.randomUUID(), groupId, criterion, position: position++ })),
  );
  await tx.criterion.createMany({
    data: criteria.map(({ id, groupId, criterion, position: p }) => ({
      id,
      unitVersionId,
      groupId,
      position: p,
      ref: criterion.ref,
      kind: criterion.kind,
      text: criterion.text,
      rangeTitle: criterion.range?.title ?? null,
      rangeRule: criterion.range?.rule?.rule ?? null,
      rangeMin: criterion.range?.rule?.rule === "atLeast" ? criterion.range.rule.n : null,
      rangeGuidance: criterion.range?.guidance.length ? criterion.range.guidance : undefined,
      guidance: criterion.guidance?.length ? criterion.guidance : undefined,
    })),
  });
  await tx.rangeItem.createMany({
    data: criteria.flatMap(({ id, criterion }) =>
      (criterion.range?.items ?? []).map((text, i) => ({ criterionId: id, position: i, text })),
    ),
  });
}
