import { CaseImportError, describeItem, type ItemInput, type PackageInput } from "./import-input";

// The tree of a package: the items under each node, from the isChildOf associations.

/** The association types that become crosswalk pairs (./associations.ts); every other type but isChildOf is ignored. */
export const crosswalkAssociationTypes: ReadonlyMap<string, "exact" | "close"> = new Map([
  ["exactMatchOf", "exact"],
  ["isRelatedTo", "close"],
] as const);

type Child = { item: ItemInput; sequence: number | undefined; order: number };

export type PackageTree = {
  /** Whether the item has children. */
  hasChildren(identifier: string): boolean;
  /** The children of the document or of an item, ordered by sequenceNumber, then listEnumeration, then package order. */
  childrenOf(identifier: string): ItemInput[];
};

function itemsByIdentifier(items: readonly ItemInput[]): Map<string, ItemInput> {
  const itemsById = new Map<string, ItemInput>();
  for (const item of items) {
    const id = item.identifier.toLowerCase();
    if (itemsById.has(id)) throw new CaseImportError(`${describeItem(item)} appears twice in CFItems.`);
    itemsById.set(id, item);
  }
  return itemsById;
}

const listKey = (item: ItemInput) =>
  item.listEnumeration === null || item.listEnumeration === undefined ? "" : String(item.listEnumeration);

const bySequence = (a: Child, b: Child) =>
  (a.sequence ?? Number.POSITIVE_INFINITY) - (b.sequence ?? Number.POSITIVE_INFINITY) ||
  listKey(a.item).localeCompare(listKey(b.item), "en", { numeric: true }) ||
  a.order - b.order;

/**
 * Reads the isChildOf associations (identifiers compared without case). An item keeps its first
 * parent; associations of other types, ones pointing outside the package, and items outside the
 * document's tree are left out, each with a warning.
 */
export function packageTree(pkg: PackageInput, warn: (message: string) => void): PackageTree {
  const items = pkg.CFItems ?? [];
  const documentId = pkg.CFDocument.identifier.toLowerCase();
  const itemsById = itemsByIdentifier(items);
  const children = new Map<string, Child[]>();
  const parentOf = new Map<string, string>();
  const otherTypes = new Map<string, number>();
  let outsideAssociations = 0;
  (pkg.CFAssociations ?? []).forEach((association, order) => {
    if (association.associationType !== "isChildOf") {
      const type = association.associationType;
      if (!crosswalkAssociationTypes.has(type)) otherTypes.set(type, (otherTypes.get(type) ?? 0) + 1);
      return;
    }
    const childId = association.originNodeURI.identifier.toLowerCase();
    const parentId = association.destinationNodeURI.identifier.toLowerCase();
    const child = itemsById.get(childId);
    if (!child || (parentId !== documentId && !itemsById.has(parentId))) {
      outsideAssociations++;
      return;
    }
    const existingParent = parentOf.get(childId);
    if (existingParent !== undefined) {
      if (existingParent !== parentId)
        warn(`${describeItem(child)} has more than one parent; it is kept under the first one only.`);
      return;
    }
    parentOf.set(childId, parentId);
    const sequence =
      association.sequenceNumber === null || association.sequenceNumber === undefined
        ? undefined
        : Number(association.sequenceNumber);
    const siblings = children.get(parentId) ?? [];
    siblings.push({ item: child, sequence: Number.isFinite(sequence) ? sequence : undefined, order });
    children.set(parentId, siblings);
  });
  if (otherTypes.size > 0)
    warn(
      `${[...otherTypes].map(([type, n]) => `${n} ${type}`).join(", ")} association(s) were ignored: only isChildOf (the tree) and exactMatchOf and isRelatedTo (the crosswalk) are read.`,
    );
  if (outsideAssociations > 0)
    warn(`${outsideAssociations} isChildOf association(s) pointing outside this package were ignored.`);
  const orphans = items.filter((item) => !parentOf.has(item.identifier.toLowerCase()));
  if (orphans.length > 0)
    warn(
      `${orphans.length} CFItem(s) are not in the document's tree and were ignored, e.g. ${orphans.slice(0, 3).map(describeItem).join(", ")}.`,
    );

  return {
    hasChildren: (id) => (children.get(id.toLowerCase())?.length ?? 0) > 0,
    childrenOf: (id) =>
      (children.get(id.toLowerCase()) ?? [])
        .slice()
        .sort(bySequence)
        .map((c) => c.item),
  };
}
