import type { CaseNode, CriterionKind } from "../schema";
import { describeItem, type ItemInput, rawStatementOf, statementOf } from "./import-input";
import type { PackageTree } from "./import-tree";
import {
  criterionKindByType,
  criterionKindForGroup,
  type GroupKind,
  groupKindByType,
  groupKindForCriterion,
  typeKey,
} from "./item-types";

// Any CASE tree written by another system, mapped onto a unit (ADR 0022): every leaf item
// becomes a criterion; the leaves under one item form a group named after that item, and the
// items above it (the path from the document) are kept with the group. Leaves directly under the
// document form a group of their own, named after the document. Item types, humanCodingScheme
// and statements are kept as published (the `case` fields of lib/standards/schema.ts), so the
// unit exports back to CASE with every item's statement and coding scheme intact.

export type ForeignConversion = {
  tree: PackageTree;
  warn: (message: string) => void;
  /** Where each part of the unit came from (by path in the unit). */
  sources: Map<string, ItemInput>;
};

type Walk = ForeignConversion & { groups: unknown[]; unknownTypes: Set<string>; documentTitle: string };

const nonEmpty = (value: string | null | undefined) => (value ? value : undefined);

/** The item as its publisher wrote it; `withStatement` keeps the statement even when the unit's text equals it. */
function caseNode(item: ItemInput, withStatement: boolean): CaseNode {
  const raw = rawStatementOf(item);
  const itemType = item.CFItemType?.trim();
  return {
    identifier: item.identifier,
    ...(itemType && { itemType }),
    ...(nonEmpty(item.humanCodingScheme) !== undefined && { humanCodingScheme: item.humanCodingScheme ?? undefined }),
    ...((withStatement || raw !== raw.trim()) && raw !== "" && { fullStatement: raw }),
  };
}

function noteTexts(item: ItemInput): string[] | undefined {
  const notes = item.notes?.trim();
  return notes ? [notes] : undefined;
}

function kindOfType(walk: Walk, item: ItemInput, fallback: CriterionKind): CriterionKind {
  const kind = criterionKindByType.get(typeKey(item.CFItemType));
  if (kind) return kind;
  if (item.CFItemType?.trim()) walk.unknownTypes.add(item.CFItemType.trim());
  return fallback;
}

function groupKindOf(walk: Walk, item: ItemInput | null, leaves: ItemInput[]): GroupKind {
  const own = item ? groupKindByType.get(typeKey(item.CFItemType)) : undefined;
  if (own) return own;
  if (item?.CFItemType?.trim()) walk.unknownTypes.add(item.CFItemType.trim());
  const leafKind = leaves.map((leaf) => criterionKindByType.get(typeKey(leaf.CFItemType))).find((k) => k);
  return leafKind ? groupKindForCriterion[leafKind] : "learningOutcome";
}

function criterionOf(walk: Walk, leaf: ItemInput, groupKind: GroupKind, fallbackRef: string, where: string) {
  walk.sources.set(where, leaf);
  const code = leaf.humanCodingScheme?.trim();
  if (!code) walk.warn(`${describeItem(leaf)} has no humanCodingScheme; given the reference ${fallbackRef}.`);
  const guidance = noteTexts(leaf);
  return {
    ref: code || fallbackRef,
    kind: kindOfType(walk, leaf, criterionKindForGroup[groupKind]),
    text: statementOf(leaf),
    ...(guidance && { guidance }),
    case: caseNode(leaf, false),
  };
}

/** A group of the leaves under `item` (null: directly under the document). */
function addGroup(walk: Walk, item: ItemInput | null, ancestors: CaseNode[], leaves: ItemInput[]): void {
  const g = walk.groups.length;
  if (item) walk.sources.set(`groups[${g}]`, item);
  const kind = groupKindOf(walk, item, leaves);
  const ref = item?.humanCodingScheme?.trim() || undefined;
  const notes = item ? noteTexts(item) : undefined;
  walk.groups.push({
    ...(ref !== undefined && { ref }),
    kind,
    title: item ? statementOf(item) : walk.documentTitle,
    ...(notes && { notes }),
    criteria: leaves.map((leaf, c) =>
      criterionOf(walk, leaf, kind, `${ref ?? g + 1}.${c + 1}`, `groups[${g}].criteria[${c}]`),
    ),
    case: { ancestors, ...(item && { item: caseNode(item, false) }) },
  });
}

/** Depth first, in sibling order: a group for the item's leaves, then the groups below its other children. */
function walkItem(walk: Walk, item: ItemInput, ancestors: CaseNode[]): void {
  const children = walk.tree.childrenOf(item.identifier);
  const leaves = children.filter((child) => !walk.tree.hasChildren(child.identifier));
  if (leaves.length > 0) addGroup(walk, item, ancestors, leaves);
  const path = [...ancestors, caseNode(item, true)];
  for (const child of children) if (walk.tree.hasChildren(child.identifier)) walkItem(walk, child, path);
}

/** The groups of a unit for the items under the document of a framework this application did not write. */
export function foreignGroups(conversion: ForeignConversion, documentTitle: string, topLevel: ItemInput[]): unknown[] {
  const walk: Walk = { ...conversion, groups: [], unknownTypes: new Set(), documentTitle };
  const leaves = topLevel.filter((item) => !walk.tree.hasChildren(item.identifier));
  if (leaves.length > 0) addGroup(walk, null, [], leaves);
  for (const item of topLevel) if (walk.tree.hasChildren(item.identifier)) walkItem(walk, item, []);
  if (walk.unknownTypes.size > 0)
    conversion.warn(
      `Item type(s) ${[...walk.unknownTypes].map((t) => `"${t}"`).join(", ")} are not ones this application assesses by; they are kept for CASE export, and their items are shown as groups and criteria of the nearest kind.`,
    );
  return walk.groups;
}
