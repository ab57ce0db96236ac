// Dates are stored as UTC instants and shown in the time zone of the centre they belong to.
// Calendar dates typed into forms ("2026-03-01") mean midnight of that day in the centre's zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "1 March 2026", as the day is in the time zone given. */
export function formatDate(date: Date, timeZone: string): string {
  return formatter(`date:${timeZone}`, () => new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "long" })).format(
    date,
  );
}

/** "1 Mar 2026, 14:05", in the time zone given. */
export function formatDateTime(date: Date, timeZone: string): string {
  return formatter(
    `datetime:${timeZone}`,
    () => new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }),
  ).format(date);
}

function partsIn(date: Date, timeZone: string) {
  const parts = formatter(
    `parts:${timeZone}`,
    () =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      }),
  ).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The calendar date ("2026-03-01") an instant falls on in the time zone given: for date inputs. */
export function calendarDateIn(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** How far ahead of UTC the zone is at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(new Date(instant), timeZone);
  const wallClockAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallClockAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real date written "YYYY-MM-DD" (so "2026-02-30" is false). */
export function isCalendarDate(value: string): boolean {
  const match = calendarDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC instant at which the calendar date begins in the time zone given. */
export function startOfDayIn(calendarDate: string, timeZone: string): Date {
  const match = calendarDatePattern.exec(calendarDate);
  if (!match || !isCalendarDate(calendarDate)) throw new Error(`not a calendar date: ${calendarDate}`);
  const midnightAsUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const firstGuess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  // The offset can differ between the guess and the answer across a daylight-saving change.
  const corrected = midnightAsUtc - offsetAt(firstGuess, timeZone);
  return new Date(corrected);
}

/** Adds whole years to a calendar date; 29 February becomes 28 February in a common year. */
export function addYears(calendarDate: string, years: number): string {
  const match = calendarDatePattern.exec(calendarDate);
  if (!match) throw new Error(`not a calendar date: ${calendarDate}`);
  const year = Number(match[1]) + years;
  const month = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(match[3]), lastDay);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Adds whole days to a calendar date. */
export function addDays(calendarDate: string, days: number): string {
  const match = calendarDatePattern.exec(calendarDate);
  if (!match) throw new Error(`not a calendar date: ${calendarDate}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * Access that lasts "until the end of" a day is stored as the instant the next day begins;
 * this gives back that last day, formatted, in the time zone given.
 */
export function formatLastDay(endsAt: Date, timeZone: string): string {
  return formatDate(new Date(endsAt.getTime() - 1), timeZone);
}
