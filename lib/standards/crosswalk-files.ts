import fs from "node:fs";
import path from "node:path";
import { CrosswalkFile, describeReference, type CriterionReference } from "./crosswalk-schema";
import { parseJsonText, readUnitFiles, standardsDir } from "./load-files";
import type { UnitFile } from "./schema";

// Reading standards/crosswalk.json and checking that every reference names a criterion of a
// unit that is (or is about to be) loaded. Pure apart from reading the file, so the importer,
// the suggestion CLI and the tests share one rule.

export const crosswalkFileName = "crosswalk.json";

export type ParsedCrosswalk =
  { file: string; ok: true; crosswalk: CrosswalkFile } | { file: string; ok: false; errors: string[] };

export function parseCrosswalkText(file: string, text: string): ParsedCrosswalk {
  const parsed = parseJsonText(file, text, CrosswalkFile);
  return parsed.ok ? { file, ok: true, crosswalk: parsed.value } : { file, ok: false, errors: parsed.errors };
}

/** The directory's crosswalk.json, parsed; null when the directory has none. */
export function readCrosswalkFile(dir = standardsDir): ParsedCrosswalk | null {
  const file = path.join(dir, crosswalkFileName);
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) return null;
  return parseCrosswalkText(crosswalkFileName, fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
}

/** "outcome CS5/O6": a criterion's key within its unit (refs repeat across kinds). */
export function criterionKey(kind: string, ref: string): string {
  return `${kind} ${ref}`;
}

/** Every criterion key of a unit file. */
export function criterionKeysOf(unit: UnitFile): Set<string> {
  return new Set(unit.groups.flatMap((g) => g.criteria.map((c) => criterionKey(c.kind, c.ref))));
}

/** Unit code → the keys of its criteria, for the units references may name. */
export type LoadedCriteria = ReadonlyMap<string, ReadonlySet<string>>;

function whyUnknown(ref: CriterionReference, loaded: LoadedCriteria): string | null {
  const keys = loaded.get(ref.unit);
  if (!keys) return `no unit ${ref.unit} is loaded`;
  return keys.has(criterionKey(ref.kind, ref.ref)) ? null : `${ref.unit} has no ${ref.kind} criterion ${ref.ref}`;
}

/**
 * One message per reference that names no loaded criterion, naming the file, the pair (its
 * index and both ends) and the reference: empty when every reference resolves.
 */
export function unresolvedReferences(file: string, crosswalk: CrosswalkFile, loaded: LoadedCriteria): string[] {
  return crosswalk.pairs.flatMap((pair, i) =>
    (["a", "b"] as const).flatMap((end) => {
      const reason = whyUnknown(pair[end], loaded);
      if (!reason) return [];
      const both = `${describeReference(pair.a)} / ${describeReference(pair.b)}`;
      return [`${file}: pairs[${i}] (${both}): ${end}: unknown reference ${describeReference(pair[end])}: ${reason}`];
    }),
  );
}

/** The codes of the units the crosswalk joins, sorted. */
export function joinedUnits(crosswalk: CrosswalkFile): string[] {
  return [...new Set(crosswalk.pairs.flatMap((pair) => [pair.a.unit, pair.b.unit]))].sort();
}

/**
 * The directory's unit files and crosswalk (null when it has none), every file valid and every
 * reference resolved against those units; otherwise an Error listing every problem.
 */
export function readStandardsWithCrosswalk(dir = standardsDir): { units: UnitFile[]; crosswalk: CrosswalkFile | null } {
  const parsed = readUnitFiles(dir);
  const problems = parsed.flatMap((p) => (p.ok ? [] : p.errors));
  const units = parsed.flatMap((p) => (p.ok ? [p.unit] : []));
  const crosswalk = readCrosswalkFile(dir);
  if (crosswalk && !crosswalk.ok) problems.push(...crosswalk.errors);
  if (crosswalk?.ok) {
    const loaded = new Map(units.map((unit) => [unit.code, criterionKeysOf(unit)]));
    problems.push(...unresolvedReferences(crosswalk.file, crosswalk.crosswalk, loaded));
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return { units, crosswalk: crosswalk?.ok ? crosswalk.crosswalk : null };
}
