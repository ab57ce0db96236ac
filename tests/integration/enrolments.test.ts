import { beforeAll, describe, expect, it } from "vitest";

import { loadActor, type SessionActor } from "@/lib/auth/actor";

import { can, ForbiddenError, type Role } from "@/lib/authz/policy";

import { changeAssessor } from "@/lib/enrolments/change-assessor";

import { createEnrolment } from "@/lib/enrolments/create-enrolment";

import { loadEnrolmentResource } from "@/lib/enrolments/enrolment-resource";

import { getEnrolmentOptions } from "@/lib/enrolments/enrolment-options";

import { getEnrolment } from "@/lib/enrolments/get-enrolment";

import { listEnrolments } from "@/lib/enrolments/list-enrolments";

import { listRoleEnrolments } from "@/lib/enrolments/list-role-enrolments";

import { shareWithEqa } from "@/lib/enrolments/share-with-eqa";

import { withdrawEnrolment } from "@/lib/enrolments/withdraw-enrolment";

import { AppError, InputError } from "@/lib/errors";

import { addDays, addYears, calendarDateIn, startOfDayIn } from "@/lib/format/date";

import { importUnit } from "@/lib/standards/import";

import { readUnitFiles } from "@/lib/standards/load-files";

import type { UnitFile } from "@/lib/standards/schema";
import { useMigratedDb } from "../helpers/test-db";

import { plannedPeriod } from "@/lib/enrolments/planned-period";

// Enrolments against a real database: pinning the unit version, who may be assessor, IQA and
// candidate, assessor history, withdrawal, EQA shares, the admin list and each role's list,
// and another centre's admin refused everywhere.

const state = useMigratedDb();

const unitFiles = new Map<string, UnitFile>(
  readUnitFiles().flatMap((p) => {
    if (!p.ok) throw new Error(`standards/${p.file} is invalid:\n${p.errors.join("\n")}`);
    return [[p.unit.code, p.unit] as const];
  }),
);
function unitFile(code: string): UnitFile {
  const unit = unitFiles.get(code);
  if (!unit) throw new Error(`no standards file for ${code}`);
  return unit;
}

type People = Record<string, string>;
const people: People = {};
const centres: Record<"a" | "b", string> = { a: "", b: "" };

async function person(key: string, name: string, roles: Array<[keyof typeof centres, Role]>) {
  const user = await state.db.user.create({ data: { email: `${key}@example.org`, name } });
  for (const [centre, role] of roles)
    await state.db.membership.create({ data: { userId: user.id, centreId: centres[centre], role } });
  people[key] = user.id;
  return user.id;
}

function id(key: string): string {
  const found = people[key];
  if (!found) throw new Error(`no test person ${key}`);
  return found;
}

async function actor(key: string): Promise<SessionActor> {
  const loaded = await loadActor(state.db, id(key));
  if (!loaded) throw new Error(`cannot load ${key}`);
  return loaded;
}

const dates = { startDate: "2026-01-05", plannedEndDate: "2026-09-30" };

async function enrol(
  candidate: string,
  unitCode: string,
  extra: Partial<Record<"assessorId" | "iqaId" | "centreId", string>> = {},
) {
  return createEnrolment(state.db, await actor("adminA"), {
    centreId: centres.a,
    candidateId: id(candidate),
    unitCode,
    assessorId: id("assessorA1"),
    iqaId: id("iqaA"),
    ...dates,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the operation to be refused, but it succeeded");
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).fieldErrors;
}

beforeAll(async () => {
  const db = state.db;
  centres.a = (await db.centre.create({ data: { slug: "alpha", name: "Alpha Centre", timeZone: "Europe/London" } })).id;
  centres.b = (
    await db.centre.create({ data: { slug: "beta", name: "Beta Centre", timeZone: "America/New_York" } })
  ).id;
  await person("adminA", "Ann Admin", [
    ["a", "CENTRE_ADMIN"],
    ["a", "ASSESSOR"],
    ["b", "CANDIDATE"],
  ]);
  await person("adminB", "Bob Admin", [["b", "CENTRE_ADMIN"]]);
  await person("assessorA1", "Asha Assessor", [["a", "ASSESSOR"]]);
  await person("assessorA2", "Ben Assessor", [["a", "ASSESSOR"]]);
  await person("iqaA", "Iris Iqa", [["a", "IQA"]]);
  await person("eqaA", "Evan Eqa", [["a", "EQA"]]);
  await person("candA1", "Cara Jones", [["a", "CANDIDATE"]]);
  await person("candA2", "Dev Shah", [["a", "CANDIDATE"]]);
  await person("candA3", "Ola Berg", [["a", "CANDIDATE"]]);
  await person("memberA", "Mo Member", [["a", "CANDIDATE"]]);
  await person("assessorB", "Raj Assessor", [["b", "ASSESSOR"]]);
  await person("iqaB", "Rita Iqa", [["b", "IQA"]]);
  await person("eqaB", "Eve Eqa", [["b", "EQA"]]);
  await person("candB", "Rhys Reed", [["b", "CANDIDATE"]]);
  for (const code of ["CS34", "CU782", "CS5", "INSCS042"]) await importUnit(db, unitFile(code));
});

describe("creating an enrolment", () => {
  it("pins the latest version of the unit and keeps it after a new version is imported", async () => {
    const first = await enrol("candA1", "CS34");
    expect(first.unit).toMatchObject({ code: "CS34", versionNumber: 1 });
    expect(first.status).toBe("ACTIVE");
    expect(first.startDate).toEqual(startOfDayIn(dates.startDate, "Europe/London"));
    expect(first.startDate.toISOString()).toBe("2026-01-05T00:00:00.000Z");
    // Summer time: midnight in London is 23:00 UTC the day before.
    expect(first.plannedEndDate.toISOString()).toBe("2026-09-29T23:00:00.000Z");

    const cs34 = unitFile("CS34");
    const outcome = await importUnit(state.db, { ...cs34, title: `${cs34.title} (revised)` });
    expect(outcome).toEqual({ code: "CS34", version: 2, change: "newVersion" });

    const stored = await state.db.enrolment.findUniqueOrThrow({
      where: { id: first.id },
      include: { unitVersion: true },
    });
    expect(stored.unitVersion.number).toBe(1);
    expect(stored.unitVersion.title).toBe(cs34.title);
    const detail = await getEnrolment(state.db, await actor("adminA"), first.id);
    expect(detail.unit.versionNumber).toBe(1);
    expect(detail.newerVersionNumber).toBe(2);

    const second = await enrol("candA2", "CS34");
    expect(second.unit).toMatchObject({ code: "CS34", versionNumber: 2, title: `${cs34.title} (revised)` });

    const audit = await state.db.auditEvent.findMany({
      where: { entityType: "Enrolment", entityId: first.id, action: "enrolment.create" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe(id("adminA"));
    expect(audit[0]?.centreId).toBe(centres.a);
  });

  it("refuses an assessor or IQA of another centre, naming which", async () => {
    const errors = await fieldErrorsOf(enrol("candA1", "CU782", { assessorId: id("assessorB"), iqaId: id("iqaB") }));
    expect(errors.assessorId?.[0]).toMatch(/assessor does not hold the assessor role at this centre/);
    expect(errors.iqaId?.[0]).toMatch(/internal quality assurer does not hold the IQA role at this centre/);
    expect(errors.candidateId).toBeUndefined();

    const iqaOnly = await fieldErrorsOf(enrol("candA1", "CU782", { iqaId: id("iqaB") }));
    expect(Object.keys(iqaOnly)).toEqual(["iqaId"]);
  });

  it("refuses a member of the centre who is not an assessor, and an IQA used as assessor", async () => {
    expect(Object.keys(await fieldErrorsOf(enrol("candA1", "CU782", { assessorId: id("memberA") })))).toEqual([
      "assessorId",
    ]);
    expect(Object.keys(await fieldErrorsOf(enrol("candA1", "CU782", { assessorId: id("iqaA") })))).toEqual([
      "assessorId",
    ]);
    expect(Object.keys(await fieldErrorsOf(enrol("candA1", "CU782", { iqaId: id("assessorA1") })))).toEqual(["iqaId"]);
  });

  it("refuses a candidate of another centre and someone who is not a candidate", async () => {
    expect(Object.keys(await fieldErrorsOf(enrol("candB", "CU782")))).toEqual(["candidateId"]);
    expect(Object.keys(await fieldErrorsOf(enrol("assessorA2", "CU782")))).toEqual(["candidateId"]);
  });

  it("requires every field, real dates and a planned end after the start", async () => {
    const missing = await fieldErrorsOf(
      createEnrolment(state.db, await actor("adminA"), {
        centreId: centres.a,
        candidateId: "",
        unitCode: "",
        assessorId: "",
        iqaId: "",
        startDate: "",
        plannedEndDate: "",
      }),
    );
    expect(Object.keys(missing).sort()).toEqual([
      "assessorId",
      "candidateId",
      "iqaId",
      "plannedEndDate",
      "startDate",
      "unitCode",
    ]);
    expect(missing.startDate).toEqual(["Enter the start date."]);

    expect(await fieldErrorsOf(enrolWithDates("2026-02-30", "2026-09-01"))).toHaveProperty("startDate");
    const backwards = await fieldErrorsOf(enrolWithDates("2026-09-01", "2026-09-01"));
    expect(backwards.plannedEndDate).toEqual(["The planned end date must be after the start date."]);
    expect(Object.keys(await fieldErrorsOf(enrol("candA1", "NO-SUCH-UNIT")))).toEqual(["unitCode"]);
  });

  it("refuses a second active enrolment of the candidate on the same unit, but allows one after withdrawal", async () => {
    const first = await enrol("memberA", "CS5");
    const duplicate = await fieldErrorsOf(enrol("memberA", "CS5", { assessorId: id("assessorA2") }));
    expect(duplicate.unitCode?.[0]).toMatch(/already has an active enrolment on CS5/);
    await withdrawEnrolment(state.db, await actor("adminA"), { enrolmentId: first.id, reason: "Changed employer" });
    const again = await enrol("memberA", "CS5");
    expect(again.id).not.toBe(first.id);
  });
});

async function enrolWithDates(startDate: string, plannedEndDate: string) {
  return createEnrolment(state.db, await actor("adminA"), {
    centreId: centres.a,
    candidateId: id("candA1"),
    unitCode: "CS5",
    assessorId: id("assessorA1"),
    iqaId: id("iqaA"),
    startDate,
    plannedEndDate,
  });
}

describe("changing the assessor", () => {
  it("keeps the history of who assessed, who changed it and when", async () => {
    const enrolment = await enrol("candA1", "CU782");
    const changed = await changeAssessor(state.db, await actor("adminA"), {
      enrolmentId: enrolment.id,
      assessorId: id("assessorA2"),
    });
    expect(changed.assessor?.id).toBe(id("assessorA2"));

    const history = await state.db.assessorChange.findMany({
      where: { enrolmentId: enrolment.id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(history.map((h) => [h.fromAssessorId, h.toAssessorId, h.changedById])).toEqual([
      [null, id("assessorA1"), id("adminA")],
      [id("assessorA1"), id("assessorA2"), id("adminA")],
    ]);
    const detail = await getEnrolment(state.db, await actor("adminA"), enrolment.id);
    expect(
      detail.assessorHistory.map((h) => [h.from?.name ?? null, h.to?.name ?? null, h.changedBy?.name ?? null]),
    ).toEqual([
      [null, "Asha Assessor", "Ann Admin"],
      ["Asha Assessor", "Ben Assessor", "Ann Admin"],
    ]);
    const audit = await state.db.auditEvent.findFirstOrThrow({
      where: { entityId: enrolment.id, action: "enrolment.changeAssessor" },
    });
    expect(audit.before).toEqual({ assessorId: id("assessorA1") });
    expect(audit.after).toEqual({ assessorId: id("assessorA2") });

    // The new assessor can now sign off; the old one no longer can.
    const resource = await loadEnrolmentResource(state.db, enrolment.id);
    if (!resource) throw new Error("resource missing");
    expect(can(await actor("assessorA2"), "criterion.signOff", resource)).toBe(true);
    expect(can(await actor("assessorA1"), "criterion.signOff", resource)).toBe(false);
  });

  it("refuses someone who is not an assessor of the centre, the same assessor, and a withdrawn enrolment", async () => {
    const enrolment = await enrol("candA2", "CU782");
    const admin = await actor("adminA");
    expect(
      Object.keys(
        await fieldErrorsOf(
          changeAssessor(state.db, admin, { enrolmentId: enrolment.id, assessorId: id("assessorB") }),
        ),
      ),
    ).toEqual(["assessorId"]);
    expect(
      Object.keys(
        await fieldErrorsOf(changeAssessor(state.db, admin, { enrolmentId: enrolment.id, assessorId: id("memberA") })),
      ),
    ).toEqual(["assessorId"]);
    expect(
      Object.keys(
        await fieldErrorsOf(
          changeAssessor(state.db, admin, { enrolmentId: enrolment.id, assessorId: id("assessorA1") }),
        ),
      ),
    ).toEqual(["assessorId"]);

    await withdrawEnrolment(state.db, admin, { enrolmentId: enrolment.id, reason: "Left the course" });
    const error = await rejection(
      changeAssessor(state.db, admin, { enrolmentId: enrolment.id, assessorId: id("assessorA2") }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toMatch(/has been withdrawn/);
    expect(await state.db.assessorChange.count({ where: { enrolmentId: enrolment.id } })).toBe(1);
  });

  it("refuses a completed enrolment", async () => {
    const enrolment = await enrol("candA1", "CS5");
    await state.db.enrolment.update({ where: { id: enrolment.id }, data: { status: "COMPLETED" } });
    const error = await rejection(
      changeAssessor(state.db, await actor("adminA"), { enrolmentId: enrolment.id, assessorId: id("assessorA2") }),
    );
    expect((error as AppError).userMessage).toMatch(/is completed/);
    await state.db.enrolment.update({ where: { id: enrolment.id }, data: { status: "WITHDRAWN" } });
  });
});

describe("withdrawing an enrolment", () => {
  it("records the reason and the time, and keeps everything else", async () => {
    const enrolment = await enrol("candA2", "CS5");
    await changeAssessor(state.db, await actor("adminA"), { enrolmentId: enrolment.id, assessorId: id("assessorA2") });
    const before = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    const now = new Date("2026-03-04T10:00:00Z");

    expect(
      await fieldErrorsOf(
        withdrawEnrolment(state.db, await actor("adminA"), { enrolmentId: enrolment.id, reason: "   " }),
      ),
    ).toHaveProperty("reason");
    const withdrawn = await withdrawEnrolment(
      state.db,
      await actor("adminA"),
      { enrolmentId: enrolment.id, reason: "  Moved abroad  " },
      now,
    );
    expect(withdrawn.status).toBe("WITHDRAWN");

    const after = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    expect(after).toMatchObject({ status: "WITHDRAWN", withdrawnAt: now, withdrawnReason: "Moved abroad" });
    expect({
      ...after,
      status: before.status,
      withdrawnAt: null,
      withdrawnReason: null,
      updatedAt: before.updatedAt,
    }).toEqual(before);
    expect(await state.db.assessorChange.count({ where: { enrolmentId: enrolment.id } })).toBe(2);

    // Still readable by the candidate, with the reason shown to the admin.
    const detail = await getEnrolment(state.db, await actor("adminA"), enrolment.id);
    expect(detail.withdrawnReason).toBe("Moved abroad");
    const own = await listRoleEnrolments(state.db, await actor("candA2"), "CANDIDATE");
    expect(own.items.find((e) => e.id === enrolment.id)?.status).toBe("WITHDRAWN");

    const error = await rejection(
      withdrawEnrolment(state.db, await actor("adminA"), { enrolmentId: enrolment.id, reason: "again" }),
    );
    expect((error as AppError).userMessage).toMatch(/has been withdrawn/);
    const audit = await state.db.auditEvent.findMany({
      where: { entityId: enrolment.id, action: "enrolment.withdraw" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ status: "WITHDRAWN", withdrawnReason: "Moved abroad" });
  });
});

describe("sharing with an external quality assurer", () => {
  const now = new Date("2026-05-10T12:00:00Z");
  const today = calendarDateIn(now, "Europe/London");

  it("gives time-boxed access to an EQA of the centre, renewed rather than duplicated", async () => {
    const enrolment = await enrol("candA1", "INSCS042", { assessorId: id("assessorA2") });
    const admin = await actor("adminA");
    const share = await shareWithEqa(
      state.db,
      admin,
      { enrolmentId: enrolment.id, eqaUserId: id("eqaA"), lastDay: addDays(today, 30) },
      now,
    );
    expect(share.renewed).toBe(false);
    expect(share.expiresAt).toEqual(startOfDayIn(addDays(today, 31), "Europe/London"));

    const renewed = await shareWithEqa(
      state.db,
      admin,
      { enrolmentId: enrolment.id, eqaUserId: id("eqaA"), lastDay: addDays(today, 60) },
      now,
    );
    expect(renewed.renewed).toBe(true);
    expect(await state.db.eqaShare.count({ where: { enrolmentId: enrolment.id } })).toBe(1);
    expect(await state.db.auditEvent.count({ where: { entityId: enrolment.id, action: "enrolment.share" } })).toBe(2);

    const eqa = await actor("eqaA");
    const during = await listRoleEnrolments(state.db, eqa, "EQA", {}, now);
    expect(during.items.map((e) => e.id)).toEqual([enrolment.id]);
    expect(during.items[0]?.shareExpiresAt).toEqual(renewed.expiresAt);
    const afterExpiry = new Date(renewed.expiresAt.getTime() + 1);
    expect((await listRoleEnrolments(state.db, eqa, "EQA", {}, afterExpiry)).items).toEqual([]);
    const resource = await loadEnrolmentResource(state.db, enrolment.id);
    if (!resource) throw new Error("resource missing");
    expect(can(eqa, "enrolment.read", resource, now)).toBe(true);
    expect(can(eqa, "enrolment.read", resource, afterExpiry)).toBe(false);
  });

  it("lists a hand-made share and a visit's share of the same EQA apart, and a visit's share as not yet open before its first day", async () => {
    const enrolment = await enrol("candA3", "CS5", { assessorId: id("assessorA2") });
    const admin = await actor("adminA");
    await shareWithEqa(
      state.db,
      admin,
      { enrolmentId: enrolment.id, eqaUserId: id("eqaA"), lastDay: addDays(today, 30) },
      now,
    );
    // What arranging a visit writes (lib/qa/visits.ts): one share per enrolment in scope, with the visit's window.
    const visitStart = startOfDayIn(addDays(today, 40), "Europe/London");
    await state.db.eqaShare.create({
      data: {
        centreId: centres.a,
        eqaUserId: id("eqaA"),
        enrolmentId: enrolment.id,
        visitId: "visit-1",
        sharedById: id("adminA"),
        startsAt: visitStart,
        expiresAt: startOfDayIn(addDays(today, 42), "Europe/London"),
      },
    });

    const detail = await getEnrolment(state.db, admin, enrolment.id, now);
    const shares = detail.shares ?? [];
    expect(new Set(shares.map((s) => s.id)).size).toBe(2);
    expect(shares.map((s) => ({ fromVisit: s.fromVisit, state: s.state }))).toEqual([
      { fromVisit: true, state: "upcoming" },
      { fromVisit: false, state: "open" },
    ]);
    // The admin's view and the EQA's access agree on the visit's window.
    const duringVisit = new Date(visitStart.getTime() + 1);
    const later = await getEnrolment(state.db, admin, enrolment.id, duringVisit);
    expect(later.shares?.map((s) => s.state)).toEqual(["open", "expired"]);
  });

  it("refuses someone who is not an EQA of the centre, a past date and more than a year", async () => {
    const enrolment = await enrol("candA2", "INSCS042", { assessorId: id("assessorA2") });
    const admin = await actor("adminA");
    const share = (eqaUserId: string, lastDay: string) =>
      shareWithEqa(state.db, admin, { enrolmentId: enrolment.id, eqaUserId, lastDay }, now);
    expect(Object.keys(await fieldErrorsOf(share(id("eqaB"), addDays(today, 10))))).toEqual(["eqaUserId"]);
    expect(Object.keys(await fieldErrorsOf(share(id("iqaA"), addDays(today, 10))))).toEqual(["eqaUserId"]);
    expect(Object.keys(await fieldErrorsOf(share(id("eqaA"), addDays(today, -1))))).toEqual(["lastDay"]);
    expect(Object.keys(await fieldErrorsOf(share(id("eqaA"), addDays(addYears(today, 1), 1))))).toEqual(["lastDay"]);
    await expect(share(id("eqaA"), addYears(today, 1))).resolves.toMatchObject({ renewed: false });
    await expect(share(id("eqaA"), today)).resolves.toMatchObject({ renewed: true });
  });
});

describe("lists", () => {
  it("shows each role only its own enrolments", async () => {
    const candidate = await listRoleEnrolments(state.db, await actor("candA1"), "CANDIDATE");
    expect(candidate.total).toBeGreaterThan(0);
    expect(candidate.items.every((e) => e.candidate.id === id("candA1"))).toBe(true);
    const all = await state.db.enrolment.count({ where: { candidateId: id("candA1") } });
    expect(candidate.total).toBe(all);

    const assessor = await listRoleEnrolments(state.db, await actor("assessorA2"), "ASSESSOR");
    expect(assessor.total).toBe(await state.db.enrolment.count({ where: { assessorId: id("assessorA2") } }));
    expect(assessor.items.every((e) => e.assessor?.id === id("assessorA2"))).toBe(true);

    const iqa = await listRoleEnrolments(state.db, await actor("iqaA"), "IQA");
    expect(iqa.total).toBe(await state.db.enrolment.count({ where: { iqaId: id("iqaA") } }));

    // Someone without the role sees nothing through it.
    expect((await listRoleEnrolments(state.db, await actor("candA1"), "ASSESSOR")).total).toBe(0);
    expect((await listRoleEnrolments(state.db, await actor("eqaB"), "EQA")).total).toBe(0);
  });

  it("scopes a centre admin's role lists to the centres where they hold each role", async () => {
    // Ann is admin and assessor at Alpha, and a candidate at Beta. An enrolment at Beta naming
    // her as assessor (possible only by writing to the database directly) stays out of her list.
    const v = await state.db.unitVersion.findFirstOrThrow({ where: { unit: { code: "CU782" } } });
    const stray = await state.db.enrolment.create({
      data: {
        centreId: centres.b,
        candidateId: id("candB"),
        unitVersionId: v.id,
        assessorId: id("adminA"),
        iqaId: id("iqaB"),
        ...plannedPeriod(new Date(), new Date()),
      },
    });
    const own = await state.db.enrolment.create({
      data: {
        centreId: centres.b,
        candidateId: id("adminA"),
        unitVersionId: v.id,
        assessorId: id("assessorB"),
        iqaId: id("iqaB"),
        ...plannedPeriod(new Date(), new Date()),
      },
    });
    const assignedAtAlpha = await enrol("candA2", "CU782", { assessorId: id("adminA") });
    const ann = await actor("adminA");

    const asAssessor = await listRoleEnrolments(state.db, ann, "ASSESSOR");
    expect(asAssessor.items.map((e) => e.id)).toEqual([assignedAtAlpha.id]);
    const asCandidate = await listRoleEnrolments(state.db, ann, "CANDIDATE");
    expect(asCandidate.items.map((e) => e.id)).toEqual([own.id]);

    const adminList = await listEnrolments(state.db, ann, { centreId: centres.a });
    expect(adminList.items.every((e) => e.centre.id === centres.a)).toBe(true);
    expect(adminList.items.map((e) => e.id)).not.toContain(stray.id);
    expect(await rejection(listEnrolments(state.db, ann, { centreId: centres.b }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getEnrolment(state.db, ann, stray.id))).toBeInstanceOf(ForbiddenError);
    await state.db.enrolment.deleteMany({ where: { id: { in: [stray.id, own.id] } } });
  });

  it("pages the admin list 25 at a time and filters by unit, assessor, status and candidate, ignoring case", async () => {
    const admin = await actor("adminA");
    // 30 more candidates, each enrolled once on CU782.
    for (let i = 0; i < 30; i++) {
      const key = `bulk${String(i).padStart(2, "0")}`;
      await person(key, `Bulk Learner ${String(i).padStart(2, "0")}`, [["a", "CANDIDATE"]]);
      await enrol(key, "CU782", { assessorId: id(i % 2 === 0 ? "assessorA1" : "assessorA2") });
    }
    const total = await state.db.enrolment.count({ where: { centreId: centres.a } });
    const first = await listEnrolments(state.db, admin, { centreId: centres.a });
    expect(first).toMatchObject({ total, page: 1, pageSize: 25, pageCount: Math.ceil(total / 25) });
    expect(first.items).toHaveLength(25);
    const second = await listEnrolments(state.db, admin, { centreId: centres.a, page: 2 });
    expect(second.items).toHaveLength(Math.min(25, total - 25));
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(
      first.items.length + second.items.length,
    );
    const beyond = await listEnrolments(state.db, admin, { centreId: centres.a, page: 999 });
    expect(beyond.page).toBe(first.pageCount);
    // Page after page in the list's order: by candidate name, then unit code, newest start first.
    const listed: string[] = [];
    for (let page = 1; page <= first.pageCount; page++)
      listed.push(...(await listEnrolments(state.db, admin, { centreId: centres.a, page })).items.map((e) => e.id));
    const ordered = await state.db.enrolment.findMany({
      where: { centreId: centres.a },
      select: { id: true },
      orderBy: [
        { candidate: { name: "asc" } },
        { unitVersion: { unit: { code: "asc" } } },
        { startDate: "desc" },
        { id: "asc" },
      ],
    });
    expect(listed).toEqual(ordered.map((e) => e.id));

    const bulk = await listEnrolments(state.db, admin, { centreId: centres.a, search: "bULK lEARNER" });
    expect(bulk.total).toBe(30);
    const byEmail = await listEnrolments(state.db, admin, { centreId: centres.a, search: "BULK07@EXAMPLE" });
    expect(byEmail.items.map((e) => e.candidate.name)).toEqual(["Bulk Learner 07"]);
    expect((await listEnrolments(state.db, admin, { centreId: centres.a, search: "100%" })).total).toBe(0);
    expect((await listEnrolments(state.db, admin, { centreId: centres.a, search: "rhys" })).total).toBe(0);

    const cu782 = await listEnrolments(state.db, admin, { centreId: centres.a, unitCode: "CU782" });
    expect(cu782.items.every((e) => e.unit.code === "CU782")).toBe(true);
    expect(cu782.total).toBe(
      await state.db.enrolment.count({ where: { centreId: centres.a, unitVersion: { unit: { code: "CU782" } } } }),
    );

    const bens = await listEnrolments(state.db, admin, {
      centreId: centres.a,
      assessorId: id("assessorA2"),
      search: "bulk",
    });
    expect(bens.total).toBe(15);
    const withdrawn = await listEnrolments(state.db, admin, { centreId: centres.a, status: "WITHDRAWN" });
    expect(withdrawn.total).toBeGreaterThan(0);
    expect(withdrawn.items.every((e) => e.status === "WITHDRAWN")).toBe(true);

    // Nonsense in the query string is ignored rather than failing the page.
    const lenient = await listEnrolments(state.db, admin, {
      centreId: centres.a,
      page: "abc" as unknown as number,
      status: "NOPE",
    });
    expect(lenient.total).toBe(total);
  });
});

describe("another centre's admin", () => {
  it("is refused on every operation", async () => {
    const enrolment = await enrol("candA1", "CS5");
    const bob = await actor("adminB");
    const refusals: Array<() => Promise<unknown>> = [
      () =>
        createEnrolment(state.db, bob, {
          centreId: centres.a,
          candidateId: id("candA2"),
          unitCode: "CS5",
          assessorId: id("assessorA1"),
          iqaId: id("iqaA"),
          ...dates,
        }),
      () => changeAssessor(state.db, bob, { enrolmentId: enrolment.id, assessorId: id("assessorA2") }),
      () => withdrawEnrolment(state.db, bob, { enrolmentId: enrolment.id, reason: "not mine" }),
      () =>
        shareWithEqa(state.db, bob, {
          enrolmentId: enrolment.id,
          eqaUserId: id("eqaA"),
          lastDay: addDays(calendarDateIn(new Date(), "Europe/London"), 5),
        }),
      () => listEnrolments(state.db, bob, { centreId: centres.a }),
      () => getEnrolment(state.db, bob, enrolment.id),
      () => getEnrolmentOptions(state.db, bob, centres.a),
    ];
    for (const refusal of refusals) expect(await rejection(refusal())).toBeInstanceOf(ForbiddenError);
    expect(await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).toMatchObject({
      status: "ACTIVE",
      assessorId: id("assessorA1"),
    });
    expect(await state.db.eqaShare.count({ where: { enrolmentId: enrolment.id } })).toBe(0);
    expect(await state.db.auditEvent.count({ where: { actorId: id("adminB") } })).toBe(0);
    // Bob's own centre's role lists do not show Alpha's enrolments either.
    expect(
      (await listEnrolments(state.db, bob, { centreId: centres.b })).items.every((e) => e.centre.id === centres.b),
    ).toBe(true);
  });

  it("cannot enrol people of their own centre on another centre's behalf, nor Alpha's people at Beta", async () => {
    const bob = await actor("adminB");
    const errors = await fieldErrorsOf(
      createEnrolment(state.db, bob, {
        centreId: centres.b,
        candidateId: id("candA1"),
        unitCode: "CS5",
        assessorId: id("assessorA1"),
        iqaId: id("iqaA"),
        ...dates,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(["assessorId", "candidateId", "iqaId"]);
  });

  it("gets the options of their own centre only", async () => {
    const options = await getEnrolmentOptions(state.db, await actor("adminA"), centres.a);
    expect(options.assessors.map((p) => p.name)).toEqual(["Ann Admin", "Asha Assessor", "Ben Assessor"]);
    expect(options.iqas.map((p) => p.name)).toEqual(["Iris Iqa"]);
    expect(options.eqas.map((p) => p.name)).toEqual(["Evan Eqa"]);
    expect(options.candidates.map((p) => p.name)).not.toContain("Rhys Reed");
    expect(options.units.find((u) => u.code === "CS34")?.versionNumber).toBe(2);
  });

  it("loads only the people a page asks for: the enrolment list's filters need its assessors, not every candidate", async () => {
    const options = await getEnrolmentOptions(state.db, await actor("adminA"), centres.a, ["ASSESSOR"]);
    expect(options.assessors.map((p) => p.name)).toEqual(["Ann Admin", "Asha Assessor", "Ben Assessor"]);
    expect([options.candidates, options.iqas, options.eqas]).toEqual([[], [], []]);
    expect(options.units.map((u) => u.code)).toContain("CS34");
  });
});
