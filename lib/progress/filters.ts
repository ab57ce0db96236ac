import { z } from "zod";
import { containsIgnoringCase } from "../db/contains-sql";
import { Prisma } from "../../generated/sqlite/client";
import type { Provider } from "../db/provider";
import { AppError } from "../errors";
import { addDays, calendarDateIn, startOfDayIn } from "../format/date";
import {
  boundedMonth,
  enrolmentDates,
  fromQuery,
  monthLabel,
  monthProblem,
  quoted,
  type IgnoredValue,
} from "../format/date-bounds";
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
export const defaultDirection: Record<ListSort, SortDirection> = {
  name: "asc",
  progress: "asc",
  rag: "asc",
  lastActivity: "asc",
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => (value ? value : undefined));

/** Filters shared by every progress view: which enrolments are counted. The start cohort is read apart (withCohort). */
export const ProgressFilters = z.object({
  unit: optionalText(50),
  assessor: optionalText(100),
});
/** `cohort` is the start cohort: the month of the start date in the centre's time zone, "2026-03". */
export type ProgressFilters = { unit?: string; assessor?: string; cohort?: string };

const COHORT_NAME = "the start cohort";

/**
 * A page number read from the address: 1 for anything that is not one. Bounded, so that a
 * typed-in huge number cannot become an offset the database refuses.
 */
export const pageQuery = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** The candidate list's filters, sort and page; also what the CSV export accepts (without page). */
export const ListFilters = ProgressFilters.extend({
  rag: z.enum(ragStates).optional().catch(undefined),
  search: optionalText(200),
  sort: z.enum(listSorts).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: pageQuery.default(1),
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
  if (params instanceof URLSearchParams)
    return Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
}

/** Filters read from the address, and any value left out because it could not be used. */
export type ReadFilters<F> = { filters: F; ignored: IgnoredValue[] };

/** Adds the start cohort: a month in which enrolments can start (lib/format/date-bounds.ts), or nothing and why. */
function withCohort<F extends object>(
  filters: F,
  params: SearchParams,
  now: Date,
): ReadFilters<F & { cohort?: string }> {
  const schema = boundedMonth({ name: COHORT_NAME, range: () => enrolmentDates(now) });
  const cohort = fromQuery(schema, "cohort", plain(params).cohort);
  return { filters: { ...filters, cohort: cohort.value }, ignored: cohort.ignored ? [cohort.ignored] : [] };
}

/** The dashboard's filters. Never throws: a value it cannot use is left out and listed in `ignored`. */
export function readProgressFilters(params: SearchParams, now: Date = new Date()): ReadFilters<ProgressFilters> {
  return withCohort(ProgressFilters.parse(plain(params)), params, now);
}

/** The candidate list's (and the export's) filters; as readProgressFilters. */
export function readListFilters(params: SearchParams, now: Date = new Date()): ReadFilters<ListFilters> {
  return withCohort(ListFilters.parse(plain(params)), params, now);
}

/**
 * What the CSV export answers (400) when the address holds a filter it cannot use: a download
 * has nowhere to show a notice, so it is refused rather than widened to every enrolment.
 */
export function exportRefusal(ignored: IgnoredValue[]): string {
  const problems = ignored.map((value) => `${value.message} ${quoted(value.value)} cannot be used.`);
  return [...problems, "Choose the filters on the Candidates’ progress page and download the list from there."].join(
    " ",
  );
}

/** What the progress pages say above the filters about a start cohort they left out. */
export function ignoredCohortNotice(ignored: IgnoredValue): string {
  return `${ignored.message} ${quoted(ignored.value)} was ignored, so enrolments of every start month are shown.`;
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

/**
 * The instants a start cohort ("2026-03") begins and ends in the centre's time zone. Only for a
 * month within the bounds (the address is read by readCohort): outside them the month after it
 * may not be a date at all, so this refuses it with the reason rather than an opaque failure.
 */
export function cohortRange(cohort: string, timeZone: string): { from: Date; to: Date } {
  const problem = monthProblem(cohort, enrolmentDates(), COHORT_NAME);
  if (problem) throw new AppError(problem, `start cohort out of bounds: ${cohort}`);
  const [year, month] = cohort.split("-").map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  return { from: startOfDayIn(`${cohort}-01`, timeZone), to: startOfDayIn(`${next}-01`, timeZone) };
}

/**
 * Every month from the first to the last start date, newest first, as "2026-03", within the
 * months enrolments can start in: a start date stored before the bounds existed (9999-12-30,
 * say) cannot stretch the list, which is at most the bounds' months long.
 */
export function cohortMonths(
  first: Date | null,
  last: Date | null,
  timeZone: string,
  now: Date = new Date(),
): string[] {
  if (!first || !last) return [];
  const bounds = enrolmentDates(now);
  const [earliest, latest] = [bounds.earliest.slice(0, 7), bounds.latest.slice(0, 7)];
  const start = maxOf(calendarDateIn(first, timeZone).slice(0, 7), earliest);
  const end = minOf(calendarDateIn(last, timeZone).slice(0, 7), latest);
  const months: string[] = [];
  let [year, month] = start.split("-").map(Number) as [number, number];
  for (let label = start; label <= end; label = `${year}-${String(month).padStart(2, "0")}`) {
    months.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months.reverse();
}

const maxOf = (a: string, b: string) => (a > b ? a : b);
const minOf = (a: string, b: string) => (a < b ? a : b);

/** "March 2026" for "2026-03". */
export const cohortLabel = monthLabel;

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

export function scopeOf(
  centreId: string,
  filters: ProgressFilters & { search?: string },
  timeZone: string,
): EnrolmentScope {
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

export function scopeConditions(scope: EnrolmentScope): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`e."centreId" = ${scope.centreId}`];
  if (scope.unitCode) {
    conditions.push(
      Prisma.sql`e."unitVersionId" IN (SELECT uv0."id" FROM "UnitVersion" uv0 JOIN "Unit" un0 ON un0."id" = uv0."unitId" WHERE un0."code" = ${scope.unitCode})`,
    );
  }
  if (scope.assessorId) conditions.push(Prisma.sql`e."assessorId" = ${scope.assessorId}`);
  if (scope.startFrom) conditions.push(Prisma.sql`e."startDate" >= ${scope.startFrom}`);
  if (scope.startBefore) conditions.push(Prisma.sql`e."startDate" < ${scope.startBefore}`);
  if (scope.candidateId) conditions.push(Prisma.sql`e."candidateId" = ${scope.candidateId}`);
  if (scope.search) {
    conditions.push(containsIgnoringCase([Prisma.sql`u."name"`, Prisma.sql`u."email"`], scope.search));
  }
  return Prisma.join(conditions, " AND ");
}
