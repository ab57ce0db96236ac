import { eqaShareFacts } from "../enrolments/enrolment-resource";
import { containsIgnoringCase } from "../db/contains-sql";
import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import { authorize, type Actor, type EvidenceResource } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { addDays, startOfDayIn } from "../format/date";
import {
  activitySearchDates,
  boundedDate,
  dateProblem,
  fromQuery,
  quoted,
  type IgnoredValue,
} from "../format/date-bounds";
import { evidenceStageLabels, mappingStatusLabel } from "../mapping/status-words";
import { evidenceStatusText, mappingStatusCounts, type MappingStatusCounts } from "./get-evidence";
import { evidenceMethodIds, methodLabel, type EvidenceMethodId } from "./methods";
import { timeZoneOf } from "../format/time-zone";

export const EVIDENCE_PAGE_SIZE = 20;
const MAX_SEARCH_LENGTH = 200;
const MAX_SEARCH_WORDS = 8;

export const evidenceStatusFilters = [
  { id: "draft", label: evidenceStageLabels.draft },
  { id: "submitted", label: evidenceStageLabels.submitted },
  { id: "referred", label: `${evidenceStageLabels.referred}, to resubmit` },
  { id: "accepted", label: "Has accepted mappings" },
  { id: "rejected", label: `Has mappings ${mappingStatusLabel("REJECTED").toLowerCase()}` },
] as const;
export type EvidenceStatusFilter = (typeof evidenceStatusFilters)[number]["id"];
const statusFilterIds = evidenceStatusFilters.map((s) => s.id) as [EvidenceStatusFilter, ...EvidenceStatusFilter[]];

export type EvidenceListFilters = {
  method?: EvidenceMethodId;
  /** A unit code: evidence mapped to criteria of the candidate's enrolment on that unit. */
  unit?: string;
  status?: EvidenceStatusFilter;
  /** Calendar dates, inclusive, in the centre's time zone. */
  from?: string;
  to?: string;
  /** Words that must all appear in the title or description, in any case. */
  search?: string;
};

export type EvidenceListItem = {
  id: string;
  title: string;
  method: string;
  methodLabel: string;
  activityDate: Date;
  fileCount: number;
  mappingCount: number;
  mappings: MappingStatusCounts;
  submitted: boolean;
  statusText: string;
};

export type EvidenceList = {
  items: EvidenceListItem[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  filters: EvidenceListFilters;
  /** The units the candidate is enrolled on at the centre, for the unit filter. */
  units: { code: string; title: string }[];
  timeZone: string;
};

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * Filters from a query string, but the dates (see evidenceListQueryFrom). Anything unusable is
 * dropped rather than refused: it is a search.
 */
export const EvidenceListQuery = z.object({
  method: optional(z.preprocess(blankToUndefined, z.enum(evidenceMethodIds).optional())),
  unit: optional(z.preprocess(blankToUndefined, z.string().trim().max(100).optional())),
  status: optional(z.preprocess(blankToUndefined, z.enum(statusFilterIds).optional())),
  search: optional(z.preprocess(blankToUndefined, z.string().trim().max(MAX_SEARCH_LENGTH).optional())),
  page: z.coerce.number().int().min(1).catch(1),
});

/** The date filters, named as the form labels them; their bounds are in lib/format/date-bounds.ts. */
const dateFilters = { from: "the “Activity from” date", to: "the “Activity to” date" } as const;

/** Whether a date filter can be used, as a message (null if it can); checked before any arithmetic on it. */
function dateFilterProblem(param: keyof typeof dateFilters, value: string, now: Date): string | null {
  return dateProblem(value, activitySearchDates(now), dateFilters[param]);
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads the library's filters and page from a page's search parameters (`q` is the search box).
 * Never throws: a date it cannot use is left out and listed in `ignored`, for the page to say so.
 */
export function evidenceListQueryFrom(
  params: SearchParams,
  now: Date = new Date(),
): { filters: EvidenceListFilters; page: number; ignored: IgnoredValue[] } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = EvidenceListQuery.parse({
    method: first(params.method),
    unit: first(params.unit),
    status: first(params.status),
    search: first(params.q),
    page: first(params.page) ?? 1,
  });
  const ignored: IgnoredValue[] = [];
  const dates: Pick<EvidenceListFilters, "from" | "to"> = {};
  for (const param of ["from", "to"] as const) {
    const schema = boundedDate({ name: dateFilters[param], range: () => activitySearchDates(now) });
    const read = fromQuery(schema, param, params[param]);
    if (read.value) dates[param] = read.value;
    if (read.ignored) ignored.push(read.ignored);
  }
  const { page, ...filters } = parsed;
  const defined = Object.fromEntries(
    Object.entries({ ...filters, ...dates }).filter(([, value]) => value !== undefined),
  ) as EvidenceListFilters;
  return { filters: defined, page, ignored };
}

/** What the library says above its filters about a date it left out. */
export function ignoredDateNotice(ignored: IgnoredValue): string {
  const widened =
    ignored.param === "from" ? "evidence of any earlier date is included" : "evidence of any later date is included";
  return `${ignored.message} ${quoted(ignored.value)} was ignored, so ${widened}.`;
}

/**
 * Ids of the candidate's evidence at the centre whose title or description contains every
 * word, ignoring case. Plain SQL, because Prisma's `contains` ignores case on SQLite but not on
 * PostgreSQL; LOWER(...) LIKE LOWER(...) means the same on both (for ASCII letters on SQLite).
 */
async function evidenceMatching(db: Db, centreId: string, candidateId: string, search: string): Promise<string[]> {
  const words = [...new Set(search.split(/\s+/).filter(Boolean))].slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return [];
  const conditions = Prisma.join(
    words.map((word) => containsIgnoringCase([Prisma.sql`e."title"`, Prisma.sql`e."description"`], word)),
    " AND ",
  );
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT e."id" AS "id" FROM "Evidence" e
    WHERE e."candidateId" = ${candidateId} AND e."centreId" = ${centreId} AND ${conditions}`);
  return rows.map((row) => row.id);
}

/**
 * A candidate's evidence library at one centre: newest activity first, 20 a page, with counts
 * of files and mappings worked out by the database. Readable by whoever may read that
 * candidate's evidence (the candidate, their assessors and IQAs, shared EQAs, centre admins).
 */
export async function listEvidence(
  db: Db,
  actor: Actor,
  input: { centreId: string; candidateId: string; filters?: EvidenceListFilters; page?: number },
): Promise<EvidenceList> {
  const { centreId, candidateId } = input;
  const enrolments = await db.enrolment.findMany({
    where: { candidateId, centreId },
    select: {
      assessorId: true,
      iqaId: true,
      eqaShares: { select: eqaShareFacts },
      unitVersion: { select: { title: true, unit: { select: { code: true } } } },
    },
  });
  const resource: EvidenceResource = {
    kind: "evidence",
    centreId,
    candidateId,
    enrolments: enrolments.map(({ assessorId, iqaId, eqaShares }) => ({ assessorId, iqaId, eqaShares })),
  };
  authorize(actor, "evidence.read", resource);

  const filters = input.filters ?? {};
  const centre = await db.centre.findUnique({ where: { id: centreId }, select: { timeZone: true } });
  const timeZone = timeZoneOf(centre);

  const units = [
    ...new Map(
      enrolments.map((e) => [e.unitVersion.unit.code, { code: e.unitVersion.unit.code, title: e.unitVersion.title }]),
    ).values(),
  ].sort((a, b) => a.code.localeCompare(b.code));

  const where = await evidenceWhere(db, { centreId, candidateId }, filters, timeZone);

  const total = await db.evidence.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / EVIDENCE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1) || 1), pageCount);
  const rows = await db.evidence.findMany({
    where,
    select: {
      id: true,
      title: true,
      method: true,
      activityDate: true,
      submittedAt: true,
      round: true,
      version: true,
      revisedAs: { select: { version: true } },
      _count: { select: { files: true, mappings: true } },
    },
    orderBy: [{ activityDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * EVIDENCE_PAGE_SIZE,
    take: EVIDENCE_PAGE_SIZE,
  });
  const items = await listItems(db, rows);
  return { items, total, page, pageSize: EVIDENCE_PAGE_SIZE, pageCount, filters, units, timeZone };
}

/** The filters as conditions on the candidate's evidence at the centre; dates are days in the centre's time zone. */
async function evidenceWhere(
  db: Db,
  { centreId, candidateId }: { centreId: string; candidateId: string },
  filters: EvidenceListFilters,
  timeZone: string,
): Promise<Prisma.EvidenceWhereInput> {
  const and: Prisma.EvidenceWhereInput[] = [{ candidateId, centreId }];
  if (filters.method) and.push({ method: filters.method });
  if (filters.unit)
    and.push({
      mappings: { some: { enrolment: { candidateId, centreId, unitVersion: { unit: { code: filters.unit } } } } },
    });
  // The stages of lib/mapping/status-words.ts's evidenceStage, as conditions.
  if (filters.status === "draft") and.push({ submittedAt: null, round: 1 });
  if (filters.status === "submitted") and.push({ submittedAt: { not: null } });
  // An old version has nothing referred left on it: that moved to its revision.
  if (filters.status === "referred") and.push({ submittedAt: null, round: { gt: 1 }, revisedAs: { is: null } });
  if (filters.status === "accepted") and.push({ mappings: { some: { status: "ACCEPTED" } } });
  if (filters.status === "rejected") and.push({ mappings: { some: { status: "REJECTED" } } });
  for (const param of ["from", "to"] as const) {
    const value = filters[param];
    const problem = value === undefined ? null : dateFilterProblem(param, value, new Date());
    if (problem) throw new AppError(problem, `evidence date filter out of bounds: ${param}=${value}`);
  }
  if (filters.from) and.push({ activityDate: { gte: startOfDayIn(filters.from, timeZone) } });
  if (filters.to) and.push({ activityDate: { lt: startOfDayIn(addDays(filters.to, 1), timeZone) } });
  if (filters.search) and.push({ id: { in: await evidenceMatching(db, centreId, candidateId, filters.search) } });
  return { AND: and };
}

/** Each row as the library lists it, with how its mappings stand (one grouped count for the page). */
async function listItems(
  db: Db,
  rows: Array<{
    id: string;
    title: string;
    method: string;
    activityDate: Date;
    submittedAt: Date | null;
    round: number;
    version: number;
    revisedAs: { version: number } | null;
    _count: { files: number; mappings: number };
  }>,
): Promise<EvidenceListItem[]> {
  const statusRows =
    rows.length === 0
      ? []
      : await db.mapping.groupBy({
          by: ["evidenceId", "status"],
          where: { evidenceId: { in: rows.map((r) => r.id) } },
          _count: { _all: true },
        });

  return rows.map((row): EvidenceListItem => {
    const mappings = mappingStatusCounts(
      statusRows.filter((s) => s.evidenceId === row.id).map((s) => ({ status: s.status, count: s._count._all })),
    );
    return {
      id: row.id,
      title: row.title,
      method: row.method,
      methodLabel: methodLabel(row.method),
      activityDate: row.activityDate,
      fileCount: row._count.files,
      mappingCount: row._count.mappings,
      mappings,
      submitted: row.submittedAt !== null,
      statusText: evidenceStatusText(row, mappings),
    };
  });
}
