import type { CrosswalkRelation } from "../crosswalk-schema";
import type { CaseNode, Criterion, CriterionKind, UnitFile } from "../schema";
import { caseIdentifier, caseIds } from "./identifiers";
import {
  allItemTypes,
  criterionTypes,
  groupTypes,
  type ItemTypeDefinition,
  rangeItemType,
  requirementItemType,
  requirementType,
  typeKey,
} from "./item-types";
import { criterionNotes, documentNotes, many, type NoteEntry, requirementNotes, writeNotes } from "./notes";
import type { CFAssociation, CFDocument, CFItem, CFItemTypeDefinition, CFPackage, LinkURI } from "./types";

// 1EdTech CASE 1.0 export of a unit version (the CFPackage, CFDocument, CFItem and CFAssociation shapes).
//
// Packages are kept strictly valid against the CASE 1.0 OpenAPI, which forbids extra
// properties: no `extensions` object (that is CASE 1.1), no humanCodingScheme on the
// CFDocument, no CFPackageURI/CFDocumentURI inside a package (only on the single-object
// responses). What has no CASE field of its own goes into `notes` (./notes.ts), so that
// casePackageToUnit (./import.ts) reads everything back.

export type CasePackageOptions = {
  /** Origin the URIs point at, e.g. https://portfolio.example.org (no trailing slash needed). */
  baseUrl: string;
  /** When this version was imported. Without it: the unit's approval date, else 1970-01-01, so the output stays deterministic. */
  lastChangeDateTime?: Date | string;
  /** The crosswalk pairs touching this unit version, written as exactMatchOf / isRelatedTo associations. */
  associations?: readonly PackageAssociation[];
};

/** RFC 3339 with an explicit zone, written as OpenSALT writes it: 2025-01-15T10:00:00+00:00. */
function caseDateTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString().replace(/(\.\d+)?Z$/, "+00:00");
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+00:00` : value;
}

const trimBase = (baseUrl: string) => baseUrl.replace(/\/+$/, "");
type CaseCollection = "CFDocuments" | "CFPackages" | "CFItems" | "CFAssociations" | "CFItemTypes";
const caseUri = (baseUrl: string, collection: CaseCollection, identifier: string) =>
  `${trimBase(baseUrl)}/ims/case/v1p0/${collection}/${identifier}`;

type ItemExtra = { humanCodingScheme?: string; notes?: NoteEntry[] };

/** An item type another system published, kept for items imported from its framework (ADR 0022). */
const importedItemType = (title: string): ItemTypeDefinition => ({
  title,
  typeCode: title,
  description: `An item type of the CASE framework this unit was imported from.`,
});

/** A crosswalk pair touching the unit, as its package writes it: from the unit's criterion to the other unit's. */
export type PackageAssociation = {
  relation: CrosswalkRelation;
  own: { kind: CriterionKind; ref: string };
  other: { unit: string; versionNumber: number; kind: CriterionKind; ref: string; text: string };
};

/** Collects a package's items and their isChildOf associations, and the item types they use. */
class PackageWriter {
  readonly items: CFItem[] = [];
  readonly associations: CFAssociation[] = [];
  private readonly usedTypes = new Set<ItemTypeDefinition>();
  private readonly importedTypes = new Map<string, ItemTypeDefinition>();
  private readonly childCount = new Map<string, number>();

  constructor(
    private readonly code: string,
    private readonly versionNumber: number,
    readonly baseUrl: string,
    /** lastChangeDateTime of every object. */
    readonly changed: string,
  ) {}

  /** The definition of an imported item type, one per title. */
  importedType(title: string): ItemTypeDefinition {
    const known = this.importedTypes.get(title) ?? importedItemType(title);
    this.importedTypes.set(title, known);
    return known;
  }

  /** The position the next child of `parent` takes (0-based). */
  nextPosition(parent: LinkURI): number {
    const position = this.childCount.get(parent.identifier) ?? 0;
    this.childCount.set(parent.identifier, position + 1);
    return position;
  }

  typeLink(type: ItemTypeDefinition): LinkURI {
    this.usedTypes.add(type);
    const identifier = caseIds.itemType(type.title);
    return { title: type.title, identifier, uri: caseUri(this.baseUrl, "CFItemTypes", identifier) };
  }

  /** Adds an item as child number `position` (0-based) of `parent`; returns the link to it. */
  addItem(
    identifier: string,
    type: ItemTypeDefinition | undefined,
    fullStatement: string,
    position: number,
    parent: LinkURI,
    extra: ItemExtra = {},
  ): LinkURI {
    const uri = caseUri(this.baseUrl, "CFItems", identifier);
    const notes = writeNotes(extra.notes ?? []);
    this.childCount.set(parent.identifier, Math.max(this.childCount.get(parent.identifier) ?? 0, position + 1));
    this.items.push({
      identifier,
      uri,
      ...(type && { CFItemType: type.title }),
      ...(extra.humanCodingScheme !== undefined && { humanCodingScheme: extra.humanCodingScheme }),
      listEnumeration: String(position + 1),
      fullStatement,
      ...(notes !== undefined && { notes }),
      ...(type && { CFItemTypeURI: this.typeLink(type) }),
      lastChangeDateTime: this.changed,
    });
    const link: LinkURI = { title: fullStatement, identifier, uri };
    const associationId = caseIds.childOf(this.code, this.versionNumber, identifier);
    this.associations.push({
      identifier: associationId,
      associationType: "isChildOf",
      uri: caseUri(this.baseUrl, "CFAssociations", associationId),
      originNodeURI: link,
      destinationNodeURI: parent,
      sequenceNumber: position + 1,
      lastChangeDateTime: this.changed,
    });
    return link;
  }

  /** The definitions of the item types used so far, numbered in the order of allItemTypes. */
  itemTypeDefinitions(): CFItemTypeDefinition[] {
    return [...allItemTypes, ...this.importedTypes.values()]
      .map((type, index) => ({ type, hierarchyCode: String(index + 1) }))
      .filter(({ type }) => this.usedTypes.has(type))
      .map(({ type, hierarchyCode }) => {
        const link = this.typeLink(type);
        return {
          identifier: link.identifier,
          uri: link.uri,
          title: type.title,
          description: type.description,
          hierarchyCode,
          typeCode: type.typeCode,
          lastChangeDateTime: this.changed,
        };
      });
  }
}

/** The identifier of the association a unit's package writes for a crosswalk pair (origin: the unit's criterion). */
export function crosswalkAssociationId(code: string, versionNumber: number, association: PackageAssociation): string {
  const { own, other, relation } = association;
  return caseIdentifier(
    code,
    versionNumber,
    "crosswalk",
    relation,
    own.kind,
    own.ref,
    other.unit,
    other.versionNumber,
    other.kind,
    other.ref,
  );
}

/** The crosswalk pairs as exactMatchOf (exact) and isRelatedTo (close) associations, to the other unit's own CFItem. */
function addCrosswalkAssociations(
  writer: PackageWriter,
  unit: UnitFile,
  versionNumber: number,
  associations: readonly PackageAssociation[],
): void {
  for (const association of associations) {
    const { own, other, relation } = association;
    const origin = writer.items.find(
      (item) => item.identifier === caseIds.criterion(unit.code, versionNumber, own.kind, own.ref),
    );
    if (!origin) continue;
    const otherId = caseIds.criterion(other.unit, other.versionNumber, other.kind, other.ref);
    const identifier = crosswalkAssociationId(unit.code, versionNumber, association);
    writer.associations.push({
      identifier,
      associationType: relation === "exact" ? "exactMatchOf" : "isRelatedTo",
      uri: caseUri(writer.baseUrl, "CFAssociations", identifier),
      originNodeURI: { title: origin.fullStatement, identifier: origin.identifier, uri: origin.uri },
      destinationNodeURI: { title: other.text, identifier: otherId, uri: caseUri(writer.baseUrl, "CFItems", otherId) },
      lastChangeDateTime: writer.changed,
    });
  }
}

/** Our item type of that title, else the imported one; none when the source gave none. */
function typeNamed(writer: PackageWriter, title: string | undefined): ItemTypeDefinition | undefined {
  if (title === undefined) return undefined;
  return allItemTypes.find((type) => typeKey(type.title) === typeKey(title)) ?? writer.importedType(title);
}

type ImportedNodes = Map<string, LinkURI>;

/** An item of an imported framework's path, written once however many groups sit below it. */
function addImportedNode(
  writer: PackageWriter,
  unitVersion: [string, number],
  node: CaseNode,
  statement: string,
  parent: LinkURI,
  seen: ImportedNodes,
  notes: NoteEntry[] = [],
): LinkURI {
  const known = seen.get(node.identifier);
  if (known) return known;
  const link = writer.addItem(
    caseIdentifier(...unitVersion, "case", node.identifier),
    typeNamed(writer, node.itemType),
    node.fullStatement ?? statement,
    writer.nextPosition(parent),
    parent,
    { humanCodingScheme: node.humanCodingScheme, notes },
  );
  seen.set(node.identifier, link);
  return link;
}

/** The item a group's criteria hang from: ours, an imported framework's item (after its path), or the document. */
function groupParent(writer: PackageWriter, unit: UnitFile, v: number, g: number, doc: LinkURI, seen: ImportedNodes) {
  const group = unit.groups[g] as UnitFile["groups"][number];
  const notes = [...many("Assessment method", group.assessmentMethods), ...many("Note", group.notes)];
  if (!group.case) {
    const id = caseIds.group(unit.code, v, g);
    return writer.addItem(id, groupTypes[group.kind], group.title, writer.nextPosition(doc), doc, {
      humanCodingScheme: group.ref,
      notes,
    });
  }
  let parent = doc;
  for (const ancestor of group.case.ancestors)
    parent = addImportedNode(writer, [unit.code, v], ancestor, ancestor.fullStatement ?? "", parent, seen);
  const item = group.case.item;
  return item ? addImportedNode(writer, [unit.code, v], item, group.title, parent, seen, notes) : parent;
}

function addCriterion(writer: PackageWriter, unit: UnitFile, v: number, criterion: Criterion, parent: LinkURI) {
  const source = criterion.case;
  const criterionLink = writer.addItem(
    caseIds.criterion(unit.code, v, criterion.kind, criterion.ref),
    source ? typeNamed(writer, source.itemType) : criterionTypes[criterion.kind],
    source?.fullStatement ?? criterion.text,
    writer.nextPosition(parent),
    parent,
    { humanCodingScheme: source ? source.humanCodingScheme : criterion.ref, notes: criterionNotes(criterion) },
  );
  criterion.range?.items.forEach((text, i) =>
    writer.addItem(
      caseIds.rangeItem(unit.code, v, criterion.kind, criterion.ref, i),
      rangeItemType,
      text,
      writer.nextPosition(criterionLink),
      criterionLink,
    ),
  );
}

/** Groups -> criteria -> range items, then the evidence requirements and their items, under the document. */
function addUnitItems(writer: PackageWriter, unit: UnitFile, versionNumber: number, documentLink: LinkURI): void {
  const { code } = unit;
  const seen: ImportedNodes = new Map();
  unit.groups.forEach((group, g) => {
    const parent = groupParent(writer, unit, versionNumber, g, documentLink, seen);
    for (const criterion of group.criteria) addCriterion(writer, unit, versionNumber, criterion, parent);
  });
  unit.evidenceRequirements.forEach((requirement) => {
    const requirementLink = writer.addItem(
      caseIds.requirement(code, versionNumber, requirement.ref),
      requirementType,
      requirement.text,
      writer.nextPosition(documentLink),
      documentLink,
      {
        humanCodingScheme: requirement.ref,
        notes: requirementNotes(requirement),
      },
    );
    requirement.items.forEach((item, i) =>
      writer.addItem(
        caseIds.requirementItem(code, versionNumber, requirement.ref, i),
        requirementItemType,
        item.text,
        i,
        requirementLink,
        { humanCodingScheme: item.ref },
      ),
    );
  });
}

function caseDocument(unit: UnitFile, versionNumber: number, documentLink: LinkURI, changed: string): CFDocument {
  const m = unit.metadata;
  const creator = m.developedBy ?? m.awardingBody ?? m.originatingOrganisation ?? "Unknown";
  const publisher = [m.awardingBody, m.originatingOrganisation].find((body) => body !== undefined && body !== creator);
  const description = [...(m.overview ?? []), ...(m.aims ?? [])].join("\n\n");
  const notes = writeNotes(documentNotes(unit));
  return {
    identifier: documentLink.identifier,
    uri: documentLink.uri,
    creator,
    title: unit.title,
    lastChangeDateTime: changed,
    ...(publisher !== undefined && { publisher }),
    ...(description !== "" && { description }),
    ...(m.suite !== undefined && { subject: [m.suite] }),
    language: "en",
    version: String(versionNumber),
    adoptionStatus: "Adopted",
    ...(m.approvedOn !== undefined && { statusStartDate: m.approvedOn }),
    ...(notes !== undefined && { notes }),
  };
}

/** One version of a unit as a CASE 1.0 CFPackage. Everything in the unit file can be read back with casePackageToUnit. */
export function unitToCasePackage(unit: UnitFile, versionNumber: number, opts: CasePackageOptions): CFPackage {
  const changed = caseDateTime(opts.lastChangeDateTime ?? unit.metadata.approvedOn ?? "1970-01-01");
  const writer = new PackageWriter(unit.code, versionNumber, opts.baseUrl, changed);
  const documentId = caseIds.document(unit.code, versionNumber);
  const documentLink: LinkURI = {
    title: unit.title,
    identifier: documentId,
    uri: caseUri(opts.baseUrl, "CFDocuments", documentId),
  };
  addUnitItems(writer, unit, versionNumber, documentLink);
  addCrosswalkAssociations(writer, unit, versionNumber, opts.associations ?? []);
  return {
    CFDocument: caseDocument(unit, versionNumber, documentLink, changed),
    CFItems: writer.items,
    CFAssociations: writer.associations,
    CFDefinitions: { CFItemTypes: writer.itemTypeDefinitions() },
  };
}

/** The single-object form of the package's document (GET /CFDocuments[/{id}]): adds CFPackageURI. */
export function standaloneDocument(pkg: CFPackage, baseUrl: string): CFDocument {
  const doc = pkg.CFDocument;
  return {
    ...doc,
    CFPackageURI: { title: doc.title, identifier: doc.identifier, uri: caseUri(baseUrl, "CFPackages", doc.identifier) },
  };
}

/** The single-object form of an association (GET /CFAssociations/{id}): adds CFDocumentURI. */
export function standaloneAssociation(pkg: CFPackage, association: CFAssociation): CFAssociation {
  const doc = pkg.CFDocument;
  return { ...association, CFDocumentURI: { title: doc.title, identifier: doc.identifier, uri: doc.uri } };
}

/** The single-object form of an item (GET /CFItems/{id}): adds CFDocumentURI. */
export function standaloneItem(pkg: CFPackage, item: CFItem): CFItem {
  const doc = pkg.CFDocument;
  return { ...item, CFDocumentURI: { title: doc.title, identifier: doc.identifier, uri: doc.uri } };
}
