import { describe, expect, it } from "vitest";
import {
  activitySearchDates,
  boundedDate,
  boundedMonth,
  dateLabel,
  dateProblem,
  enrolmentDates,
  eqaAccessDates,
  fromQuery,
  monthLabel,
  monthProblem,
  quoted,
} from "@/lib/format/date-bounds";
import { cohortMonths } from "@/lib/progress/filters";

// The one place the bounds of typed dates and months are written (lib/format/date-bounds.ts).

const NOW = new Date("2026-06-15T10:30:00.000Z");
const enrolment = enrolmentDates(NOW);

describe("the ranges", () => {
  it("lets enrolments run from 2000 to ten years after today", () => {
    expect(enrolment).toEqual({ earliest: "2000-01-01", latest: "2036-06-15" });
  });

  it("lets evidence searches reach back to 1900, as the evidence form does, and ten years ahead", () => {
    expect(activitySearchDates(NOW)).toEqual({ earliest: "1900-01-01", latest: "2036-06-15" });
  });

  it("gives EQA access from today to a year from today, 29 February becoming 28 February", () => {
    expect(eqaAccessDates("2028-02-29")).toEqual({ earliest: "2028-02-29", latest: "2029-02-28" });
  });

  it("names days and months in words", () => {
    expect(dateLabel("2000-01-01")).toBe("1 January 2000");
    expect(monthLabel("2036-06")).toBe("June 2036");
  });
});

describe("dates", () => {
  it.each(["2000-01-01", "2026-02-28", "2028-02-29", "2036-06-15"])("accepts %s", (value) => {
    expect(dateProblem(value, enrolment, "the start date")).toBeNull();
  });

  it.each([
    "9999-12-30",
    "9999-12-31",
    "0001-01-01",
    "0099-12-31",
    "0100-01-01",
    "1999-12-31",
    "2036-06-16",
    "9999-99-99",
  ])("refuses %s as outside the range, saying the range", (value) => {
    expect(dateProblem(value, enrolment, "the start date")).toBe(
      "The start date must be between 1 January 2000 and 15 June 2036.",
    );
  });

  it.each(["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-04-31"])(
    "refuses %s as not a real date",
    (value) => {
      expect(dateProblem(value, enrolment, "the start date")).toBe(
        "The start date must be a real date, for example 2026-03-01.",
      );
    },
  );

  it.each(["abc", "2026-3-1", "26-03-01", "20260301", "+010000-01-01", "2026-03-01T00:00", ""])(
    "refuses %j as not written YYYY-MM-DD",
    (value) => {
      expect(dateProblem(value, enrolment, "the start date", "2026-12-01")).toBe(
        "The start date must be a date written YYYY-MM-DD, for example 2026-12-01.",
      );
    },
  );
});

describe("months", () => {
  it.each(["2000-01", "2026-03", "2036-06"])("accepts %s", (value) => {
    expect(monthProblem(value, enrolment, "the start cohort")).toBeNull();
  });

  it.each(["9999-12", "0001-01", "0099-12", "1999-12", "2036-07"])(
    "refuses %s as outside the range's months",
    (value) => {
      expect(monthProblem(value, enrolment, "the start cohort")).toBe(
        "The start cohort must be between January 2000 and June 2036.",
      );
    },
  );

  it.each(["2026-13", "2026-00", "2026-3", "abc", "10000-01", "2026-03-01"])(
    "refuses %s as not a month written YYYY-MM",
    (value) => {
      expect(monthProblem(value, enrolment, "the start cohort")).toBe(
        "The start cohort must be a month written YYYY-MM, for example 2026-03.",
      );
    },
  );
});

describe("the zod helpers", () => {
  const startDate = boundedDate({ name: "the start date", missing: "Enter the start date.", range: () => enrolment });

  it("trims, and says a blank field is missing rather than badly written", () => {
    expect(startDate.parse(" 2026-03-01 ")).toBe("2026-03-01");
    expect(startDate.safeParse("").error?.issues.map((i) => i.message)).toEqual(["Enter the start date."]);
    expect(startDate.safeParse(undefined).error?.issues.map((i) => i.message)).toEqual(["Enter the start date."]);
  });

  it("gives one message for an out-of-range date", () => {
    expect(startDate.safeParse("9999-12-30").error?.issues.map((i) => i.message)).toEqual([
      "The start date must be between 1 January 2000 and 15 June 2036.",
    ]);
  });

  it("works the range out at each parse, so it moves with today", () => {
    let now = NOW;
    const month = boundedMonth({ name: "the start cohort", range: () => enrolmentDates(now) });
    expect(month.safeParse("2036-07").success).toBe(false);
    now = new Date("2026-07-01T00:00:00Z");
    expect(month.safeParse("2036-07").success).toBe(true);
  });
});

describe("reading a date or month from the address", () => {
  const cohort = boundedMonth({ name: "the start cohort", range: () => enrolment });

  it("treats blank and absent as no filter", () => {
    expect(fromQuery(cohort, "cohort", undefined)).toEqual({});
    expect(fromQuery(cohort, "cohort", "  ")).toEqual({});
  });

  it("uses a value within the bounds, the first of repeated ones", () => {
    expect(fromQuery(cohort, "cohort", "2026-03")).toEqual({ value: "2026-03" });
    expect(fromQuery(cohort, "cohort", ["2026-03", "9999-12"])).toEqual({ value: "2026-03" });
  });

  it("leaves out a value it cannot use, with the reason", () => {
    expect(fromQuery(cohort, "cohort", "9999-12")).toEqual({
      ignored: {
        param: "cohort",
        value: "9999-12",
        message: "The start cohort must be between January 2000 and June 2036.",
      },
    });
  });

  it("quotes a long value only in part", () => {
    expect(quoted("2026-03")).toBe("“2026-03”");
    expect(quoted("x".repeat(41))).toBe(`“${"x".repeat(40)}…”`);
  });
});

describe("the start cohorts offered by the progress filters", () => {
  const tz = "Europe/London";

  it("are the months from the first to the last start, newest first", () => {
    expect(cohortMonths(new Date("2025-11-10T00:00:00Z"), new Date("2026-02-01T00:00:00Z"), tz, NOW)).toEqual([
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
    ]);
  });

  it("never reach past the bounds, whatever start dates are stored", () => {
    const months = cohortMonths(new Date("1970-01-01T00:00:00Z"), new Date("9999-12-30T00:00:00Z"), tz, NOW);
    expect(months[0]).toBe("2036-06");
    expect(months.at(-1)).toBe("2000-01");
    expect(months).toHaveLength(36 * 12 + 6);
  });

  it("are none when every start is outside the bounds", () => {
    expect(cohortMonths(new Date("9999-12-30T00:00:00Z"), new Date("9999-12-30T00:00:00Z"), tz, NOW)).toEqual([]);
    expect(cohortMonths(null, null, tz, NOW)).toEqual([]);
  });
});
