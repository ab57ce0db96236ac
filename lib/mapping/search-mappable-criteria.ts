import { Prisma } from "../../generated/sqlite/client";
import { can, authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentResourceSelect, toEnrolmentResource } from "../enrolments/enrolment-resource";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { parseMappingInput, SearchMappableCriteriaInput } from "./input";
import { rangeRuleOf } from "./rules";
import { mappingWarnings } from "./mapping-warnings";
import type { MappingStatus } from "./status-words";

export const MAPPABLE_CRITERIA_LIMIT = 60;
const MAX_WORDS = 8;

export type MappableCriterion = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  groupRef: string | null;
  groupTitle: string;
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
  rangeItems: { id: string; text: string }[];
  /** This evidence's mapping to the criterion, when there is one. */
  mapping: { id: string; status: MappingStatus; rangeItemIds: string[] } | null;
  /** What mapping this evidence here would be flagged with. */
  warnings: string[];
};

export type MappableUnit = { enrolmentId: string; unitCode: string; unitTitle: string; versionNumber: number; criteria: MappableCriterion[] };

export type MappableCriteria = {
  query: string;
  /** Every match; at most MAPPABLE_CRITERIA_LIMIT are returned. */
  total: number;
  limit: number;
  /** The candidate has no active enrolment to map to. */
  noUnits: boolean;
  units: MappableUnit[];
};

/** Escapes LIKE wildcards with "!" (declared by ESCAPE '!'), so "%" and "_" match themselves. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, "!$&");
}

/**
 * The criteria of the actor's active enrolments, grouped by unit, whose text contains every
 * word of the query or whose reference starts with it, in any case. A word that is one of the
 * candidate's unit codes ("CS34 1.2") narrows to that unit. An empty query lists everything.
 * SQL written to mean the same on SQLite and PostgreSQL (Prisma's `contains` is case-sensitive
 * on PostgreSQL). Given an evidence item, only units of its centre, with its current mappings.
 */
export async function searchMappableCriteria(db: Db, actor: Actor, rawInput: SearchMappableCriteriaInput, now: Date = new Date()): Promise<MappableCriteria> {
  const input = parseMappingInput(SearchMappableCriteriaInput, rawInput);
  let evidence: { id: string; centreId: string; method: string } | null = null;
  if (input.evidenceId) {
    authorize(actor, "mapping.propose", await loadEvidenceResource(db, input.evidenceId), now);
    evidence = await db.evidence.findUnique({ where: { id: input.evidenceId }, select: { id: true, centreId: true, method: true } });
  }

  const enrolments = (
    await db.enrolment.findMany({
      where: { candidateId: actor.userId, status: "ACTIVE", ...(evidence ? { centreId: evidence.centreId } : {}) },
      select: { ...enrolmentResourceSelect, unitVersionId: true, unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } } },
    })
  ).filter((e) => can(actor, "mapping.propose", toEnrolmentResource(e), now));

  const query = input.query.replace(/\s+/g, " ").trim();
  const empty: MappableCriteria = { query, total: 0, limit: MAPPABLE_CRITERIA_LIMIT, noUnits: enrolments.length === 0, units: [] };
  if (enrolments.length === 0) return empty;

  const codes = new Map(enrolments.map((e) => [e.unitVersion.unit.code.toLowerCase(), e.unitVersion.unit.code]));
  const allWords = query.split(" ").filter(Boolean);
  const unitWords = allWords.filter((w) => codes.has(w.toLowerCase()));
  const words = [...new Set(allWords.filter((w) => !codes.has(w.toLowerCase())))].slice(0, MAX_WORDS);
  const rest = words.join(" ");
  const wanted = unitWords.length > 0 ? enrolments.filter((e) => unitWords.some((w) => w.toLowerCase() === e.unitVersion.unit.code.toLowerCase())) : enrolments;
  const versionIds = [...new Set(wanted.map((e) => e.unitVersionId))];

  const matches =
    words.length === 0
      ? Prisma.sql`1 = 1`
      : Prisma.sql`((${Prisma.join(
          words.map((word) => Prisma.sql`LOWER(c."text") LIKE LOWER(${`%${escapeLike(word)}%`}) ESCAPE '!'`),
          " AND ",
        )}) OR LOWER(c."ref") LIKE LOWER(${`${escapeLike(rest)}%`}) ESCAPE '!')`;
  const from = Prisma.sql`
    FROM "Criterion" c
    JOIN "UnitVersion" v ON v."id" = c."unitVersionId"
    JOIN "Unit" u ON u."id" = v."unitId"
    WHERE c."unitVersionId" IN (${Prisma.join(versionIds)}) AND ${matches}`;
  const [countRow] = await db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS "total" ${from}`;
  const total = Number(countRow?.total ?? 0);
  if (total === 0) return empty;
  const idRows = await db.$queryRaw<{ id: string }[]>`
    SELECT c."id" AS "id" ${from}
    ORDER BY u."code", c."position"
    LIMIT ${MAPPABLE_CRITERIA_LIMIT}`;
  const ids = idRows.map((r) => r.id);

  const [criteria, mappings] = await Promise.all([
    db.criterion.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        unitVersionId: true,
        ref: true,
        kind: true,
        text: true,
        rangeTitle: true,
        rangeRule: true,
        rangeMin: true,
        group: { select: { ref: true, title: true, assessmentMethods: true } },
        rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
      },
    }),
    evidence
      ? db.mapping.findMany({
          where: { evidenceId: evidence.id, criterionId: { in: ids } },
          select: { id: true, status: true, criterionId: true, enrolmentId: true, rangeItems: { select: { rangeItemId: true } } },
        })
      : Promise.resolve([]),
  ]);
  const byId = new Map(criteria.map((c) => [c.id, c]));

  // One enrolment per unit version in practice; if a candidate had two, each lists the criteria.
  const units: MappableUnit[] = [];
  for (const enrolment of [...wanted].sort((a, b) => a.unitVersion.unit.code.localeCompare(b.unitVersion.unit.code))) {
    const list: MappableCriterion[] = [];
    for (const id of ids) {
      const c = byId.get(id);
      if (!c || c.unitVersionId !== enrolment.unitVersionId) continue;
      const mapping = mappings.find((m) => m.criterionId === c.id && m.enrolmentId === enrolment.id);
      list.push({
        id: c.id,
        ref: c.ref,
        kind: c.kind,
        text: c.text,
        groupRef: c.group.ref,
        groupTitle: c.group.title,
        rangeTitle: c.rangeTitle,
        rangeRule: rangeRuleOf(c.rangeRule),
        rangeMin: c.rangeMin,
        rangeItems: c.rangeItems,
        mapping: mapping ? { id: mapping.id, status: mapping.status, rangeItemIds: mapping.rangeItems.map((r) => r.rangeItemId) } : null,
        warnings: evidence ? mappingWarnings({ evidenceMethod: evidence.method, group: c.group }) : [],
      });
    }
    if (list.length > 0) {
      units.push({
        enrolmentId: enrolment.id,
        unitCode: enrolment.unitVersion.unit.code,
        unitTitle: enrolment.unitVersion.title,
        versionNumber: enrolment.unitVersion.number,
        criteria: list,
      });
    }
  }
  return { query, total, limit: MAPPABLE_CRITERIA_LIMIT, noUnits: false, units };
}
