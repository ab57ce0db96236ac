import { type CriterionKind, type Range, UnitFile } from "../schema";
import {
  criterionKindByType,
  criterionKindForGroup,
  criterionTypes,
  type GroupKind,
  groupKindByType,
  groupKindForCriterion,
  groupTypes,
  rangeItemType,
  requirementType,
  typeKey,
} from "./item-types";
import {
  type AssociationInput,
  CaseImportError,
  type CaseImportOptions,
  describeItem,
  type DocumentInput,
  type ItemInput,
  issuePath,
  parsePackageInput,
  statementOf,
} from "./import-input";
import { foreignGroups } from "./import-foreign";
import { crosswalkAssociationTypes, packageTree, type PackageTree } from "./import-tree";
import {
  criterionLabels,
  documentLabels,
  groupLabels,
  metadataLists,
  metadataTexts,
  parseRangeRule,
  readNotes,
  requirementChecks,
  requirementLabels,
  unitKindLabels,
} from "./notes";

// 1EdTech CASE 1.0 import: a CFPackage back into a unit file. Packages this application wrote
// (./export.ts) come back exactly; others are accepted where they fit a unit, with a warning
// for each assumption.

export { CaseImportError, type CaseImportOptions } from "./import-input";

/** What converting the items needs: the tree, where to warn, and where each part came from. */
type Conversion = {
  tree: PackageTree;
  warn: (message: string) => void;
  /** Where each part of the unit came from (by path in the unit), so validation errors can name the CASE object. */
  sources: Map<string, ItemInput>;
};

const nonEmpty = <T>(values: T[]): T[] | undefined => (values.length > 0 ? values : undefined);

/** The item's reference, or `fallback` (with a warning) when it has no humanCodingScheme. */
function refOf(conversion: Conversion, item: ItemInput, fallback: string): string {
  const ref = item.humanCodingScheme?.trim();
  if (ref) return ref;
  conversion.warn(`${describeItem(item)} has no humanCodingScheme; given the reference ${fallback}.`);
  return fallback;
}

function rangeOf(conversion: Conversion, item: ItemInput, ref: string): Range | undefined {
  const rangeItems = conversion.tree.childrenOf(item.identifier).map((child) => {
    if (
      typeKey(child.CFItemType) !== typeKey(rangeItemType.title) ||
      conversion.tree.childrenOf(child.identifier).length > 0
    ) {
      throw new CaseImportError(
        `${describeItem(child)} sits under criterion ${ref}; a unit can hold only range items there (item type "${rangeItemType.title}", no children).`,
      );
    }
    return statementOf(child);
  });
  const notes = readNotes(item.notes, criterionLabels);
  const hasRange =
    rangeItems.length > 0 || notes.has("Range rule") || notes.has("Range") || notes.has("Range guidance");
  if (!hasRange) return undefined;
  let rule = parseRangeRule(notes.first("Range rule"));
  if (rule === "unknown") {
    conversion.warn(
      `${describeItem(item)}: range rule "${notes.first("Range rule") ?? ""}" is not understood; imported as not stated.`,
    );
    rule = null;
  }
  const title = notes.first("Range");
  return { ...(title !== undefined && { title }), rule, guidance: notes.all("Range guidance"), items: rangeItems };
}

function toCriterion(
  conversion: Conversion,
  item: ItemInput,
  groupKind: GroupKind,
  fallbackRef: string,
  where: string,
) {
  conversion.sources.set(where, item);
  let kind = criterionKindByType.get(typeKey(item.CFItemType));
  if (!kind) {
    kind = criterionKindForGroup[groupKind];
    conversion.warn(
      `${describeItem(item)}: item type "${item.CFItemType ?? ""}" is not one of ours; imported as type "${criterionTypes[kind].title}".`,
    );
  }
  const ref = refOf(conversion, item, fallbackRef);
  const range = rangeOf(conversion, item, ref);
  const notes = readNotes(item.notes, criterionLabels);
  const guidance = [...notes.all("Guidance"), ...(notes.other === undefined ? [] : [notes.other])];
  return { ref, kind, text: statementOf(item), ...(range && { range }), ...(guidance.length > 0 && { guidance }) };
}

function toGroup(conversion: Conversion, item: ItemInput, g: number) {
  conversion.sources.set(`groups[${g}]`, item);
  const criteriaItems = conversion.tree.childrenOf(item.identifier);
  if (criteriaItems.length === 0) {
    throw new CaseImportError(
      `${describeItem(item)} sits directly under the document but has no children; a unit keeps its criteria inside groups.`,
    );
  }
  let kind = groupKindByType.get(typeKey(item.CFItemType));
  if (!kind) {
    const childKind = criteriaItems
      .map((child) => criterionKindByType.get(typeKey(child.CFItemType)))
      .find((k) => k !== undefined);
    kind = childKind ? groupKindForCriterion[childKind] : "learningOutcome";
    conversion.warn(
      `${describeItem(item)}: item type "${item.CFItemType ?? ""}" is not one of ours; imported as type "${groupTypes[kind].title}".`,
    );
  }
  const groupKind = kind;
  const ref = item.humanCodingScheme?.trim() || undefined;
  const notes = readNotes(item.notes, groupLabels);
  const groupNotes = [...notes.all("Note"), ...(notes.other === undefined ? [] : [notes.other])];
  return {
    ...(ref !== undefined && { ref }),
    kind: groupKind,
    title: statementOf(item),
    ...(notes.has("Assessment method") && { assessmentMethods: notes.all("Assessment method") }),
    ...(groupNotes.length > 0 && { notes: groupNotes }),
    criteria: criteriaItems.map((child, c) =>
      toCriterion(conversion, child, groupKind, `${ref ?? g + 1}.${c + 1}`, `groups[${g}].criteria[${c}]`),
    ),
  };
}

function toRequirement(conversion: Conversion, item: ItemInput, r: number) {
  conversion.sources.set(`evidenceRequirements[${r}]`, item);
  const ref = refOf(conversion, item, String(r + 1));
  const notes = readNotes(item.notes, requirementLabels);
  if (notes.other !== undefined)
    conversion.warn(`${describeItem(item)}: its notes are not checks this application knows and were not imported.`);
  const checks = Object.fromEntries(
    requirementChecks.flatMap(([key, label]) => {
      const value = notes.first(label)?.trim().toLowerCase();
      return value === "yes" ? [[key, true]] : value === "no" ? [[key, false]] : [];
    }),
  );
  return {
    ref,
    text: statementOf(item),
    items: conversion.tree
      .childrenOf(item.identifier)
      .map((child, i) => ({ ref: refOf(conversion, child, `${ref}.${i + 1}`), text: statementOf(child) })),
    checks,
  };
}

/** The unit's kind, from the document's "Unit kind" line; a qualification unit (with a warning) when it does not say. */
function unitKindOf(
  doc: DocumentInput,
  kindText: string | undefined,
  warn: (message: string) => void,
): UnitFile["kind"] {
  const text = kindText?.trim().toLowerCase();
  const kind = (Object.keys(unitKindLabels) as UnitFile["kind"][]).find(
    (k) => k.toLowerCase() === text || unitKindLabels[k].toLowerCase() === text,
  );
  if (kind) return kind;
  warn(`CFDocument ${doc.identifier} does not say what kind of unit it is; imported as a qualification unit.`);
  return "qualificationUnit";
}

/** The code a framework that gives none is imported under: the same on every import of it. */
function derivedCode(doc: DocumentInput): string {
  const hex = doc.identifier.toLowerCase().replace(/[^0-9a-z]/g, "");
  return `CASE-${hex.slice(0, 8) || "FRAMEWORK"}`;
}

/** Code, title, kind, metadata and notes of the unit, from the CFDocument. */
function unitFieldsOf(doc: DocumentInput, opts: CaseImportOptions, warn: (message: string) => void) {
  const docNotes = readNotes(doc.notes, documentLabels);
  const ours = docNotes.has("Unit code");
  const code = opts.code?.trim() || docNotes.first("Unit code") || doc.humanCodingScheme?.trim() || derivedCode(doc);
  if (!opts.code?.trim() && !ours && !doc.humanCodingScheme?.trim())
    warn(
      `CFDocument ${doc.identifier} "${doc.title}" does not give a unit code; imported as ${code} (give --code to choose another).`,
    );
  const kind = unitKindOf(doc, docNotes.first("Unit kind"), warn);

  let metadata: Record<string, unknown>;
  const unitNotes = docNotes.all("Note");
  if (ours) {
    metadata = {
      ...Object.fromEntries(
        metadataTexts.flatMap(([key, label]) => (docNotes.has(label) ? [[key, docNotes.first(label)]] : [])),
      ),
      ...(docNotes.has("Credit value") && { creditValue: Number(docNotes.first("Credit value")) }),
      ...Object.fromEntries(
        metadataLists.flatMap(([key, label]) => (docNotes.has(label) ? [[key, docNotes.all(label)]] : [])),
      ),
    };
    if (docNotes.other !== undefined) unitNotes.push(docNotes.other);
  } else {
    const creator = doc.creator?.trim();
    const overview = (doc.description ?? "")
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const approvedOn = /^\d{4}-\d{2}-\d{2}/.exec(doc.statusStartDate ?? "")?.[0];
    metadata = {
      ...(creator && creator !== "Unknown" && { developedBy: creator }),
      ...(doc.version?.trim() && { version: doc.version.trim() }),
      ...(approvedOn && { approvedOn }),
      ...(overview.length > 0 && { overview }),
    };
    if (doc.notes?.trim()) unitNotes.push(doc.notes.trim());
    warn(
      `CFDocument ${doc.identifier} was not written by this application; metadata taken from its creator, version, statusStartDate and description.`,
    );
  }
  return {
    code,
    title: doc.title,
    kind,
    metadata,
    ...(docNotes.has("Transcription note") && { transcriptionNotes: docNotes.all("Transcription note") }),
    ...(nonEmpty(unitNotes) && { notes: unitNotes }),
  };
}

/** The candidate unit checked against the unit file schema; the first problems name the CASE object they came from. */
function validUnit(candidate: unknown, sources: ReadonlyMap<string, ItemInput>): UnitFile {
  const result = UnitFile.safeParse(candidate);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const path = issuePath(issue.path);
    const source = [...sources.entries()]
      .filter(([where]) => path.startsWith(where))
      .sort(([a], [b]) => b.length - a.length)[0];
    return `${source ? `${describeItem(source[1])}: ` : ""}${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : "";
  throw new CaseImportError(`The package does not make a valid unit: ${problems.join("; ")}${more}.`);
}

/** Package item identifier (lower case) -> the criterion it became, from the conversion's sources. */
function itemCriteriaOf(unit: UnitFile, sources: ReadonlyMap<string, ItemInput>): Map<string, ItemCriterion> {
  const found = new Map<string, ItemCriterion>();
  for (const [where, item] of sources) {
    const match = /^groups\[(\d+)\]\.criteria\[(\d+)\]$/.exec(where);
    const criterion = match && unit.groups[Number(match[1])]?.criteria[Number(match[2])];
    if (criterion) found.set(item.identifier.toLowerCase(), { kind: criterion.kind, ref: criterion.ref });
  }
  return found;
}

export type ItemCriterion = { kind: CriterionKind; ref: string };

/** What an import brings besides the unit: which package item became which criterion, and the crosswalk associations. */
export type CaseConversion = {
  unit: UnitFile;
  /** Package item identifier (lower case) -> criterion of the unit. */
  itemCriteria: Map<string, ItemCriterion>;
  /** Identifiers (lower case) of the package's items that did not become criteria (groups, path items, range items). */
  otherItems: Set<string>;
  /** The exactMatchOf and isRelatedTo associations of the package. */
  associations: AssociationInput[];
  documentTitle: string;
};

/**
 * Rebuilds a unit from a CFPackage: the tree comes from the isChildOf associations, siblings
 * ordered by sequenceNumber. Packages this application wrote come back exactly. Any other
 * framework is mapped onto a unit by ./import-foreign.ts (leaves become criteria, the path of
 * items above them the grouping), with a warning for each assumption.
 */
export function convertCasePackage(input: unknown, opts: CaseImportOptions = {}): CaseConversion {
  const warn = opts.warn ?? (() => {});
  const pkg = parsePackageInput(input, warn);
  const doc = pkg.CFDocument;
  const conversion: Conversion = { tree: packageTree(pkg, warn), warn, sources: new Map() };

  const topLevel = conversion.tree.childrenOf(doc.identifier);
  const requirementItems = topLevel.filter((item) => typeKey(item.CFItemType) === typeKey(requirementType.title));
  const groupItems = topLevel.filter((item) => !requirementItems.includes(item));
  if (groupItems.length === 0) {
    throw new CaseImportError(
      `CFDocument ${doc.identifier} "${doc.title}" has no items under it (isChildOf associations to the document); a unit needs at least one criterion.`,
    );
  }
  const ours = readNotes(doc.notes, documentLabels).has("Unit code");
  const candidate = {
    ...unitFieldsOf(doc, opts, warn),
    groups: ours
      ? groupItems.map((item, g) => toGroup(conversion, item, g))
      : foreignGroups(conversion, doc.title, groupItems),
    evidenceRequirements: requirementItems.map((item, r) => toRequirement(conversion, item, r)),
  };
  const unit = validUnit(candidate, conversion.sources);
  const itemCriteria = itemCriteriaOf(unit, conversion.sources);
  const otherItems = new Set(
    (pkg.CFItems ?? []).map((item) => item.identifier.toLowerCase()).filter((id) => !itemCriteria.has(id)),
  );
  const associations = (pkg.CFAssociations ?? []).filter((a) => crosswalkAssociationTypes.has(a.associationType));
  return { unit, itemCriteria, otherItems, associations, documentTitle: doc.title };
}

/** The unit of a CFPackage (convertCasePackage without the rest). */
export function casePackageToUnit(input: unknown, opts: CaseImportOptions = {}): UnitFile {
  return convertCasePackage(input, opts).unit;
}
