import { beforeAll, describe, expect, it } from "vitest";

import type { SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";

import { createEnrolment } from "@/lib/enrolments/create-enrolment";

import { plannedPeriod } from "@/lib/enrolments/planned-period";

import { shareWithEqa } from "@/lib/enrolments/share-with-eqa";

import { AppError, InputError } from "@/lib/errors";

import { createEvidence } from "@/lib/evidence/create-evidence";

import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { evidenceListQueryFrom, ignoredDateNotice, listEvidence } from "@/lib/evidence/list-evidence";

import { calendarDateIn } from "@/lib/format/date";

import { listProgress } from "@/lib/progress/candidate-list";

import { exportProgressCsv } from "@/lib/progress/csv";

import { parseCsv } from "../helpers/csv";

import { getDashboard } from "@/lib/progress/dashboard";

import {
  exportRefusal,
  ignoredCohortNotice,
  readListFilters,
  readProgressFilters,
  type ProgressContext,
} from "@/lib/progress/filters";

import { getProgressOptions } from "@/lib/progress/options";

import { getWorkload } from "@/lib/progress/workload";

import { importStandards } from "@/lib/standards/import";

import { actorByEmail, rejection } from "../helpers/actors";

import { provider, useMigratedDb } from "../helpers/test-db";

// Dates and months typed into the address or a form, at and past every boundary (issue 13):
// the progress pages, the CSV export and the evidence library read them with the same
// functions the pages call, never throw on them, and say which value they left out and why;
// enrolments and EQA shares refuse out-of-range dates with a message on the field.

const state = useMigratedDb();
const NOW = new Date("2026-06-15T10:30:00.000Z");
const ctx: ProgressContext = { provider, now: NOW };
const TZ = "Europe/London";

let centreId = "";
let admin: SessionActor;
let candidate: SessionActor;
let demoCohorts: string[] = [];

const userId = async (email: string) => (await state.db.user.findUniqueOrThrow({ where: { email } })).id;

beforeAll(async () => {
  await importStandards(state.db);
  await seedDemo(state.db);
  centreId = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  admin = await actorByEmail(state.db, "admin@northgate.example");
  candidate = await actorByEmail(state.db, "candidate@northgate.example");
  for (const [title, method, activityDate] of [
    ["Photos of the display I built", "product", "2026-01-15"],
    ["Notes on a complaint I handled", "reflectiveAccount", "1999-05-01"],
  ] as const) {
    await createEvidence(state.db, candidate, centreId, {
      ...emptyEvidenceFormValues,
      title,
      method,
      activityDate,
      description: "What I did and what it shows.",
    });
  }
  const starts = await state.db.enrolment.findMany({ where: { centreId }, select: { startDate: true } });
  demoCohorts = [...new Set(starts.map((e) => calendarDateIn(e.startDate, TZ).slice(0, 7)))];
});

describe("the start cohort in the address of the progress pages", () => {
  const refused: Array<[string, string]> = [
    ["9999-12", "The start cohort must be between January 2000 and June 2036."],
    ["0001-01", "The start cohort must be between January 2000 and June 2036."],
    ["0099-12", "The start cohort must be between January 2000 and June 2036."],
    ["1999-12", "The start cohort must be between January 2000 and June 2036."],
    ["2036-07", "The start cohort must be between January 2000 and June 2036."],
    ["2026-13", "The start cohort must be a month written YYYY-MM, for example 2026-03."],
    ["2026-3", "The start cohort must be a month written YYYY-MM, for example 2026-03."],
    ["abc", "The start cohort must be a month written YYYY-MM, for example 2026-03."],
  ];

  it.each(refused)(
    "the dashboard leaves out cohort=%s, says why, and shows every start month",
    async (cohort, message) => {
      const { filters, ignored } = readProgressFilters({ cohort, unit: "CS34" }, NOW);
      expect(filters).toEqual({ unit: "CS34", assessor: undefined, cohort: undefined });
      expect(ignored).toEqual([{ param: "cohort", value: cohort, message }]);
      expect(ignoredCohortNotice(ignored[0]!)).toBe(
        `${message} “${cohort}” was ignored, so enrolments of every start month are shown.`,
      );

      const dashboard = await getDashboard(state.db, admin, { centreId, ...filters }, ctx);
      const unfiltered = await getDashboard(state.db, admin, { centreId, unit: "CS34" }, ctx);
      expect(dashboard.enrolments).toEqual(unfiltered.enrolments);
      expect(dashboard.enrolments.total).toBeGreaterThan(0);
      await expect(getWorkload(state.db, admin, { centreId, ...filters }, ctx)).resolves.toBeDefined();
    },
  );

  it.each(refused)("the candidate list leaves out cohort=%s and keeps the other filters", async (cohort, message) => {
    const { filters, ignored } = readListFilters({ cohort, sort: "progress", search: "cara" }, NOW);
    expect(ignored.map((i) => i.message)).toEqual([message]);
    const list = await listProgress(state.db, admin, { centreId, ...filters }, ctx);
    expect(list.filters).toMatchObject({ cohort: undefined, sort: "progress", search: "cara" });
    expect(list.items.map((row) => row.candidate.name)).toEqual(["Cara Jones", "Cara Jones"]);
  });

  it.each(refused)(
    "the CSV export refuses cohort=%s with a plain message instead of exporting everything",
    (cohort, message) => {
      const { ignored } = readListFilters(new URLSearchParams({ cohort, unit: "CS34" }), NOW);
      expect(exportRefusal(ignored)).toBe(
        `${message} “${cohort}” cannot be used. Choose the filters on the Candidates’ progress page and download the list from there.`,
      );
    },
  );

  it("quotes a long value only in part", () => {
    const { ignored } = readProgressFilters({ cohort: "x".repeat(5000) }, NOW);
    expect(ignoredCohortNotice(ignored[0]!)).toContain(`“${"x".repeat(40)}…”`);
    expect(ignoredCohortNotice(ignored[0]!).length).toBeLessThan(200);
  });

  it("treats a blank or absent cohort as no filter, without a notice", () => {
    expect(readProgressFilters({ cohort: "" }, NOW).ignored).toEqual([]);
    expect(readProgressFilters({}, NOW).ignored).toEqual([]);
    expect(readListFilters(new URLSearchParams("cohort="), NOW).ignored).toEqual([]);
  });

  it("still filters by a start cohort within the bounds, and exports it", async () => {
    const cohort = demoCohorts[0]!;
    const { filters, ignored } = readListFilters(new URLSearchParams({ cohort }), NOW);
    expect(ignored).toEqual([]);
    expect(filters.cohort).toBe(cohort);
    const list = await listProgress(state.db, admin, { centreId, ...filters }, ctx);
    expect(list.total).toBeGreaterThan(0);
    const { stream } = await exportProgressCsv(state.db, admin, { centreId, ...filters }, ctx);
    expect(parseCsv(await new Response(stream).text())).toHaveLength(list.total + 1);
  });

  it("accepts the first and last months of the bounds", async () => {
    for (const cohort of ["2000-01", "2036-06"]) {
      const { filters, ignored } = readProgressFilters({ cohort }, NOW);
      expect(ignored).toEqual([]);
      expect((await getDashboard(state.db, admin, { centreId, ...filters }, ctx)).enrolments.total).toBe(0);
    }
  });

  it("refuses an out-of-range cohort given to the domain functions directly with the reason, not an opaque failure", async () => {
    const error = await rejection(getDashboard(state.db, admin, { centreId, cohort: "9999-12" }, ctx));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toMatch(/^The start cohort must be between January 2000 and /);
  });
});

describe("the activity dates in the address of the evidence library", () => {
  const refused: Array<[string, string]> = [
    ["9999-12-31", "must be between 1 January 1900 and 15 June 2036."],
    ["0001-01-01", "must be between 1 January 1900 and 15 June 2036."],
    ["0099-12-31", "must be between 1 January 1900 and 15 June 2036."],
    ["2026-02-30", "must be a real date, for example 2026-03-01."],
    ["2026-13-01", "must be a real date, for example 2026-03-01."],
    ["abc", "must be a date written YYYY-MM-DD, for example 2026-03-01."],
  ];

  it.each(refused)(
    "leaves out from and to = %s, says why, and lists all the candidate's evidence",
    async (value, problem) => {
      const { filters, page, ignored } = evidenceListQueryFrom({ from: value, to: value, method: "product" }, NOW);
      expect(filters).toEqual({ method: "product" });
      expect(ignored).toEqual([
        { param: "from", value, message: `The “Activity from” date ${problem}` },
        { param: "to", value, message: `The “Activity to” date ${problem}` },
      ]);
      expect(ignored.map(ignoredDateNotice)).toEqual([
        `The “Activity from” date ${problem} “${value}” was ignored, so evidence of any earlier date is included.`,
        `The “Activity to” date ${problem} “${value}” was ignored, so evidence of any later date is included.`,
      ]);
      const list = await listEvidence(state.db, candidate, { centreId, candidateId: candidate.userId, filters, page });
      expect(list.items.map((item) => item.title)).toEqual(["Photos of the display I built"]);
    },
  );

  it("uses dates within the bounds, up to the last day", async () => {
    const { filters, ignored } = evidenceListQueryFrom({ from: "1900-01-01", to: "2036-06-15" }, NOW);
    expect(ignored).toEqual([]);
    const list = await listEvidence(state.db, candidate, { centreId, candidateId: candidate.userId, filters });
    expect(list.items.map((item) => item.title)).toEqual([
      "Photos of the display I built",
      "Notes on a complaint I handled",
    ]);
  });

  it("refuses an out-of-range date given to listEvidence directly with the reason", async () => {
    const error = await rejection(
      listEvidence(state.db, candidate, { centreId, candidateId: candidate.userId, filters: { to: "9999-12-31" } }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toMatch(/^The “Activity to” date must be between 1 January 1900 and /);
  });
});

describe("dates typed into the enrolment and sharing forms", () => {
  async function enrolWith(startDate: string, plannedEndDate: string) {
    return createEnrolment(state.db, admin, {
      centreId,
      candidateId: await userId("candidate2@northgate.example"),
      unitCode: "CS34",
      assessorId: await userId("assessor@northgate.example"),
      iqaId: await userId("iqa@northgate.example"),
      startDate,
      plannedEndDate,
    });
  }

  async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).fieldErrors;
  }

  // The end of the range is ten years from the day the test runs; the messages are checked up to it.
  const between = (field: string) =>
    new RegExp(`^The ${field} must be between 1 January 2000 and \\d{1,2} [A-Z][a-z]+ \\d{4}\\.$`);

  it("refuses an enrolment starting 9999-12-30 with a message on each date field, and stores nothing", async () => {
    const before = await state.db.enrolment.count();
    const errors = await fieldErrorsOf(enrolWith("9999-12-30", "9999-12-31"));
    expect(Object.keys(errors).sort()).toEqual(["plannedEndDate", "startDate"]);
    expect(errors.startDate?.[0]).toMatch(between("start date"));
    expect(errors.plannedEndDate?.[0]).toMatch(between("planned end date"));
    expect(await state.db.enrolment.count()).toBe(before);
  });

  it.each([
    ["0001-01-01", "2026-09-01"],
    ["0099-12-31", "2026-09-01"],
    ["1999-12-31", "2026-09-01"],
  ])("refuses a start date of %s as out of range, not as an impossible date", async (startDate, plannedEndDate) => {
    const errors = await fieldErrorsOf(enrolWith(startDate, plannedEndDate));
    expect(Object.keys(errors)).toEqual(["startDate"]);
    expect(errors.startDate?.[0]).toMatch(between("start date"));
  });

  it("says what is wrong with an impossible or badly written date", async () => {
    expect((await fieldErrorsOf(enrolWith("2026-02-30", "2026-09-01"))).startDate).toEqual([
      "The start date must be a real date, for example 2026-03-01.",
    ]);
    expect((await fieldErrorsOf(enrolWith("2026-01-05", "abc"))).plannedEndDate).toEqual([
      "The planned end date must be a date written YYYY-MM-DD, for example 2026-12-01.",
    ]);
  });

  it("refuses a last day of EQA access outside today to a year from today, saying the range", async () => {
    const enrolment = await state.db.enrolment.findFirstOrThrow({ where: { centreId }, select: { id: true } });
    const eqaUserId = await userId("eqa@awarding.example");
    for (const lastDay of ["9999-12-31", "0001-01-01", "0099-12-31", "2027-06-16", "2026-06-14"]) {
      const errors = await fieldErrorsOf(
        shareWithEqa(state.db, admin, { enrolmentId: enrolment.id, eqaUserId, lastDay }, NOW),
      );
      expect(errors).toEqual({ lastDay: ["The last day of access must be between 15 June 2026 and 15 June 2027."] });
    }
    expect(
      (
        await fieldErrorsOf(
          shareWithEqa(state.db, admin, { enrolmentId: enrolment.id, eqaUserId, lastDay: "2026-13-01" }, NOW),
        )
      ).lastDay,
    ).toEqual(["The last day of access must be a real date, for example 2026-12-01."]);
    await expect(
      shareWithEqa(state.db, admin, { enrolmentId: enrolment.id, eqaUserId, lastDay: "2027-06-15" }, NOW),
    ).resolves.toMatchObject({ renewed: false });
  });
});

describe("an enrolment stored with a start date outside the bounds (before they existed)", () => {
  beforeAll(async () => {
    const version = await state.db.unitVersion.findFirstOrThrow({
      where: { unit: { code: "CU782" } },
      orderBy: { number: "desc" },
    });
    await state.db.enrolment.create({
      data: {
        centreId,
        candidateId: await userId("candidate2@northgate.example"),
        unitVersionId: version.id,
        assessorId: await userId("assessor@northgate.example"),
        iqaId: await userId("iqa@northgate.example"),
        ...plannedPeriod(new Date("9999-12-30T00:00:00.000Z"), new Date("9999-12-31T00:00:00.000Z")),
      },
    });
  });

  it("does not stretch the start cohorts: they are the months of the enrolments within the bounds", async () => {
    const options = await getProgressOptions(state.db, admin, centreId, NOW);
    const sorted = [...demoCohorts].sort();
    expect(options.cohorts.at(-1)).toBe(sorted[0]);
    expect(options.cohorts[0]).toBe(sorted.at(-1));
    expect(options.cohorts.length).toBeLessThan(24);
    expect(options.cohorts).not.toContain("9999-12");
  });

  it("is still counted, listed and exported without filters", async () => {
    const dashboard = await getDashboard(state.db, admin, { centreId }, ctx);
    expect(dashboard.enrolments.total).toBe(await state.db.enrolment.count({ where: { centreId } }));
    const list = await listProgress(
      state.db,
      admin,
      { centreId, ...readListFilters({ cohort: "9999-12" }, NOW).filters },
      ctx,
    );
    expect(list.total).toBe(dashboard.enrolments.total);
    const { stream } = await exportProgressCsv(state.db, admin, { centreId }, ctx);
    expect(parseCsv(await new Response(stream).text())).toHaveLength(list.total + 1);
  });
});
