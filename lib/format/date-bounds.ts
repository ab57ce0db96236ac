import { z } from "zod";
import { addYears, calendarDateIn, formatDate, isCalendarDate } from "./date";

// The bounds of every date and month a person types, in a form or in the address, written once.
//
// Why they exist: lib/format/date.ts works with four-digit years, and JavaScript's Date.UTC reads
// the years 0 to 99 as 1900 to 1999. Without bounds, "?cohort=9999-12" made the month after it
// "10000-01"; "?cohort=0001-01" and "0099-12" failed isCalendarDate (Date.UTC(1, 0, 1) is in
// 1901); the evidence library's "?to=9999-12-31" made the next day "+010000-01-01". Each reached
// startOfDayIn, which threw, and the page answered 500. An enrolment could start on 9999-12-30,
// after which the start-cohort filter listed hundreds of empty months. Inside the ranges below a
// date, the day after it and the month after it all have four-digit years from 1900 on, where
// that arithmetic is exact; so check a value here before doing any arithmetic on it.

/** Calendar dates, "YYYY-MM-DD", both ends included. */
export type DateRange = { earliest: string; latest: string };

/**
 * The earliest start (or planned end) of an enrolment. The units in the catalogue are
 * qualifications of this century, and a centre moving older records in can date them from
 * 2000; anything earlier is a mistyped year (0026 for 2026), not a real enrolment.
 */
export const EARLIEST_ENROLMENT_DATE = "2000-01-01";

/** The earliest activity date the evidence form accepts (lib/evidence/evidence-form-schema.ts). */
export const EARLIEST_ACTIVITY_DATE = "1900-01-01";

/**
 * How far ahead any date may be. The longest programmes (apprenticeships) are planned over four
 * or five years, so ten years ahead leaves room for any real plan and still refuses a mistyped
 * year such as 2226 or 9999.
 */
export const YEARS_AHEAD = 10;

/**
 * Today's calendar date in UTC. Bounds years apart do not need the centre's time zone: a day
 * either way at the far end of a ten-year window changes nothing a person would type.
 */
export function todayUtc(now: Date = new Date()): string {
  return calendarDateIn(now, "UTC");
}

/** When an enrolment may start or be planned to end, and so which months are start cohorts. */
export function enrolmentDates(now: Date = new Date()): DateRange {
  return { earliest: EARLIEST_ENROLMENT_DATE, latest: addYears(todayUtc(now), YEARS_AHEAD) };
}

/**
 * The dates a search over evidence activity may name: from the earliest activity date to the
 * same horizon as enrolments (a "to" date a little in the future is harmless in a search).
 */
export function activitySearchDates(now: Date = new Date()): DateRange {
  return { earliest: EARLIEST_ACTIVITY_DATE, latest: addYears(todayUtc(now), YEARS_AHEAD) };
}

/** How long an external quality assurer's access to an enrolment may last. */
export const EQA_ACCESS_YEARS = 1;

/** The last days of access an EQA share may be given: today to a year from today, in the centre's time zone. */
export function eqaAccessDates(today: string): DateRange {
  return { earliest: today, latest: addYears(today, EQA_ACCESS_YEARS) };
}

/** "1 January 2000" for "2000-01-01". */
export function dateLabel(date: string): string {
  return formatDate(new Date(`${date}T00:00:00Z`), "UTC");
}

/** "January 2000" for "2000-01". */
export function monthLabel(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What is wrong with a "YYYY-MM-DD" date typed for `name` ("the start date"), or null if nothing.
 * The range is checked before the calendar: ISO dates of four-digit years compare as strings in
 * date order, and isCalendarDate is only exact from the year 100 on (see above).
 */
export function dateProblem(value: string, range: DateRange, name: string, example = "2026-03-01"): string | null {
  if (!datePattern.test(value)) return `${sentence(name)} must be a date written YYYY-MM-DD, for example ${example}.`;
  if (value < range.earliest || value > range.latest)
    return `${sentence(name)} must be between ${dateLabel(range.earliest)} and ${dateLabel(range.latest)}.`;
  if (!isCalendarDate(value)) return `${sentence(name)} must be a real date, for example ${example}.`;
  return null;
}

/** What is wrong with a "YYYY-MM" month typed for `name` ("the start cohort"), or null if nothing. */
export function monthProblem(value: string, range: DateRange, name: string, example = "2026-03"): string | null {
  if (!monthPattern.test(value)) return `${sentence(name)} must be a month written YYYY-MM, for example ${example}.`;
  const [first, last] = [range.earliest.slice(0, 7), range.latest.slice(0, 7)];
  if (value < first || value > last)
    return `${sentence(name)} must be between ${monthLabel(first)} and ${monthLabel(last)}.`;
  return null;
}

type Bounds = {
  /** How the messages name the field: "the start date". */
  name: string;
  /** Worked out at each parse, so "ten years from today" moves with today. */
  range: () => DateRange;
  /** The message for a blank value; without it, blank is refused as not a date. */
  missing?: string;
  example?: string;
};

function bounded(problemOf: typeof dateProblem, { name, range, missing, example }: Bounds) {
  const text = missing
    ? z.string({ error: missing }).trim().min(1, { error: missing, abort: true })
    : z.string().trim();
  return text.superRefine((value, ctx) => {
    const problem = problemOf(value, range(), name, example);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A zod string that must be a real "YYYY-MM-DD" date within the range; messages say the range. */
export function boundedDate(bounds: Bounds) {
  return bounded(dateProblem, bounds);
}

/** A zod string that must be a "YYYY-MM" month within the range's months; messages say the range. */
export function boundedMonth(bounds: Bounds) {
  return bounded(monthProblem, bounds);
}

/** A value from the address that was not used, and why; the page says so rather than failing. */
export type IgnoredValue = { param: string; value: string; message: string };

/** Long enough to recognise a value in a message, short enough that a pasted essay stays out of the page. */
const SHOWN_LENGTH = 40;

/** The value as a message quotes it, cut short if long. */
export function quoted(value: string): string {
  return `“${value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value}”`;
}

/**
 * Reads an optional date or month from the address with a bounded schema. Blank means no
 * filter; a value the schema refuses is left out and reported, so the page still answers.
 */
export function fromQuery(
  schema: z.ZodType<string, string>,
  param: string,
  raw: unknown,
): { value?: string; ignored?: IgnoredValue } {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value.trim() === "") return {};
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  return {
    ignored: { param, value, message: parsed.error.issues[0]?.message ?? `${sentence(param)} could not be read.` },
  };
}
