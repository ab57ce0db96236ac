import crypto from "node:crypto";
import { recordAudit } from "../audit";
import type { Db } from "../db/client";
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

/**
 * Loads one validated unit. Same content as a stored version: nothing changes. Different
 * content: a new UnitVersion beside the old ones, which are never edited, so enrolments keep
 * the text they were enrolled on. All of it happens in one transaction.
 */
export async function importUnit(db: Db, unit: UnitFile): Promise<ImportOutcome> {
  const contentHash = contentHashOf(unit);
  const { $schema: _schema, ...document } = unit;
  return db.$transaction(async (tx) => {
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
  });
}

export type ImportReport = { outcomes: ImportOutcome[]; errors: string[] };

/** Validates every file in the directory and loads the valid ones; an invalid file loads nothing. */
export async function importStandards(db: Db, dir = standardsDir): Promise<ImportReport> {
  const report: ImportReport = { outcomes: [], errors: [] };
  const fileOfCode = new Map<string, string>();
  for (const parsed of readUnitFiles(dir)) {
    if (!parsed.ok) {
      report.errors.push(...parsed.errors);
      continue;
    }
    const other = fileOfCode.get(parsed.unit.code);
    if (other) {
      report.errors.push(
        `${parsed.file}: code: ${parsed.unit.code} is already defined by ${other}; each unit needs one file`,
      );
      continue;
    }
    fileOfCode.set(parsed.unit.code, parsed.file);
    report.outcomes.push(await importUnit(db, parsed.unit));
  }
  return report;
}

/** The version's groups, criteria and range items, in the file's order. */
async function writeCriteria(
  tx: Parameters<Parameters<Db["$transaction"]>[0]>[0],
  unitVersionId: string,
  unit: UnitFile,
): Promise<void> {
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
