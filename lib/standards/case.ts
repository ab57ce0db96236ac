import { v5 as uuidv5 } from "uuid";
import { z } from "zod";
import type { Db } from "../db/client";
import { importUnit, type ImportOutcome } from "./import";
import { type CriterionKind, type EvidenceRequirement, type Group, type Range, UnitFile } from "./schema";

// 1EdTech CASE 1.0 export and import of a unit (1EdTech CASE 1.0: the CFPackage, CFDocument, CFItem and CFAssociation shapes).
//
// Packages are kept strictly valid against the CASE 1.0 OpenAPI, which forbids extra
// properties: no `extensions` object (that is CASE 1.1), no humanCodingScheme on the
// CFDocument, no CFPackageURI/CFDocumentURI inside a package (only on the single-object
// responses). What has no CASE field of its own (unit code and kind, metadata, group methods
// and notes, range title/rule/guidance, requirement checks) is written into the object's
// `notes` as "Label: value" lines, readable by people and parsed back by casePackageToUnit.
// A value with line breaks continues on lines indented by two spaces.

// ---------------------------------------------------------------------------------------
// Identifiers

/**
 * Namespace of every CASE identifier this application mints (UUID v5). Never change it:
 * identifiers already published (in CASE mirrors, in Open Badges alignments) derive from it.
 */
export const CASE_NAMESPACE = "65acf87d-49f1-4cc7-bb10-8d3c669ac17f";

/** A name-based UUID (v5): the same parts give the same identifier on every install. */
export function caseIdentifier(...parts: (string | number)[]): string {
  return uuidv5(JSON.stringify(parts.map(String)), CASE_NAMESPACE);
}

/** The identifiers of a unit version's CASE objects. Positions are 0-based, as in the database. */
export const caseIds = {
  document: (code: string, version: number) => caseIdentifier(code, version),
  group: (code: string, version: number, groupPosition: number) => caseIdentifier(code, version, "group", groupPosition),
  // The kind is part of the name: CFAM&LFD3 has performance criterion "1" and skill "1".
  criterion: (code: string, version: number, kind: CriterionKind, ref: string) => caseIdentifier(code, version, kind, ref),
  rangeItem: (code: string, version: number, kind: CriterionKind, ref: string, itemPosition: number) =>
    caseIdentifier(code, version, kind, ref, "range", itemPosition),
  requirement: (code: string, version: number, ref: string) => caseIdentifier(code, version, "requirement", ref),
  requirementItem: (code: string, version: number, requirementRef: string, itemPosition: number) =>
    caseIdentifier(code, version, "requirement", requirementRef, "item", itemPosition),
  childOf: (code: string, version: number, childIdentifier: string) => caseIdentifier(code, version, "isChildOf", childIdentifier),
  itemType: (title: string) => caseIdentifier("CFItemType", title),
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The identifier in a CASE path segment (lower-cased; OpenSALT also accepts a ".json" suffix), or null if it is not a UUID. */
export function parseCaseId(segment: string): string | null {
  const id = segment.replace(/\.json$/i, "").toLowerCase();
  return uuidPattern.test(id) ? id : null;
}

// ---------------------------------------------------------------------------------------
// CASE 1.0 types (the package form)

export type LinkURI = { title: string; identifier: string; uri: string };

export type CFDocument = {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  publisher?: string;
  description?: string;
  subject?: string[];
  language?: string;
  version?: string;
  adoptionStatus?: string;
  statusStartDate?: string;
  notes?: string;
  /** Only on the single-object form (GET /CFDocuments, /CFDocuments/{id}). */
  CFPackageURI?: LinkURI;
};

export type CFItem = {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme?: string;
  listEnumeration?: string;
  CFItemType?: string;
  CFItemTypeURI?: LinkURI;
  notes?: string;
  lastChangeDateTime: string;
  /** Only on the single-object form (GET /CFItems/{id}). */
  CFDocumentURI?: LinkURI;
};

export type CFAssociation = {
  identifier: string;
  associationType: "isChildOf";
  uri: string;
  originNodeURI: LinkURI;
  destinationNodeURI: LinkURI;
  sequenceNumber: number;
  lastChangeDateTime: string;
};

export type CFItemTypeDefinition = {
  identifier: string;
  uri: string;
  title: string;
  description: string;
  hierarchyCode: string;
  typeCode: string;
  lastChangeDateTime: string;
};

export type CFPackage = {
  CFDocument: CFDocument;
  CFItems: CFItem[];
  CFAssociations: CFAssociation[];
  CFDefinitions: { CFItemTypes: CFItemTypeDefinition[] };
};

// ---------------------------------------------------------------------------------------
// Item types (free text in CASE; declared in the package's CFDefinitions.CFItemTypes)

type GroupKind = Group["kind"];
type ItemTypeDefinition = { title: string; typeCode: string; description: string };

const groupTypes: Record<GroupKind, ItemTypeDefinition> = {
  learningOutcome: { title: "Learning Outcome", typeCode: "group.learningOutcome", description: "A learning outcome of a qualification unit; its assessment criteria are its children." },
  performanceCriteria: { title: "Performance Criteria Group", typeCode: "group.performanceCriteria", description: "The performance criteria of a standard (\"You must be able to\")." },
  outcomes: { title: "Outcomes Group", typeCode: "group.outcomes", description: "The outcomes of effective performance." },
  behaviours: { title: "Behaviours Group", typeCode: "group.behaviours", description: "The behaviours which underpin effective performance." },
  knowledge: { title: "Knowledge Group", typeCode: "group.knowledge", description: "A group of knowledge and understanding statements." },
  skills: { title: "Skills Group", typeCode: "group.skills", description: "The skills a standard lists." },
};

const criterionTypes: Record<CriterionKind, ItemTypeDefinition> = {
  performance: { title: "Performance Criterion", typeCode: "criterion.performance", description: "Something the candidate must be able to do at work." },
  assessment: { title: "Assessment Criterion", typeCode: "criterion.assessment", description: "What the candidate must show to meet a learning outcome." },
  outcome: { title: "Outcome", typeCode: "criterion.outcome", description: "An outcome of effective performance." },
  knowledge: { title: "Knowledge", typeCode: "criterion.knowledge", description: "Something the candidate must know and understand." },
  behaviour: { title: "Behaviour", typeCode: "criterion.behaviour", description: "A behaviour which underpins effective performance." },
  skill: { title: "Skill", typeCode: "criterion.skill", description: "A skill the candidate must show." },
};

const rangeItemType: ItemTypeDefinition = {
  title: "Range Item",
  typeCode: "rangeItem",
  description: "One item of a criterion's range. The criterion's notes give the range heading, how many items the evidence must cover, and guidance.",
};
const requirementType: ItemTypeDefinition = {
  title: "Evidence Requirement",
  typeCode: "requirement",
  description: "A rule about the evidence for the whole unit, checked when the unit is signed off.",
};
const requirementItemType: ItemTypeDefinition = { title: "Evidence Requirement Item", typeCode: "requirement.item", description: "One item an evidence requirement lists." };

const allItemTypes: ItemTypeDefinition[] = [...Object.values(groupTypes), ...Object.values(criterionTypes), rangeItemType, requirementType, requirementItemType];

const typeKey = (type: string | null | undefined) => (type ?? "").trim().replace(/\s+/g, " ").toLowerCase();
const groupKindByType = new Map(Object.entries(groupTypes).map(([kind, def]) => [typeKey(def.title), kind as GroupKind]));
const criterionKindByType = new Map(Object.entries(criterionTypes).map(([kind, def]) => [typeKey(def.title), kind as CriterionKind]));

const groupKindForCriterion: Record<CriterionKind, GroupKind> = {
  performance: "performanceCriteria",
  assessment: "learningOutcome",
  outcome: "outcomes",
  knowledge: "knowledge",
  behaviour: "behaviours",
  skill: "skills",
};
const criterionKindForGroup: Record<GroupKind, CriterionKind> = {
  learningOutcome: "assessment",
  performanceCriteria: "performance",
  outcomes: "outcome",
  behaviours: "behaviour",
  knowledge: "knowledge",
  skills: "skill",
};

// ---------------------------------------------------------------------------------------
// "Label: value" notes

type NoteEntry = readonly [label: string, value: string];

const one = (label: string, value: string | undefined): NoteEntry[] => (value === undefined ? [] : [[label, value]]);
const many = (label: string, values: readonly string[] | undefined): NoteEntry[] => (values ?? []).map((value) => [label, value] as const);

function writeNotes(entries: readonly NoteEntry[]): string | undefined {
  if (entries.length === 0) return undefined;
  return entries.map(([label, value]) => `${label}: ${value.replace(/\n/g, "\n  ")}`).join("\n");
}

type ParsedNotes = {
  first(label: string): string | undefined;
  all(label: string): string[];
  has(label: string): boolean;
  /** Text that is not a "Label: value" line of ours, e.g. prose notes written by another system. */
  other: string | undefined;
};

function readNotes(notes: string | null | undefined, labels: readonly string[]): ParsedNotes {
  const entries: { label: string; value: string }[] = [];
  const other: string[] = [];
  let current: { label: string; value: string } | undefined;
  for (const line of (notes ?? "").split("\n")) {
    if (current && line.startsWith("  ")) {
      current.value += `\n${line.slice(2)}`;
      continue;
    }
    const match = /^([^:\n]+): (.*)$/.exec(line);
    const label = match?.[1];
    if (label !== undefined && labels.includes(label)) {
      current = { label, value: match?.[2] ?? "" };
      entries.push(current);
    } else {
      current = undefined;
      other.push(line);
    }
  }
  const all = (label: string) => entries.filter((e) => e.label === label).map((e) => e.value);
  const rest = other.join("\n").trim();
  return { all, first: (label) => all(label)[0], has: (label) => all(label).length > 0, other: rest === "" ? undefined : rest };
}

const unitKindLabels: Record<UnitFile["kind"], string> = {
  nationalOccupationalStandard: "National Occupational Standard",
  qualificationUnit: "Qualification unit",
};

const metadataTexts = [
  ["developedBy", "Developed by"],
  ["originatingOrganisation", "Originating organisation"],
  ["awardingBody", "Awarding body"],
  ["suite", "Suite"],
  ["level", "Level"],
  ["version", "Source version"],
  ["approvedOn", "Approved on"],
  ["reviewOn", "Review on"],
  ["originalUrn", "Original URN"],
] as const;
const metadataLists = [
  ["relevantOccupations", "Relevant occupation"],
  ["keywords", "Keyword"],
  ["overview", "Overview"],
  ["aims", "Aim"],
] as const;
const documentLabels = [
  "Unit code",
  "Unit kind",
  ...metadataTexts.map(([, label]) => label),
  "Credit value",
  ...metadataLists.map(([, label]) => label),
  "Note",
  "Transcription note",
];
const groupLabels = ["Assessment method", "Note"];
const criterionLabels = ["Guidance", "Range", "Range rule", "Range guidance"];
const requirementChecks = [
  ["realWorkOnly", "Real work only"],
  ["simulationAllowed", "Simulation allowed"],
  ["eachItemEvidenced", "Each item evidenced"],
  ["sufficientPeriod", "Sufficient period"],
] as const;
const requirementLabels = requirementChecks.map(([, label]) => label);

function documentNotes(unit: UnitFile): NoteEntry[] {
  const m = unit.metadata;
  return [
    ["Unit code", unit.code],
    ["Unit kind", unitKindLabels[unit.kind]],
    ...metadataTexts.flatMap(([key, label]) => one(label, m[key])),
    ...one("Credit value", m.creditValue === undefined ? undefined : String(m.creditValue)),
    ...metadataLists.flatMap(([key, label]) => many(label, m[key])),
    ...many("Note", unit.notes),
    ...many("Transcription note", unit.transcriptionNotes),
  ];
}

function rangeRuleText(range: Range): string {
  if (range.rule === null) return "not stated";
  if (range.rule.rule === "all") return "all items";
  return `at least ${range.rule.n} of the ${range.items.length} items`;
}

function parseRangeRule(text: string | undefined): Range["rule"] | "unknown" {
  if (text === undefined || /^not stated$/i.test(text.trim())) return null;
  if (/^all\b/i.test(text.trim())) return { rule: "all" };
  const atLeast = /^at least (\d+)\b/i.exec(text.trim());
  if (atLeast?.[1]) return { rule: "atLeast", n: Number(atLeast[1]) };
  return "unknown";
}

function criterionNotes(criterion: UnitFile["groups"][number]["criteria"][number]): NoteEntry[] {
  const range = criterion.range;
  return [
    ...many("Guidance", criterion.guidance),
    ...(range ? [...one("Range", range.title), ["Range rule", rangeRuleText(range)] as const, ...many("Range guidance", range.guidance)] : []),
  ];
}

function requirementNotes(requirement: EvidenceRequirement): NoteEntry[] {
  return requirementChecks.flatMap(([key, label]) => one(label, requirement.checks[key] === undefined ? undefined : requirement.checks[key] ? "yes" : "no"));
}

// ---------------------------------------------------------------------------------------
// Export

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
const caseUri = (baseUrl: string, collection: CaseCollection, identifier: string) => `${trimBase(baseUrl)}/ims/case/v1p0/${collection}/${identifier}`;

/** One version of a unit as a CASE 1.0 CFPackage. Everything in the unit file can be read back with casePackageToUnit. */
export function unitToCasePackage(unit: UnitFile, versionNumber: number, opts: CasePackageOptions): CFPackage {
  const { code } = unit;
  const changed = caseDateTime(opts.lastChangeDateTime ?? unit.metadata.approvedOn ?? "1970-01-01");
  const usedTypes = new Set<ItemTypeDefinition>();
  const typeLink = (type: ItemTypeDefinition): LinkURI => {
    usedTypes.add(type);
    const identifier = caseIds.itemType(type.title);
    return { title: type.title, identifier, uri: caseUri(opts.baseUrl, "CFItemTypes", identifier) };
  };

  const documentId = caseIds.document(code, versionNumber);
  const documentLink: LinkURI = { title: unit.title, identifier: documentId, uri: caseUri(opts.baseUrl, "CFDocuments", documentId) };
  const items: CFItem[] = [];
  const associations: CFAssociation[] = [];

  const addItem = (
    identifier: string,
    type: ItemTypeDefinition,
    fullStatement: string,
    position: number,
    parent: LinkURI,
    extra: { humanCodingScheme?: string; notes?: NoteEntry[] } = {},
  ): LinkURI => {
    const uri = caseUri(opts.baseUrl, "CFItems", identifier);
    const notes = writeNotes(extra.notes ?? []);
    items.push({
      identifier,
      uri,
      CFItemType: type.title,
      ...(extra.humanCodingScheme !== undefined && { humanCodingScheme: extra.humanCodingScheme }),
      listEnumeration: String(position + 1),
      fullStatement,
      ...(notes !== undefined && { notes }),
      CFItemTypeURI: typeLink(type),
      lastChangeDateTime: changed,
    });
    const link: LinkURI = { title: fullStatement, identifier, uri };
    const associationId = caseIds.childOf(code, versionNumber, identifier);
    associations.push({
      identifier: associationId,
      associationType: "isChildOf",
      uri: caseUri(opts.baseUrl, "CFAssociations", associationId),
      originNodeURI: link,
      destinationNodeURI: parent,
      sequenceNumber: position + 1,
      lastChangeDateTime: changed,
    });
    return link;
  };

  unit.groups.forEach((group, g) => {
    const groupLink = addItem(caseIds.group(code, versionNumber, g), groupTypes[group.kind], group.title, g, documentLink, {
      humanCodingScheme: group.ref,
      notes: [...many("Assessment method", group.assessmentMethods), ...many("Note", group.notes)],
    });
    group.criteria.forEach((criterion, c) => {
      const criterionLink = addItem(caseIds.criterion(code, versionNumber, criterion.kind, criterion.ref), criterionTypes[criterion.kind], criterion.text, c, groupLink, {
        humanCodingScheme: criterion.ref,
        notes: criterionNotes(criterion),
      });
      criterion.range?.items.forEach((text, i) =>
        addItem(caseIds.rangeItem(code, versionNumber, criterion.kind, criterion.ref, i), rangeItemType, text, i, criterionLink),
      );
    });
  });
  unit.evidenceRequirements.forEach((requirement, r) => {
    const requirementLink = addItem(caseIds.requirement(code, versionNumber, requirement.ref), requirementType, requirement.text, unit.groups.length + r, documentLink, {
      humanCodingScheme: requirement.ref,
      notes: requirementNotes(requirement),
    });
    requirement.items.forEach((item, i) =>
      addItem(caseIds.requirementItem(code, versionNumber, requirement.ref, i), requirementItemType, item.text, i, requirementLink, { humanCodingScheme: item.ref }),
    );
  });

  const m = unit.metadata;
  const creator = m.developedBy ?? m.awardingBody ?? m.originatingOrganisation ?? "Unknown";
  const publisher = [m.awardingBody, m.originatingOrganisation].find((body) => body !== undefined && body !== creator);
  const description = [...(m.overview ?? []), ...(m.aims ?? [])].join("\n\n");
  const notes = writeNotes(documentNotes(unit));
  const document: CFDocument = {
    identifier: documentId,
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

  const itemTypeDefinitions = allItemTypes
    .map((type, index) => ({ type, hierarchyCode: String(index + 1) }))
    .filter(({ type }) => usedTypes.has(type))
    .map(({ type, hierarchyCode }) => {
      const link = typeLink(type);
      return { identifier: link.identifier, uri: link.uri, title: type.title, description: type.description, hierarchyCode, typeCode: type.typeCode, lastChangeDateTime: changed };
    });

  return { CFDocument: document, CFItems: items, CFAssociations: associations, CFDefinitions: { CFItemTypes: itemTypeDefinitions } };
}

/** The single-object form of the package's document (GET /CFDocuments[/{id}]): adds CFPackageURI. */
export function standaloneDocument(pkg: CFPackage, baseUrl: string): CFDocument {
  const doc = pkg.CFDocument;
  return { ...doc, CFPackageURI: { title: doc.title, identifier: doc.identifier, uri: caseUri(baseUrl, "CFPackages", doc.identifier) } };
}

/** The single-object form of an item (GET /CFItems/{id}): adds CFDocumentURI. */
export function standaloneItem(pkg: CFPackage, item: CFItem): CFItem {
  const doc = pkg.CFDocument;
  return { ...item, CFDocumentURI: { title: doc.title, identifier: doc.identifier, uri: doc.uri } };
}

/** A CASE imsx_StatusInfo error body. */
export function caseErrorBody(description: string, codeMinor: "invalid_uuid" | "unknownobject") {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "sourcedId", imsx_codeMinorFieldValue: codeMinor }] },
  } as const;
}

// ---------------------------------------------------------------------------------------
// Import

/** A package that cannot become a unit. The message is one line and names the offending object. */
export class CaseImportError extends Error {
  override name = "CaseImportError";
}

export type CaseImportOptions = {
  /** Import under this code instead of the one the package gives. */
  code?: string;
  /** Told about every assumption made for a package not written by this application. */
  warn?: (message: string) => void;
};

// Tolerant on purpose (docs: "Importing packages written by other systems"): only what the
// conversion reads is checked, dates are not, unknown properties are allowed.
const optionalText = z.string().nullish();
const NodeLink = z.looseObject({ identifier: z.string().min(1), uri: z.string().nullish(), title: z.string().nullish() });
const ItemInput = z.looseObject({
  identifier: z.string().min(1),
  fullStatement: optionalText,
  alternativeLabel: optionalText,
  abbreviatedStatement: optionalText,
  humanCodingScheme: optionalText,
  listEnumeration: z.union([z.string(), z.number()]).nullish(),
  CFItemType: optionalText,
  notes: optionalText,
});
type ItemInput = z.infer<typeof ItemInput>;
const AssociationInput = z.looseObject({
  identifier: z.string().nullish(),
  associationType: z.string(),
  sequenceNumber: z.union([z.number(), z.string()]).nullish(),
  originNodeURI: NodeLink,
  destinationNodeURI: NodeLink,
});
const PackageInput = z.looseObject({
  CFDocument: z.looseObject({
    identifier: z.string().min(1),
    title: z.string(),
    creator: optionalText,
    description: optionalText,
    version: optionalText,
    statusStartDate: optionalText,
    notes: optionalText,
    // Not CASE 1.0, but some exporters put the framework's code there.
    humanCodingScheme: optionalText,
  }),
  CFItems: z.array(ItemInput).nullish(),
  CFAssociations: z.array(AssociationInput).nullish(),
});

function issuePath(path: readonly PropertyKey[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("") || "(root)";
}

const statementOf = (item: ItemInput) => [item.fullStatement, item.alternativeLabel, item.abbreviatedStatement].map((s) => s?.trim()).find((s) => s) ?? "";

function describeItem(item: ItemInput): string {
  const code = item.humanCodingScheme?.trim();
  const statement = statementOf(item);
  const short = statement.length > 50 ? `${statement.slice(0, 47)}...` : statement;
  return `CFItem ${item.identifier}${code ? ` (${code})` : ""}${short ? ` "${short}"` : ""}`;
}

const nonEmpty = <T>(values: T[]): T[] | undefined => (values.length > 0 ? values : undefined);

/**
 * Rebuilds a unit from a CFPackage: the tree comes from the isChildOf associations, siblings
 * ordered by sequenceNumber. Packages this application wrote come back exactly; others are
 * accepted where they fit a unit (document -> groups -> criteria -> range items, plus
 * evidence requirements), with a warning for each assumption.
 */
export function casePackageToUnit(input: unknown, opts: CaseImportOptions = {}): UnitFile {
  const warn = opts.warn ?? (() => {});
  let raw = input;
  if (raw && typeof raw === "object" && !("CFDocument" in raw) && "CFPackage" in raw) {
    warn('The package is wrapped in a "CFPackage" property; reading what is inside it.');
    raw = (raw as { CFPackage: unknown }).CFPackage;
  }
  const parsed = PackageInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaseImportError(`Not a CASE CFPackage: ${issue ? `${issuePath(issue.path)}: ${issue.message}` : "unreadable"}.`);
  }
  const pkg = parsed.data;
  const doc = pkg.CFDocument;
  const items = pkg.CFItems ?? [];
  const documentId = doc.identifier.toLowerCase();

  const itemsById = new Map<string, ItemInput>();
  for (const item of items) {
    const id = item.identifier.toLowerCase();
    if (itemsById.has(id)) throw new CaseImportError(`${describeItem(item)} appears twice in CFItems.`);
    itemsById.set(id, item);
  }

  type Child = { item: ItemInput; sequence: number | undefined; order: number };
  const children = new Map<string, Child[]>();
  const parentOf = new Map<string, string>();
  let otherAssociations = 0;
  let outsideAssociations = 0;
  (pkg.CFAssociations ?? []).forEach((association, order) => {
    if (association.associationType !== "isChildOf") {
      otherAssociations++;
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
      if (existingParent !== parentId) warn(`${describeItem(child)} has more than one parent; it is kept under the first one only.`);
      return;
    }
    parentOf.set(childId, parentId);
    const sequence = association.sequenceNumber === null || association.sequenceNumber === undefined ? undefined : Number(association.sequenceNumber);
    const siblings = children.get(parentId) ?? [];
    siblings.push({ item: child, sequence: Number.isFinite(sequence) ? sequence : undefined, order });
    children.set(parentId, siblings);
  });
  if (otherAssociations > 0) warn(`${otherAssociations} association(s) other than isChildOf were ignored: a unit has no place for them.`);
  if (outsideAssociations > 0) warn(`${outsideAssociations} isChildOf association(s) pointing outside this package were ignored.`);
  const orphans = items.filter((item) => !parentOf.has(item.identifier.toLowerCase()));
  if (orphans.length > 0) warn(`${orphans.length} CFItem(s) are not in the document's tree and were ignored, e.g. ${orphans.slice(0, 3).map(describeItem).join(", ")}.`);

  const listKey = (item: ItemInput) => (item.listEnumeration === null || item.listEnumeration === undefined ? "" : String(item.listEnumeration));
  const childrenOf = (id: string): ItemInput[] =>
    (children.get(id.toLowerCase()) ?? [])
      .slice()
      .sort(
        (a, b) =>
          (a.sequence ?? Number.POSITIVE_INFINITY) - (b.sequence ?? Number.POSITIVE_INFINITY) ||
          listKey(a.item).localeCompare(listKey(b.item), "en", { numeric: true }) ||
          a.order - b.order,
      )
      .map((c) => c.item);

  // Where each part of the unit came from, so validation errors can name the CASE object.
  const sources = new Map<string, ItemInput>();

  const toCriterion = (item: ItemInput, groupKind: GroupKind, fallbackRef: string, where: string) => {
    sources.set(where, item);
    let kind = criterionKindByType.get(typeKey(item.CFItemType));
    if (!kind) {
      kind = criterionKindForGroup[groupKind];
      warn(`${describeItem(item)}: item type "${item.CFItemType ?? ""}" is not one of ours; imported as type "${criterionTypes[kind].title}".`);
    }
    let ref = item.humanCodingScheme?.trim();
    if (!ref) {
      ref = fallbackRef;
      warn(`${describeItem(item)} has no humanCodingScheme; given the reference ${ref}.`);
    }
    const rangeItems = childrenOf(item.identifier).map((child) => {
      if (typeKey(child.CFItemType) !== typeKey(rangeItemType.title) || childrenOf(child.identifier).length > 0) {
        throw new CaseImportError(`${describeItem(child)} sits under criterion ${ref}; a unit can hold only range items there (item type "${rangeItemType.title}", no children).`);
      }
      return statementOf(child);
    });
    const notes = readNotes(item.notes, criterionLabels);
    const guidance = [...notes.all("Guidance"), ...(notes.other === undefined ? [] : [notes.other])];
    const hasRange = rangeItems.length > 0 || notes.has("Range rule") || notes.has("Range") || notes.has("Range guidance");
    let range: Range | undefined;
    if (hasRange) {
      let rule = parseRangeRule(notes.first("Range rule"));
      if (rule === "unknown") {
        warn(`${describeItem(item)}: range rule "${notes.first("Range rule") ?? ""}" is not understood; imported as not stated.`);
        rule = null;
      }
      const title = notes.first("Range");
      range = { ...(title !== undefined && { title }), rule, guidance: notes.all("Range guidance"), items: rangeItems };
    }
    return { ref, kind, text: statementOf(item), ...(range && { range }), ...(guidance.length > 0 && { guidance }) };
  };

  const toGroup = (item: ItemInput, g: number) => {
    sources.set(`groups[${g}]`, item);
    const criteriaItems = childrenOf(item.identifier);
    if (criteriaItems.length === 0) {
      throw new CaseImportError(`${describeItem(item)} sits directly under the document but has no children; a unit keeps its criteria inside groups.`);
    }
    let kind = groupKindByType.get(typeKey(item.CFItemType));
    if (!kind) {
      const childKind = criteriaItems.map((child) => criterionKindByType.get(typeKey(child.CFItemType))).find((k) => k !== undefined);
      kind = childKind ? groupKindForCriterion[childKind] : "learningOutcome";
      warn(`${describeItem(item)}: item type "${item.CFItemType ?? ""}" is not one of ours; imported as type "${groupTypes[kind].title}".`);
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
      criteria: criteriaItems.map((child, c) => toCriterion(child, groupKind, `${ref ?? g + 1}.${c + 1}`, `groups[${g}].criteria[${c}]`)),
    };
  };

  const toRequirement = (item: ItemInput, r: number) => {
    sources.set(`evidenceRequirements[${r}]`, item);
    let ref = item.humanCodingScheme?.trim();
    if (!ref) {
      ref = String(r + 1);
      warn(`${describeItem(item)} has no humanCodingScheme; given the reference ${ref}.`);
    }
    const notes = readNotes(item.notes, requirementLabels);
    if (notes.other !== undefined) warn(`${describeItem(item)}: its notes are not checks this application knows and were not imported.`);
    const checks = Object.fromEntries(
      requirementChecks.flatMap(([key, label]) => {
        const value = notes.first(label)?.trim().toLowerCase();
        return value === "yes" ? [[key, true]] : value === "no" ? [[key, false]] : [];
      }),
    );
    const requirementRef = ref;
    return {
      ref,
      text: statementOf(item),
      items: childrenOf(item.identifier).map((child, i) => {
        let itemRef = child.humanCodingScheme?.trim();
        if (!itemRef) {
          itemRef = `${requirementRef}.${i + 1}`;
          warn(`${describeItem(child)} has no humanCodingScheme; given the reference ${itemRef}.`);
        }
        return { ref: itemRef, text: statementOf(child) };
      }),
      checks,
    };
  };

  const topLevel = childrenOf(documentId);
  const requirementItems = topLevel.filter((item) => typeKey(item.CFItemType) === typeKey(requirementType.title));
  const groupItems = topLevel.filter((item) => !requirementItems.includes(item));

  if (groupItems.length === 0) {
    throw new CaseImportError(`CFDocument ${doc.identifier} "${doc.title}" has no items under it (isChildOf associations to the document); a unit needs at least one group of criteria.`);
  }

  const docNotes = readNotes(doc.notes, documentLabels);
  const ours = docNotes.has("Unit code");
  const code = opts.code?.trim() || docNotes.first("Unit code") || doc.humanCodingScheme?.trim();
  if (!code) throw new CaseImportError(`CFDocument ${doc.identifier} "${doc.title}" does not give a unit code (no "Unit code:" line in its notes); give the code to import it under.`);

  const kindText = docNotes.first("Unit kind")?.trim().toLowerCase();
  let kind = (Object.keys(unitKindLabels) as UnitFile["kind"][]).find((k) => k.toLowerCase() === kindText || unitKindLabels[k].toLowerCase() === kindText);
  if (!kind) {
    kind = "qualificationUnit";
    warn(`CFDocument ${doc.identifier} does not say what kind of unit it is; imported as a qualification unit.`);
  }

  let metadata: Record<string, unknown>;
  const unitNotes = docNotes.all("Note");
  if (ours) {
    metadata = {
      ...Object.fromEntries(metadataTexts.flatMap(([key, label]) => (docNotes.has(label) ? [[key, docNotes.first(label)]] : []))),
      ...(docNotes.has("Credit value") && { creditValue: Number(docNotes.first("Credit value")) }),
      ...Object.fromEntries(metadataLists.flatMap(([key, label]) => (docNotes.has(label) ? [[key, docNotes.all(label)]] : []))),
    };
    if (docNotes.other !== undefined) unitNotes.push(docNotes.other);
  } else {
    const creator = doc.creator?.trim();
    const overview = (doc.description ?? "").split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== "");
    const approvedOn = /^\d{4}-\d{2}-\d{2}/.exec(doc.statusStartDate ?? "")?.[0];
    metadata = {
      ...(creator && creator !== "Unknown" && { developedBy: creator }),
      ...(doc.version?.trim() && { version: doc.version.trim() }),
      ...(approvedOn && { approvedOn }),
      ...(overview.length > 0 && { overview }),
    };
    if (doc.notes?.trim()) unitNotes.push(doc.notes.trim());
    warn(`CFDocument ${doc.identifier} was not written by this application; metadata taken from its creator, version, statusStartDate and description.`);
  }

  const candidate = {
    code,
    title: doc.title,
    kind,
    metadata,
    ...(docNotes.has("Transcription note") && { transcriptionNotes: docNotes.all("Transcription note") }),
    ...(nonEmpty(unitNotes) && { notes: unitNotes }),
    groups: groupItems.map(toGroup),
    evidenceRequirements: requirementItems.map(toRequirement),
  };
  const result = UnitFile.safeParse(candidate);
  if (result.success) return result.data;

  const problems = result.error.issues.slice(0, 3).map((issue) => {
    const path = issuePath(issue.path);
    const source = [...sources.entries()].filter(([where]) => path.startsWith(where)).sort(([a], [b]) => b.length - a.length)[0];
    return `${source ? `${describeItem(source[1])}: ` : ""}${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : "";
  throw new CaseImportError(`The package does not make a valid unit: ${problems.join("; ")}${more}.`);
}

// ---------------------------------------------------------------------------------------
// Database: export, import, and look-up by identifier

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
  return unitToCasePackage(UnitFile.parse(version.document), version.number, { baseUrl: opts.baseUrl, lastChangeDateTime: version.importedAt });
}

/** Converts a package and loads it like a unit file (a new version only if the content differs). */
export async function importCasePackage(db: Db, input: unknown, opts: CaseImportOptions = {}): Promise<{ unit: UnitFile; outcome: ImportOutcome }> {
  const unit = casePackageToUnit(input, opts);
  return { unit, outcome: await importUnit(db, unit) };
}

type IndexedVersion = {
  unitVersionId: string;
  number: number;
  importedAt: Date;
  unit: UnitFile;
  documentId: string;
  itemIds: ReadonlySet<string>;
};

// UnitVersion rows are never changed in place, so an entry never goes stale.
const versionIndex = new Map<string, IndexedVersion>();

async function indexedVersions(db: Db): Promise<{ version: IndexedVersion; latest: boolean }[]> {
  const rows = await db.unitVersion.findMany({
    select: { id: true, unitId: true, number: true, unit: { select: { code: true } } },
    orderBy: [{ unit: { code: "asc" } }, { number: "asc" }],
  });
  const missing = rows.filter((row) => !versionIndex.has(row.id)).map((row) => row.id);
  if (missing.length > 0) {
    const documents = await db.unitVersion.findMany({ where: { id: { in: missing } }, select: { id: true, number: true, importedAt: true, document: true } });
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
      });
    }
  }
  const latestNumber = new Map<string, number>();
  for (const row of rows) latestNumber.set(row.unitId, Math.max(row.number, latestNumber.get(row.unitId) ?? 0));
  return rows.flatMap((row) => {
    const version = versionIndex.get(row.id);
    return version ? [{ version, latest: latestNumber.get(row.unitId) === row.number }] : [];
  });
}

const packageOf = (version: IndexedVersion, baseUrl: string) =>
  unitToCasePackage(version.unit, version.number, { baseUrl, lastChangeDateTime: version.importedAt });

/** The latest version of every unit, as single-object CFDocuments, ordered by unit code. */
export async function listCaseDocuments(db: Db, baseUrl: string): Promise<CFDocument[]> {
  const versions = await indexedVersions(db);
  return versions.filter((v) => v.latest).map(({ version }) => standaloneDocument(packageOf(version, baseUrl), baseUrl));
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
