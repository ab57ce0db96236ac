import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import { providerOfClient, type Provider } from "../db/provider";
import { describeRangeRule } from "./range-rule";

// The standards search: one full-text index of every criterion, kept by each database's own
// engine (SQLite FTS5 with the porter stemmer, PostgreSQL tsvector with the english
// configuration) in the hand-made tables of prisma/migrations/*/20261210090000_standards_search.
// A criterion's document holds its references in the forms people write them, its text, its
// range (title and items), its rule in words, its guidance, and its unit's code and title.
// The public search (lib/standards/queries.ts) and the mapping search
// (lib/mapping/search-mappable-criteria.ts) both ask findCriteria, each with its own scope.
// Unit versions never change, so a version is indexed once: at import, or on the first search
// after the migration for versions imported before it.

type Client = Pick<Db, "$queryRaw" | "$executeRaw" | "criterion" | "unit" | "$transaction">;
type TxClient = Pick<Db, "$queryRaw" | "$executeRaw" | "criterion" | "criterionGroup" | "rangeItem" | "unitVersion">;

// ---------------------------------------------------------------------------------------
// References

/** "CS5/O4", "cs5 o4" → "cs5.o4": lower case, letters and digits, one "." for any separator. */
export function referenceKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ".")
    .replace(/^\.+|\.+$/g, "");
}

const alphanumeric = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/**
 * When the text starts with one of the unit codes, written with or without its punctuation
 * and spaces ("CS34", "cs 34", "CFAM&LFD3", "cfamlfd3"), and the code ends at a word boundary:
 * the code and what follows it. The longest code wins.
 */
export function leadingUnitCode(text: string, unitCodes: readonly string[]): { code: string; rest: string } | null {
  const codes = unitCodes.map((code) => ({ code, key: alphanumeric(code) })).filter((c) => c.key.length > 0);
  codes.sort((a, b) => b.key.length - a.key.length);
  for (const { code, key } of codes) {
    let matched = 0;
    let i = 0;
    for (; i < text.length && matched < key.length; i++) {
      const char = alphanumeric(text[i] ?? "");
      if (!char) continue;
      if (char !== key[matched]) break;
      matched++;
    }
    if (matched < key.length) continue;
    const rest = text.slice(i);
    if (/^[\p{L}\p{N}]/u.test(rest)) continue;
    return { code, rest: rest.replace(/^[^\p{L}\p{N}]+/u, "") };
  }
  return null;
}

/** Letters people put before a bare number to say which kind of criterion: "P7", "K3", "AC 1.2". */
const kindPrefixes: Record<string, string[]> = {
  performance: ["p", "pc"],
  knowledge: ["k", "ku"],
  skill: ["s"],
  behaviour: ["b"],
  outcome: ["o", "lo"],
  assessment: ["ac"],
};

/**
 * The references a criterion answers to: as text for the full-text index ("CS34 1.2 AC1.2";
 * each form once, so that the tokens of two forms never sit side by side as a false phrase
 * such as "1 2" out of "2.1 2.1"), and as exact keys ("1.2", "ac1.2", "ac.1.2").
 */
export function referenceForms(unitCode: string, kind: string, ref: string): { words: string; keys: string[] } {
  const local = leadingUnitCode(ref, [unitCode])?.rest || ref;
  const words = [`${unitCode} ${local}`];
  const keys = new Set([referenceKey(ref), referenceKey(local)]);
  if (/^\d/.test(local)) {
    for (const prefix of kindPrefixes[kind] ?? []) {
      words.push(`${prefix.toUpperCase()}${local}`);
      keys.add(`${prefix}${referenceKey(local)}`);
      keys.add(`${prefix}.${referenceKey(local)}`);
    }
  }
  keys.delete("");
  return { words: words.join(" "), keys: [...keys] };
}

// ---------------------------------------------------------------------------------------
// Documents

const numberWords = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/** The range rule as the unit page shows it ("at least 3 of these 9"), and with numbers in words. */
export function ruleWords(rule: string | null, min: number | null, itemCount: number): string {
  const shown = describeRangeRule(rule, min, itemCount);
  if (!shown) return "";
  const spelled = shown.replace(/\d+/g, (n) => numberWords[Number(n)] ?? n);
  return spelled === shown ? `Cover ${shown}` : `Cover ${shown}; ${spelled}`;
}

const storedStrings = z.array(z.string()).catch([]);

type CriterionForIndex = {
  id: string;
  unitVersionId: string;
  ref: string;
  kind: string;
  text: string;
  rangeTitle: string | null;
  rangeRule: string | null;
  rangeMin: number | null;
  rangeGuidance: unknown;
  guidance: unknown;
  rangeItems: { text: string }[];
  group: { ref: string | null; title: string };
  unitVersion: { title: string; unit: { code: string } };
};

export type SearchDocument = {
  criterionId: string;
  unitVersionId: string;
  /** " 1.2 ac1.2 ac.1.2 ": each key wrapped in spaces, so one LIKE finds a whole key. */
  refKeys: string;
  refs: string;
  text: string;
  items: string;
  rules: string;
  guidance: string;
  unit: string;
};

export function searchDocument(c: CriterionForIndex): SearchDocument {
  const code = c.unitVersion.unit.code;
  const forms = referenceForms(code, c.kind, c.ref);
  return {
    criterionId: c.id,
    unitVersionId: c.unitVersionId,
    refKeys: ` ${forms.keys.join(" ")} `,
    refs: forms.words,
    text: c.text,
    items: [c.rangeTitle ?? "", ...c.rangeItems.map((i) => i.text)].join("\n"),
    rules: ruleWords(c.rangeRule, c.rangeMin, c.rangeItems.length),
    guidance: [...storedStrings.parse(c.rangeGuidance ?? []), ...storedStrings.parse(c.guidance ?? [])].join("\n"),
    unit: [code, c.unitVersion.title, c.group.ref ?? "", c.group.title].join(" "),
  };
}

function insertDocuments(provider: Provider, documents: SearchDocument[]): Prisma.Sql {
  if (provider === "sqlite") {
    const rows = documents.map(
      (d) =>
        Prisma.sql`(${d.criterionId}, ${d.unitVersionId}, ${d.refKeys}, ${d.refs}, ${d.text}, ${d.items}, ${d.rules}, ${d.guidance}, ${d.unit})`,
    );
    return Prisma.sql`INSERT INTO "CriterionSearch" ("criterionId", "unitVersionId", "refKeys", "refs", "text", "items", "rules", "guidance", "unit")
      VALUES ${Prisma.join(rows)}`;
  }
  // Weights: references A, the criterion's text B, its range and rule C, guidance and unit D.
  const rows = documents.map(
    (d) => Prisma.sql`(${d.criterionId}, ${d.unitVersionId}, ${d.refKeys},
      setweight(to_tsvector('english', ${d.refs}), 'A') || setweight(to_tsvector('english', ${d.text}), 'B')
      || setweight(to_tsvector('english', ${`${d.items}\n${d.rules}`}), 'C') || setweight(to_tsvector('english', ${`${d.guidance}\n${d.unit}`}), 'D'))`,
  );
  return Prisma.sql`INSERT INTO "CriterionSearch" ("criterionId", "unitVersionId", "refKeys", "document") VALUES ${Prisma.join(rows)}`;
}

const BATCH = 100;

/**
 * Indexes one unit version's criteria, once: the version's row in CriterionSearchVersion is
 * claimed first, so a second caller (another search doing the same backfill) finds it taken
 * and indexes nothing. Run it inside the transaction that wrote the criteria, or its own.
 */
export async function indexUnitVersion(tx: TxClient, unitVersionId: string): Promise<void> {
  const claimed =
    await tx.$executeRaw`INSERT INTO "CriterionSearchVersion" ("unitVersionId") VALUES (${unitVersionId}) ON CONFLICT DO NOTHING`;
  if (claimed === 0) return;
  // Read one table at a time: nested selects make Prisma run their queries concurrently on the
  // transaction's single connection, which pg deprecates (and prints a warning for).
  const version = await tx.unitVersion.findUniqueOrThrow({
    where: { id: unitVersionId },
    select: { title: true, unit: { select: { code: true } } },
  });
  const groups = await tx.criterionGroup.findMany({
    where: { unitVersionId },
    select: { id: true, ref: true, title: true },
  });
  const rows = await tx.criterion.findMany({
    where: { unitVersionId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      unitVersionId: true,
      groupId: true,
      ref: true,
      kind: true,
      text: true,
      rangeTitle: true,
      rangeRule: true,
      rangeMin: true,
      rangeGuidance: true,
      guidance: true,
    },
  });
  const items = await tx.rangeItem.findMany({
    where: { criterion: { unitVersionId } },
    orderBy: [{ criterionId: "asc" }, { position: "asc" }],
    select: { criterionId: true, text: true },
  });
  const groupById = new Map(groups.map((g) => [g.id, { ref: g.ref, title: g.title }]));
  const criteria: CriterionForIndex[] = rows.map(({ groupId, ...c }) => ({
    ...c,
    rangeItems: items.filter((i) => i.criterionId === c.id).map((i) => ({ text: i.text })),
    group: groupById.get(groupId) ?? { ref: null, title: "" },
    unitVersion: version,
  }));
  const provider = providerOfClient(tx);
  for (let start = 0; start < criteria.length; start += BATCH) {
    await tx.$executeRaw(insertDocuments(provider, criteria.slice(start, start + BATCH).map(searchDocument)));
  }
}

/** Indexes the unit versions imported before the index existed (or by a path that skipped it). */
export async function ensureSearchIndex(db: Client): Promise<void> {
  const missing = await db.$queryRaw<{ id: string }[]>`
    SELECT v."id" AS "id" FROM "UnitVersion" v
    WHERE NOT EXISTS (SELECT 1 FROM "CriterionSearchVersion" s WHERE s."unitVersionId" = v."id")`;
  for (const { id } of missing) await db.$transaction((tx) => indexUnitVersion(tx, id));
}

// ---------------------------------------------------------------------------------------
// Queries

const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 12;

export type ParsedSearch = {
  /** The query as searched for: trimmed, spaces collapsed, length capped. */
  query: string;
  /** Units the query names ("CS34 1.2", "monitor CS34"); empty: every unit in scope. */
  unitCodes: string[];
  /** The words to find in the documents, unit codes taken out; each needs at least one letter or digit. */
  words: string[];
  /** The query read as a reference ("1.2", "O4", "p7"), when it could be one. */
  referenceKey: string | null;
  /** False when the query has nothing to search for (blank, or punctuation only). */
  searchable: boolean;
};

/** Reads a query: a leading unit code, words anywhere that are unit codes, a reference, words. */
export function parseSearchQuery(raw: string, unitCodes: readonly string[]): ParsedSearch {
  const query = raw.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).trim();
  const units = new Set<string>();
  const lead = leadingUnitCode(query, unitCodes);
  if (lead) units.add(lead.code);
  const words: string[] = [];
  for (const word of (lead ? lead.rest : query).split(" ")) {
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    const code = unitCodes.find((c) => alphanumeric(c) === alphanumeric(word));
    if (code) units.add(code);
    else if (!words.some((w) => w.toLowerCase() === word.toLowerCase())) words.push(word);
  }
  const kept = words.slice(0, MAX_QUERY_WORDS);
  // "1.2", "CS5/O4", "P 7": a reference is short and has a digit.
  const asReference =
    kept.length > 0 && kept.length <= 2 && /\p{N}/u.test(kept.join("")) ? referenceKey(kept.join(" ")) : "";
  return {
    query,
    unitCodes: [...units],
    words: kept,
    referenceKey: asReference || null,
    searchable: units.size > 0 || kept.length > 0,
  };
}

/** Each word a quoted FTS5 phrase ("" inside doubled), so no user text is read as FTS syntax. */
function fts5Query(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(" ");
}

/**
 * WITH clauses ending in "h": the matching criteria's ids with two sort keys. tier: 2 when the
 * query is one of the criterion's references, 1 when its words appear together as a phrase
 * ("at least three"), else 0; score: the engine's rank, lower is better. Every word must match
 * somewhere in the document, stemmed; an exact reference matches whatever the words do. The
 * ranked match is MATERIALIZED: SQLite refuses bm25() once the planner folds its query into
 * an outer one.
 */
function matchesSql(provider: Provider, parsed: ParsedSearch): Prisma.Sql {
  const { words, referenceKey: key } = parsed;
  if (words.length === 0) {
    // A unit code alone: every criterion of that unit, in order.
    return Prisma.sql`WITH "h" AS (SELECT c."id" AS "criterionId", 0 AS "tier", 0 AS "score" FROM "Criterion" c)`;
  }
  const sqlite = provider === "sqlite";
  const byWords = sqlite
    ? // bm25 weights follow the columns: criterionId, unitVersionId, refKeys (unindexed), refs, text, items, rules, guidance, unit.
      Prisma.sql`SELECT "criterionId", 0 AS "tier", bm25("CriterionSearch", 0, 0, 0, 10, 5, 3, 3, 1, 1) AS "score"
        FROM "CriterionSearch" WHERE "CriterionSearch" MATCH ${fts5Query(words)}`
    : // phraseto_tsquery reads each word as plain text; && needs every one of them.
      Prisma.sql`SELECT s."criterionId", 0 AS "tier", -ts_rank_cd(s."document", q.query) AS "score"
        FROM "CriterionSearch" s, (SELECT ${Prisma.join(
          words.map((w) => Prisma.sql`phraseto_tsquery('english', ${w})`),
          " && ",
        )} AS query) q
        WHERE s."document" @@ q.query`;
  const asPhrase = words.join(" ");
  const byPhrase =
    words.length < 2
      ? Prisma.empty
      : sqlite
        ? Prisma.sql`UNION ALL SELECT "criterionId", 1, 0 FROM "CriterionSearch" WHERE "CriterionSearch" MATCH ${fts5Query([asPhrase])}`
        : Prisma.sql`UNION ALL SELECT "criterionId", 1, 0 FROM "CriterionSearch" WHERE "document" @@ phraseto_tsquery('english', ${asPhrase})`;
  const byReference = key
    ? Prisma.sql`UNION ALL SELECT "criterionId", 2, 0 FROM "CriterionSearch" WHERE "refKeys" LIKE ${`% ${key} %`}`
    : Prisma.empty;
  return Prisma.sql`WITH "w" AS MATERIALIZED (${byWords}),
    "h" AS (SELECT "criterionId", MAX("tier") AS "tier", MIN("score") AS "score"
            FROM (SELECT "criterionId", "tier", "score" FROM "w" ${byPhrase} ${byReference}) m GROUP BY "criterionId")`;
}

export type SearchScope = { kind: "latest" } | { kind: "versions"; unitVersionIds: string[] };

export type CriterionMatch = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  rangeRule: string | null;
  rangeMin: number | null;
  groupRef: string | null;
  groupTitle: string;
  unitCode: string;
  unitTitle: string;
  unitVersionId: string;
  versionNumber: number;
  /** The query is one of this criterion's references. */
  exact: boolean;
};

type MatchRow = Omit<CriterionMatch, "versionNumber" | "exact" | "rangeMin"> & {
  versionNumber: number | bigint;
  tier: number | bigint;
  rangeMin: number | bigint | null;
};

/**
 * The criteria in scope that match the query, best first: a unit's criteria stay together,
 * units ordered by their best match (exact references, then phrases, then rank), criteria
 * within a unit likewise, then in source order. Exact references rank alike: their units
 * follow in code order, so "1.2" lists the same way on both databases. `limit` and `offset` page through them.
 */
export async function findCriteria(
  db: Client,
  parsed: ParsedSearch,
  scope: SearchScope,
  page: { limit: number; offset: number },
): Promise<{ total: number; matches: CriterionMatch[] }> {
  if (!parsed.searchable || (scope.kind === "versions" && scope.unitVersionIds.length === 0))
    return { total: 0, matches: [] };
  await ensureSearchIndex(db);
  const provider = providerOfClient(db);
  const inScope =
    scope.kind === "latest"
      ? Prisma.sql`v."number" = (SELECT MAX(lv."number") FROM "UnitVersion" lv WHERE lv."unitId" = v."unitId")`
      : Prisma.sql`c."unitVersionId" IN (${Prisma.join(scope.unitVersionIds)})`;
  const inUnits =
    parsed.unitCodes.length > 0 ? Prisma.sql`AND u."code" IN (${Prisma.join(parsed.unitCodes)})` : Prisma.empty;
  const hits = Prisma.sql`${matchesSql(provider, parsed)},
    "t" AS (
    SELECT c."id" AS "id", c."ref" AS "ref", c."kind" AS "kind", c."text" AS "text", c."position" AS "position",
           c."rangeRule" AS "rangeRule", c."rangeMin" AS "rangeMin",
           g."ref" AS "groupRef", g."title" AS "groupTitle", u."code" AS "unitCode", v."title" AS "unitTitle",
           v."id" AS "unitVersionId", v."number" AS "versionNumber", h."tier" AS "tier", h."score" AS "score"
    FROM "h" h
    JOIN "Criterion" c ON c."id" = h."criterionId"
    JOIN "CriterionGroup" g ON g."id" = c."groupId"
    JOIN "UnitVersion" v ON v."id" = c."unitVersionId"
    JOIN "Unit" u ON u."id" = v."unitId"
    WHERE ${inScope} ${inUnits})`;

  const [countRow] = await db.$queryRaw<{ total: number | bigint }[]>`${hits} SELECT COUNT(*) AS "total" FROM "t"`;
  const total = Number(countRow?.total ?? 0);
  if (total === 0) return { total, matches: [] };
  const rows = await db.$queryRaw<MatchRow[]>`${hits}
    SELECT * FROM (
      SELECT t.*, MAX(t."tier") OVER (PARTITION BY t."unitVersionId") AS "unitTier", MIN(t."score") OVER (PARTITION BY t."unitVersionId") AS "unitScore"
      FROM "t" t
    ) r
    ORDER BY r."unitTier" DESC, CASE WHEN r."unitTier" = 2 THEN 0 ELSE r."unitScore" END, r."unitCode",
             r."tier" DESC, CASE WHEN r."tier" = 2 THEN 0 ELSE r."score" END, r."position"
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  return {
    total,
    matches: rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      kind: r.kind,
      text: r.text,
      rangeRule: r.rangeRule,
      rangeMin: r.rangeMin === null ? null : Number(r.rangeMin),
      groupRef: r.groupRef,
      groupTitle: r.groupTitle,
      unitCode: r.unitCode,
      unitTitle: r.unitTitle,
      unitVersionId: r.unitVersionId,
      versionNumber: Number(r.versionNumber),
      exact: Number(r.tier) === 2,
    })),
  };
}

/** Every unit code, for reading codes in queries. */
export async function unitCodes(db: Pick<Db, "unit">): Promise<string[]> {
  return (await db.unit.findMany({ select: { code: true } })).map((u) => u.code);
}
