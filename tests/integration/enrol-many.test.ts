import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/authz/policy";
import { verifyAuditChains } from "@/lib/audit/verify";
import { enrolMany } from "@/lib/enrolments/enrol-many";
import type { CreateEnrolmentInput } from "@/lib/enrolments/input";
import { MAX_ENROLMENTS_AT_ONCE } from "@/lib/enrolments/limits";
import { ForbiddenError, InputError } from "@/lib/errors";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Enrolling several candidates on several units in one go, against a real database: every
// pair made in one transaction with its assessor history and audit event, pairs already
// enrolled skipped and reported (and nothing at all made when every pair is), anyone of another
// centre refusing the whole submission, and the cap on how many are made at once.

const state = useMigratedDb();
const centres = { a: "", b: "" };
const ids: Record<string, string> = {};

async function person(key: string, roles: Array<[keyof typeof centres, Role]>) {
  const user = await state.db.user.create({ data: { email: `${key}@example.org`, name: key } });
  for (const [centre, role] of roles)
    await state.db.membership.create({ data: { userId: user.id, centreId: centres[centre], role } });
  ids[key] = user.id;
}

const id = (key: string) => ids[key] ?? `missing-${key}`;

async function enrol(candidates: string[], unitCodes: string[], extra: Partial<CreateEnrolmentInput> = {}) {
  return enrolMany(state.db, await actorByEmail(state.db, "adminA@example.org"), {
    centreId: centres.a,
    candidateId: candidates.map(id),
    unitCode: unitCodes,
    assessorId: id("assessorA"),
    iqaId: id("iqaA"),
    startDate: "2026-01-05",
    plannedEndDate: "2026-09-30",
    ...extra,
  });
}

/** The refusal, checked to be one the form shows beside its fields. */
async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const enrolmentCount = () => state.db.enrolment.count();
const pairsOf = (report: { created: Array<{ candidate: { name: string }; unit: { code: string } }> }) =>
  report.created.map((e) => `${e.candidate.name} ${e.unit.code}`);

beforeAll(async () => {
  centres.a = (await state.db.centre.create({ data: { slug: "alpha", name: "Alpha", timeZone: "Europe/London" } })).id;
  centres.b = (await state.db.centre.create({ data: { slug: "beta", name: "Beta", timeZone: "Europe/London" } })).id;
  await person("adminA", [["a", "CENTRE_ADMIN"]]);
  await person("adminB", [["b", "CENTRE_ADMIN"]]);
  await person("assessorA", [["a", "ASSESSOR"]]);
  await person("iqaA", [["a", "IQA"]]);
  for (const key of ["cand1", "cand2", "cand3", "cand4", "cand5"]) await person(key, [["a", "CANDIDATE"]]);
  await person("assessorB", [["b", "ASSESSOR"]]);
  await person("candB", [["b", "CANDIDATE"]]);
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
});

describe("enrolling several candidates on several units", () => {
  it("makes every candidate x unit pair, each with its assessor history and its own audit event", async () => {
    const report = await enrol(["cand1", "cand2", "cand3"], ["CS34", "CU782"]);
    expect(pairsOf(report)).toEqual([
      "cand1 CS34",
      "cand1 CU782",
      "cand2 CS34",
      "cand2 CU782",
      "cand3 CS34",
      "cand3 CU782",
    ]);
    expect(report.alreadyEnrolled).toEqual([]);
    for (const e of report.created) {
      expect(e.status).toBe("ACTIVE");
      expect(e.assessor?.id).toBe(id("assessorA"));
      expect(e.iqa?.id).toBe(id("iqaA"));
      expect(e.startDate.toISOString()).toBe("2026-01-05T00:00:00.000Z");
    }

    const createdIds = report.created.map((e) => e.id);
    const history = await state.db.assessorChange.findMany({ where: { enrolmentId: { in: createdIds } } });
    expect(history).toHaveLength(6);
    expect(history.every((h) => h.toAssessorId === id("assessorA") && h.changedById === id("adminA"))).toBe(true);

    const audit = await state.db.auditEvent.findMany({
      where: { action: "enrolment.create", entityId: { in: createdIds } },
    });
    expect(audit.map((a) => a.entityId).sort()).toEqual([...createdIds].sort());
    expect(audit.every((a) => a.actorId === id("adminA") && a.centreId === centres.a)).toBe(true);
    const cs34 = report.created.find((e) => e.candidate.name === "cand2" && e.unit.code === "CS34");
    expect(audit.find((a) => a.entityId === cs34?.id)?.after).toMatchObject({
      candidateId: id("cand2"),
      unitCode: "CS34",
      assessorId: id("assessorA"),
      iqaId: id("iqaA"),
    });
    expect((await verifyAuditChains(state.db)).ok).toBe(true);
  });

  it("skips the pairs already enrolled, reports them, and leaves them as they were", async () => {
    const before = await state.db.enrolment.findMany({ where: { candidateId: id("cand1") } });
    const report = await enrol(["cand1", "cand4"], ["CS34", "CU782", "CS5"]);
    expect(pairsOf(report)).toEqual(["cand1 CS5", "cand4 CS34", "cand4 CS5", "cand4 CU782"]);
    expect(report.alreadyEnrolled.map((e) => `${e.candidate.name} ${e.unit.code}`)).toEqual([
      "cand1 CS34",
      "cand1 CU782",
    ]);
    expect(report.alreadyEnrolled.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    const cand1 = await state.db.enrolment.findMany({ where: { candidateId: id("cand1") } });
    expect(cand1).toHaveLength(3);
    for (const old of before) expect(cand1.find((e) => e.id === old.id)).toEqual(old);
  });

  it("refuses, making nothing, when every pair is already enrolled", async () => {
    const count = await enrolmentCount();
    const error = await refusal(enrol(["cand1", "cand2"], ["CS34", "CU782"]));
    expect(error.fieldErrors.unitCode?.[0]).toMatch(/^Nothing was enrolled: all 4 chosen candidate and unit pairs/);
    const one = await refusal(enrol(["cand1"], ["CS34"]));
    expect(one.fieldErrors.unitCode).toEqual([
      "This candidate already has an active enrolment on CS34. Withdraw it first if they are starting again.",
    ]);
    expect(await enrolmentCount()).toBe(count);
  });
});

describe("refusals", () => {
  it("refuses the whole submission when one chosen candidate is another centre's", async () => {
    const count = await enrolmentCount();
    const error = await refusal(enrol(["cand5", "candB"], ["CS34"]));
    expect(error.fieldErrors.candidateId).toEqual([
      "1 of the 2 chosen people is not a candidate at this centre. Reload the page and choose only people who hold the candidate role here.",
    ]);
    expect(await enrolmentCount()).toBe(count);
    expect(await state.db.enrolment.count({ where: { candidateId: id("cand5") } })).toBe(0);
  });

  it("refuses another centre's assessor, and an assessor who is one of the candidates", async () => {
    const count = await enrolmentCount();
    const foreign = await refusal(enrol(["cand5"], ["CS34"], { assessorId: id("assessorB") }));
    expect(Object.keys(foreign.fieldErrors)).toEqual(["assessorId"]);
    expect(foreign.fieldErrors.assessorId?.[0]).toMatch(/does not hold the assessor role at this centre/);

    await state.db.membership.create({ data: { userId: id("cand5"), centreId: centres.a, role: "ASSESSOR" } });
    const self = await refusal(enrol(["cand5", "cand3"], ["CS5"], { assessorId: id("cand5") }));
    expect(self.fieldErrors.assessorId?.[0]).toMatch(/The assessor is one of the chosen candidates/);
    expect(await enrolmentCount()).toBe(count);
  });

  it("refuses another centre's admin before looking at anything", async () => {
    const count = await enrolmentCount();
    const error = await rejection(
      enrolMany(state.db, await actorByEmail(state.db, "adminB@example.org"), {
        centreId: centres.a,
        candidateId: [id("cand5")],
        unitCode: ["CS34"],
        assessorId: id("assessorA"),
        iqaId: id("iqaA"),
        startDate: "2026-01-05",
        plannedEndDate: "2026-09-30",
      }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await enrolmentCount()).toBe(count);
  });

  it("requires at least one candidate and one unit, and names units not in the catalogue", async () => {
    const none = await refusal(enrol([], []));
    expect(none.fieldErrors.candidateId).toEqual(["Choose at least one candidate."]);
    expect(none.fieldErrors.unitCode).toEqual(["Choose at least one unit."]);
    const unknown = await refusal(enrol(["cand5"], ["CS34", "NOPE1", "NOPE2"]));
    expect(unknown.fieldErrors.unitCode).toEqual([
      "NOPE1, NOPE2 are not in the catalogue. Choose units from the list.",
    ]);
  });
});

describe("the cap on enrolments at once", () => {
  it(`makes ${MAX_ENROLMENTS_AT_ONCE} at once, and refuses one more with a message saying how to go on`, async () => {
    const cohort = Array.from({ length: MAX_ENROLMENTS_AT_ONCE / 2 }, (_, i) => `cohort${i}`);
    await state.db.user.createMany({ data: cohort.map((key) => ({ email: `${key}@example.org`, name: key })) });
    const users = await state.db.user.findMany({ where: { email: { in: cohort.map((k) => `${k}@example.org`) } } });
    for (const user of users) ids[user.name] = user.id;
    await state.db.membership.createMany({
      data: users.map((user) => ({ userId: user.id, centreId: centres.a, role: "CANDIDATE" as const })),
    });

    const count = await enrolmentCount();
    const tooMany = await refusal(enrol([...cohort, "cand5"], ["INSCS042", "CFAM&LFD3"]));
    expect(tooMany.fieldErrors.candidateId).toEqual([
      `101 candidates on 2 units would be 202 enrolments; at most ${MAX_ENROLMENTS_AT_ONCE} can be made at once. Choose fewer candidates or units, and enrol the rest in a second go.`,
    ]);
    expect(await enrolmentCount()).toBe(count);

    const report = await enrol(cohort, ["INSCS042", "CFAM&LFD3"]);
    expect(report.created).toHaveLength(MAX_ENROLMENTS_AT_ONCE);
    expect(await enrolmentCount()).toBe(count + MAX_ENROLMENTS_AT_ONCE);
    expect((await verifyAuditChains(state.db)).ok).toBe(true);
  });
});
