import { z } from "zod";
import { Prisma } from "../../generated/sqlite/client";
import type { Provider } from "../db/provider";
import { addDays, calendarDateIn, startOfDayIn } from "../format/date";
import { ragStates, type RagState } from "./rag";

// The filters of the progress pages, parsed from the address (or a CSV request) with zod. The
// dashboard, the candidate list and the export read the same names, so a filtered view can be
// bookmarked, shared and exported as it is.

export type ProgressContext = {
  /** Which database dialect the SQL is written for; pages pass providerOf(env.DATABASE_URL). */
  provider: Provider;
  /** The instant figures are computed at; tests fix it. */
  now?: Date;
};

export const listSorts = ["name", "progress", "rag", "lastActivity"] as const;
export type ListSort = (typeof listSorts)[number];
export type SortDirection = "asc" | "desc";

/** Each sort's natural direction: names A-Z, lowest progress, worst RAG, longest without activity. */
export const defaultDirection: Record<ListSort, SortDirection> = { name: "asc", progress: "asc", rag: "asc", lastActivity: "asc" };

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => (value ? value : undefined));

const cohortPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Filters shared by every progress view: which enrolments are counted. */
export const ProgressFilters = z.object({
  unit: optionalText(50),
  assessor: optionalText(100),
  /** Start cohort: the month of the start date in the centre's time zone, "2026-03". */
  cohort: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => (value && cohortPattern.test(value) ? value : undefined)),
});
export type ProgressFilters = { unit?: string; assessor?: string; cohort?: string };

/** The candidate list's filters, sort and page; also what the CSV export accepts (without page). */
export const ListFilters = ProgressFilters.extend({
  rag: z.enum(ragStates).optional().catch(undefined),
  search: optionalText(200),
  sort: z.enum(listSorts).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
});
export type ListFilters = ProgressFilters & {
  rag?: RagState;
  search?: string;
  sort: ListSort;
  dir?: SortDirection;
  page: number;
};

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function plain(params: SearchParams): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

export function parseProgressFilters(params: SearchParams): ProgressFilters {
  return ProgressFilters.parse(plain(params));
}

export function parseListFilters(params: SearchParams): ListFilters {
  return ListFilters.parse(plain(params));
}

/** The query string for filters (without empty values and defaults), for links and the CSV. */
export function filtersQuery(filters: Partial<ListFilters>, { withPage = true } = {}): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.unit) query.unit = filters.unit;
  if (filters.assessor) query.assessor = filters.assessor;
  if (filters.cohort) query.cohort = filters.cohort;
  if (filters.rag) query.rag = filters.rag;
  if (filters.search) query.search = filters.search;
  if (filters.sort && filters.sort !== "name") query.sort = filters.sort;
  if (filters.dir && filters.sort && filters.dir !== defaultDirection[filters.sort]) query.dir = filters.dir;
  if (withPage && filters.page && filters.page > 1) query.page = String(filters.page);
  return query;
}

export function queryString(query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `?${search}` : "";
}

/** The instants a start cohort ("2026-03") begins and ends in the centre's time zone. */
export function cohortRange(cohort: string, timeZone: string): { from: Date; to: Date } {
  const [year, month] = cohort.split("-").map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  return { from: startOfDayIn(`${cohort}-01`, timeZone), to: startOfDayIn(`${next}-01`, timeZone) };
}

/** Every month from the first to the last start date, newest first, as "2026-03". */
export function cohortMonths(first: Date | null, last: Date | null, timeZone: string): string[] {
  if (!first || !last) return [];
  const start = calendarDateIn(first, timeZone).slice(0, 7);
  const end = calendarDateIn(last, timeZone).slice(0, 7);
  const months: string[] = [];
  let [year, month] = start.split("-").map(Number) as [number, number];
  for (let guard = 0; guard < 600; guard++) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    months.push(label);
    if (label >= end) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months.reverse();
}

/** "March 2026" for "2026-03". */
export function cohortLabel(cohort: string): string {
  const [year, month] = cohort.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The first instant of tomorrow in the time zone: the end of "the last 26 weeks". */
export function startOfTomorrow(now: Date, timeZone: string): Date {
  return startOfDayIn(addDays(calendarDateIn(now, timeZone), 1), timeZone);
}

// ---------------------------------------------------------------------------------------------
// The enrolments in scope, as SQL conditions on "Enrolment" e (and "User" u for the search).

export type EnrolmentScope = {
  centreId: string;
  unitCode?: string;
  assessorId?: string;
  startFrom?: Date;
  startBefore?: Date;
  candidateId?: string;
  /** Case-insensitive part of the candidate's name or email; needs "User" u joined. */
  search?: string;
};

/** Whether the scope is every enrolment of the centre: no unit, assessor, cohort, candidate or search. */
export function isWholeCentre(scope: EnrolmentScope): boolean {
  return (
    scope.unitCode === undefined &&
    scope.assessorId === undefined &&
    scope.startFrom === undefined &&
    scope.startBefore === undefined &&
    scope.candidateId === undefined &&
    scope.search === undefined
  );
}

export function scopeOf(centreId: string, filters: ProgressFilters & { search?: string }, timeZone: string): EnrolmentScope {
  const range = filters.cohort ? cohortRange(filters.cohort, timeZone) : null;
  return {
    centreId,
    unitCode: filters.unit,
    assessorId: filters.assessor,
    startFrom: range?.from,
    startBefore: range?.to,
    search: filters.search,
  };
}

/** Escapes LIKE wildcards with "!" (declared by ESCAPE '!'), so "%" and "_" match themselves. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, "!$&");
}

export function scopeConditions(scope: EnrolmentScope): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`e."centreId" = ${scope.centreId}`];
  if (scope.unitCode) {
    conditions.push(Prisma.sql`e."unitVersionId" IN (SELECT uv0."id" FROM "UnitVersion" uv0 JOIN "Unit" un0 ON un0."id" = uv0."unitId" WHERE un0."code" = ${scope.unitCode})`);
  }
  if (scope.assessorId) conditions.push(Prisma.sql`e."assessorId" = ${scope.assessorId}`);
  if (scope.startFrom) conditions.push(Prisma.sql`e."startDate" >= ${scope.startFrom}`);
  if (scope.startBefore) conditions.push(Prisma.sql`e."startDate" < ${scope.startBefore}`);
  if (scope.candidateId) conditions.push(Prisma.sql`e."candidateId" = ${scope.candidateId}`);
  if (scope.search) {
    const pattern = `%${escapeLike(scope.search)}%`;
    conditions.push(Prisma.sql`(LOWER(u."name") LIKE LOWER(${pattern}) ESCAPE '!' OR LOWER(u."email") LIKE LOWER(${pattern}) ESCAPE '!')`);
  }
  return Prisma.join(conditions, " AND ");
}
