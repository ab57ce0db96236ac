import type { UnitFile } from "../schema";
import { caseIds } from "./identifiers";
import {
  allItemTypes,
  criterionTypes,
  groupTypes,
  type ItemTypeDefinition,
  rangeItemType,
  requirementItemType,
  requirementType,
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

/** Collects a package's items and their isChildOf associations, and the item types they use. */
class PackageWriter {
  readonly items: CFItem[] = [];
  readonly associations: CFAssociation[] = [];
  private readonly usedTypes = new Set<ItemTypeDefinition>();

  constructor(
    private readonly code: string,
    private readonly versionNumber: number,
    private readonly baseUrl: string,
    /** lastChangeDateTime of every object. */
    readonly changed: string,
  ) {}

  typeLink(type: ItemTypeDefinition): LinkURI {
    this.usedTypes.add(type);
    const identifier = caseIds.itemType(type.title);
    return { title: type.title, identifier, uri: caseUri(this.baseUrl, "CFItemTypes", identifier) };
  }

  /** Adds an item as child number `position` (0-based) of `parent`; returns the link to it. */
  addItem(
    identifier: string,
    type: ItemTypeDefinition,
    fullStatement: string,
    position: number,
    parent: LinkURI,
    extra: ItemExtra = {},
  ): LinkURI {
    const uri = caseUri(this.baseUrl, "CFItems", identifier);
    const notes = writeNotes(extra.notes ?? []);
    this.items.push({
      identifier,
      uri,
      CFItemType: type.title,
      ...(extra.humanCodingScheme !== undefined && { humanCodingScheme: extra.humanCodingScheme }),
      listEnumeration: String(position + 1),
      fullStatement,
      ...(notes !== undefined && { notes }),
      CFItemTypeURI: this.typeLink(type),
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
    return allItemTypes
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

/** Groups -> criteria -> range items, then the evidence requirements and their items, under the document. */
function addUnitItems(writer: PackageWriter, unit: UnitFile, versionNumber: number, documentLink: LinkURI): void {
  const { code } = unit;
  unit.groups.forEach((group, g) => {
    const groupLink = writer.addItem(
      caseIds.group(code, versionNumber, g),
      groupTypes[group.kind],
      group.title,
      g,
      documentLink,
      {
        humanCodingScheme: group.ref,
        notes: [...many("Assessment method", group.assessmentMethods), ...many("Note", group.notes)],
      },
    );
    group.criteria.forEach((criterion, c) => {
      const criterionLink = writer.addItem(
        caseIds.criterion(code, versionNumber, criterion.kind, criterion.ref),
        criterionTypes[criterion.kind],
        criterion.text,
        c,
        groupLink,
        {
          humanCodingScheme: criterion.ref,
          notes: criterionNotes(criterion),
        },
      );
      criterion.range?.items.forEach((text, i) =>
        writer.addItem(
          caseIds.rangeItem(code, versionNumber, criterion.kind, criterion.ref, i),
          rangeItemType,
          text,
          i,
          criterionLink,
        ),
      );
    });
  });
  unit.evidenceRequirements.forEach((requirement, r) => {
    const requirementLink = writer.addItem(
      caseIds.requirement(code, versionNumber, requirement.ref),
      requirementType,
      requirement.text,
      unit.groups.length + r,
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

/** The single-object form of an item (GET /CFItems/{id}): adds CFDocumentURI. */
export function standaloneItem(pkg: CFPackage, item: CFItem): CFItem {
  const doc = pkg.CFDocument;
  return { ...item, CFDocumentURI: { title: doc.title, identifier: doc.identifier, uri: doc.uri } };
}
