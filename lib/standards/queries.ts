import { z } from "zod";
import type { Db } from "../db/client";
import { describeRangeRule } from "./range-rule";
import { criterionKinds, RequirementChecks, UnitFile } from "./schema";
import { findCriteria, parseSearchQuery, unitCodes } from "./search-index";

// Read-side queries for the standards catalogue. They take the client as a parameter so the
// integration tests can run them against a throw-away database; lib/dal/standards.ts is the
// server-only entry point the pages use. Everything returned is a plain DTO, never a row.

// ---------------------------------------------------------------------------------------
// DTOs

export type CriterionCount = { kind: string; count: number };

export type UnitSummary = {
  code: string;
  title: string;
  kind: string;
  level: string | null;
  creditValue: number | null;
  /** Who developed or awards the unit; "—" when the source names nobody. */
  body: string;
  versionNumber: number;
  sourceVersion: string | null;
  /** In the order of criterionKinds; kinds the unit does not use are left out. */
  criteriaCounts: CriterionCount[];
  totalCriteria: number;
};

export type UnitMetadata = z.infer<typeof Metadata>;

export type RangeDto = {
  title: string | null;
  rule: "all" | "atLeast" | null;
  min: number | null;
  guidance: string[];
  items: string[];
};

export type CriterionDto = {
  /** A valid URL fragment for this criterion on the unit page, e.g. "c-assessment-1-2". */
  anchor: string;
  ref: string;
  kind: string;
  text: string;
  range: RangeDto | null;
  guidance: string[];
};

export type GroupDto = {
  ref: string | null;
  kind: string;
  title: string;
  assessmentMethods: string[];
  notes: string[];
  criteria: CriterionDto[];
};

export type RequirementDto = {
  ref: string;
  text: string;
  items: { ref: string; text: string }[];
  checks: z.infer<typeof RequirementChecks>;
};

export type VersionSummary = {
  number: number;
  sourceVersion: string | null;
  /** ISO 8601, UTC. */
  importedAt: string;
  /** The first 12 hex digits of the content hash: enough to tell versions apart by eye. */
  contentHashShort: string;
};

export type UnitDetail = {
  code: string;
  title: string;
  kind: string;
  level: string | null;
  creditValue: number | null;
  /** The version shown. */
  version: VersionSummary;
  /** The newest version's number; differs from version.number when an older one is shown. */
  latestVersionNumber: number;
  metadata: UnitMetadata;
  notes: string[];
  transcriptionNotes: string[];
  groups: GroupDto[];
  requirements: RequirementDto[];
  /** Newest first. */
  versions: VersionSummary[];
};

export type CriterionHit = {
  anchor: string;
  ref: string;
  kind: string;
  text: string;
  groupRef: string | null;
  groupTitle: string;
  /** The range rule in words ("at least 3 of these 9"), or "". */
  rangeRule: string;
  /** The range items that mention a word of the query, to show why a criterion matched. */
  rangeMatches: string[];
};

export type SearchResultUnit = {
  code: string;
  title: string;
  versionNumber: number;
  criteria: CriterionHit[];
};

export type CriterionSearch = {
  /** The query as it was searched for: trimmed, spaces collapsed, length capped. */
  query: string;
  /** The words searched for, unit codes taken out; the results highlight them. */
  words: string[];
  /** False when the query has no letters or digits to search for. */
  searchable: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
  units: SearchResultUnit[];
};

export const SEARCH_PAGE_SIZE = 25;

// ---------------------------------------------------------------------------------------
// Reading stored JSON: validated on import, but read leniently so that a field added to the
// schema later cannot make an older version unreadable.

const Metadata = z.object(UnitFile.shape.metadata.shape);
const strings = z.array(z.string()).catch([]);
const StoredDocument = z
  .object({ metadata: Metadata.catch({}), notes: strings, transcriptionNotes: strings })
  .catch({ metadata: {}, notes: [], transcriptionNotes: [] });
const RequirementItems = z.array(z.object({ ref: z.string(), text: z.string() })).catch([]);
const StoredChecks = z.object(RequirementChecks.shape).catch({});

function readStrings(value: unknown): string[] {
  return strings.parse(value ?? []);
}

/** Who developed, awards or originated the unit, whichever the source names. */
export function bodyOf(metadata: UnitMetadata): string {
  return metadata.developedBy ?? metadata.awardingBody ?? metadata.originatingOrganisation ?? "—";
}

/** "assessment", "1.2" → "c-assessment-1-2": the fragment of a criterion on its unit page. */
export function criterionAnchor(kind: string, ref: string): string {
  return `c-${kind}-${ref}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

function summariseVersion(version: {
  number: number;
  sourceVersion: string | null;
  importedAt: Date;
  contentHash: string;
}): VersionSummary {
  return {
    number: version.number,
    sourceVersion: version.sourceVersion,
    importedAt: version.importedAt.toISOString(),
    contentHashShort: version.contentHash.slice(0, 12),
  };
}

function kindOrder(kind: string): number {
  const index = (criterionKinds as readonly string[]).indexOf(kind);
  return index === -1 ? criterionKinds.length : index;
}

// ---------------------------------------------------------------------------------------
// Queries

/** Every unit with its latest version and the number of criteria of each kind in it. */
export async function listUnits(db: Db): Promise<UnitSummary[]> {
  const units = await db.unit.findMany({
    orderBy: { code: "asc" },
    select: {
      code: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          id: true,
          number: true,
          sourceVersion: true,
          title: true,
          kind: true,
          level: true,
          creditValue: true,
          document: true,
        },
      },
    },
  });
  const latest = units.flatMap((unit) => {
    const version = unit.versions[0];
    return version ? [{ code: unit.code, version }] : [];
  });
  const counts = await db.criterion.groupBy({
    by: ["unitVersionId", "kind"],
    where: { unitVersionId: { in: latest.map(({ version }) => version.id) } },
    _count: { _all: true },
  });
  const countsByVersion = new Map<string, CriterionCount[]>();
  for (const row of counts) {
    const list = countsByVersion.get(row.unitVersionId) ?? [];
    list.push({ kind: row.kind, count: row._count._all });
    countsByVersion.set(row.unitVersionId, list);
  }
  return latest.map(({ code, version }) => {
    const criteriaCounts = (countsByVersion.get(version.id) ?? []).sort(
      (a, b) => kindOrder(a.kind) - kindOrder(b.kind),
    );
    return {
      code,
      title: version.title,
      kind: version.kind,
      level: version.level,
      creditValue: version.creditValue,
      body: bodyOf(StoredDocument.parse(version.document).metadata),
      versionNumber: version.number,
      sourceVersion: version.sourceVersion,
      criteriaCounts,
      totalCriteria: criteriaCounts.reduce((sum, { count }) => sum + count, 0),
    };
  });
}

/**
 * A unit as an assessor reads it: the latest version, or the numbered one. Null when the unit
 * or that version does not exist.
 */
export async function getUnit(db: Db, code: string, versionNumber?: number): Promise<UnitDetail | null> {
  const unit = await db.unit.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      versions: {
        orderBy: { number: "desc" },
        select: { number: true, sourceVersion: true, importedAt: true, contentHash: true },
      },
    },
  });
  const latestNumber = unit?.versions[0]?.number;
  if (!unit || latestNumber === undefined) return null;
  const number = versionNumber ?? latestNumber;
  if (!unit.versions.some((v) => v.number === number)) return null;

  const version = await db.unitVersion.findUnique({
    where: { unitId_number: { unitId: unit.id, number } },
    include: {
      groups: {
        orderBy: { position: "asc" },
        include: {
          criteria: { orderBy: { position: "asc" }, include: { rangeItems: { orderBy: { position: "asc" } } } },
        },
      },
      requirements: { orderBy: { position: "asc" } },
    },
  });
  if (!version) return null;
  const document = StoredDocument.parse(version.document);

  return {
    code: unit.code,
    title: version.title,
    kind: version.kind,
    level: version.level,
    creditValue: version.creditValue,
    version: summariseVersion(version),
    latestVersionNumber: latestNumber,
    metadata: document.metadata,
    notes: document.notes,
    transcriptionNotes: document.transcriptionNotes,
    groups: version.groups.map((group) => ({
      ref: group.ref,
      kind: group.kind,
      title: group.title,
      assessmentMethods: readStrings(group.assessmentMethods),
      notes: readStrings(group.notes),
      criteria: group.criteria.map((criterion) => {
        const items = criterion.rangeItems.map((item) => item.text);
        const rangeGuidance = readStrings(criterion.rangeGuidance);
        const rule = criterion.rangeRule === "all" || criterion.rangeRule === "atLeast" ? criterion.rangeRule : null;
        const hasRange = items.length > 0 || rule !== null || criterion.rangeTitle !== null || rangeGuidance.length > 0;
        return {
          anchor: criterionAnchor(criterion.kind, criterion.ref),
          ref: criterion.ref,
          kind: criterion.kind,
          text: criterion.text,
          range: hasRange
            ? { title: criterion.rangeTitle, rule, min: criterion.rangeMin, guidance: rangeGuidance, items }
            : null,
          guidance: readStrings(criterion.guidance),
        };
      }),
    })),
    requirements: version.requirements.map((requirement) => ({
      ref: requirement.ref,
      text: requirement.text,
      items: RequirementItems.parse(requirement.items),
      checks: StoredChecks.parse(requirement.checks),
    })),
    versions: unit.versions.map(summariseVersion),
  };
}

/** The rule and the range items that mention one of the words, loosely (a stem-length prefix). */
function rangeMentions(items: string[], words: string[]): string[] {
  const stems = words
    .map((w) => w.toLowerCase())
    .filter((w) => /\p{L}/u.test(w))
    .map((w) => w.slice(0, Math.max(4, w.length - 3)));
  return stems.length === 0 ? [] : items.filter((item) => stems.some((stem) => item.toLowerCase().includes(stem)));
}

/**
 * Criteria of the latest version of every unit matching the query with the database's own
 * full-text search (lib/standards/search-index.ts): every word, stemmed, anywhere in the text,
 * range, rule in words, guidance or unit, or a reference in any written form ("CS34 1.2",
 * "cs34/1.2", "CS5 O4", "P7"); a leading unit code narrows to that unit. Best first, a unit's
 * criteria together; 25 a page.
 */
export async function searchCriteria(db: Db, rawQuery: string, page = 1): Promise<CriterionSearch> {
  const parsed = parseSearchQuery(rawQuery, await unitCodes(db));
  const { query, words, searchable } = parsed;
  const empty: CriterionSearch = {
    query,
    words,
    searchable,
    page: 1,
    pageSize: SEARCH_PAGE_SIZE,
    pageCount: 1,
    total: 0,
    units: [],
  };
  if (!searchable) return empty;

  const requested = Math.max(1, Math.trunc(Number.isFinite(page) ? page : 1));
  let found = await findCriteria(
    db,
    parsed,
    { kind: "latest" },
    { limit: SEARCH_PAGE_SIZE, offset: (requested - 1) * SEARCH_PAGE_SIZE },
  );
  if (found.total === 0) return empty;
  const pageCount = Math.ceil(found.total / SEARCH_PAGE_SIZE);
  const current = Math.min(requested, pageCount);
  if (current !== requested)
    found = await findCriteria(
      db,
      parsed,
      { kind: "latest" },
      { limit: SEARCH_PAGE_SIZE, offset: (current - 1) * SEARCH_PAGE_SIZE },
    );

  const items = await db.rangeItem.findMany({
    where: { criterionId: { in: found.matches.map((m) => m.id) } },
    orderBy: { position: "asc" },
    select: { criterionId: true, text: true },
  });
  const units: SearchResultUnit[] = [];
  for (const match of found.matches) {
    let unit = units.at(-1);
    if (!unit || unit.code !== match.unitCode) {
      unit = { code: match.unitCode, title: match.unitTitle, versionNumber: match.versionNumber, criteria: [] };
      units.push(unit);
    }
    const rangeItems = items.filter((i) => i.criterionId === match.id).map((i) => i.text);
    unit.criteria.push({
      anchor: criterionAnchor(match.kind, match.ref),
      ref: match.ref,
      kind: match.kind,
      text: match.text,
      groupRef: match.groupRef,
      groupTitle: match.groupTitle,
      rangeRule: describeRangeRule(match.rangeRule, match.rangeMin, rangeItems.length),
      rangeMatches: rangeMentions(rangeItems, words),
    });
  }
  return { query, words, searchable, page: current, pageSize: SEARCH_PAGE_SIZE, pageCount, total: found.total, units };
}
