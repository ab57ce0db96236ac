import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { ConflictError, InputError, NotFoundError } from "@/lib/errors";
import { addDays, calendarDateIn, startOfDayIn } from "@/lib/format/date";
import { getGapView } from "@/lib/portfolio/gap-view";
import { getVisit, listCentreVisits, listEqaVisits } from "@/lib/qa/visit-read";
import { cancelVisit, changeVisitDates, createVisit, recordFinding, type CreateVisitInput } from "@/lib/qa/visits";
import { importStandards } from "@/lib/standards/import";
import type { SessionActor } from "@/lib/auth/actor";
import { rejection } from "../helpers/actors";
import { demoPeople, enrolmentOf } from "../helpers/qa-visit-fixture";
import { useMigratedDb } from "../helpers/test-db";

// EQA visits (lib/qa/visits.ts): an admin arranges a visit with a scope of units, candidates or
// an IQA sampling plan; the visit writes exactly one share per enrolment in scope, carrying its
// days, so the EQA reads those portfolios only during the visit, and nothing else. Cancelling
// ends the access; moving the dates moves it. The EQA records findings, one with an action.
// Another centre's admin can do none of it.

const state = useMigratedDb();
const now = new Date();
const day = 86_400_000;
let people: Awaited<ReturnType<typeof demoPeople>>;
let centreId = "";
let timeZone = "";
let today = "";
let enrolments: { cs34: string; cu782: string; devInscs: string };

function visitInput(overrides: Partial<CreateVisitInput> = {}): CreateVisitInput {
  return {
    centreId,
    eqaUserId: people.evan.userId,
    title: "Sampling visit",
    firstDay: today,
    lastDay: today,
    scopeKind: "units",
    unitCodes: ["CS34"],
    ...overrides,
  };
}

/** Every Northgate enrolment on these units, whoever the candidate: what a units scope covers. */
async function northgateEnrolmentsOn(...codes: string[]): Promise<string[]> {
  const rows = await state.db.enrolment.findMany({
    where: { centre: { slug: "northgate" }, unitVersion: { unit: { code: { in: codes } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id).sort();
}

async function sharesOf(visitId: string) {
  return state.db.eqaShare.findMany({ where: { visitId }, orderBy: { enrolmentId: "asc" } });
}

async function reads(actor: SessionActor, enrolmentId: string, at: Date): Promise<boolean> {
  try {
    await getGapView(state.db, actor, enrolmentId, at);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError) return false;
    throw error;
  }
}

/** Ends every share of the EQA's, so a test sees only what its own visit opens. */
async function clearEvansShares() {
  await state.db.eqaShare.deleteMany({ where: { eqaUserId: people.evan.userId } });
}

async function footprint() {
  return {
    visits: await state.db.eqaVisit.count(),
    shares: await state.db.eqaShare.count(),
    findings: await state.db.eqaFinding.count(),
    actions: await state.db.qaAction.count(),
    audit: await state.db.auditEvent.count(),
    notifications: await state.db.notification.count(),
  };
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  people = await demoPeople(state.db);
  const centre = await state.db.centre.findFirstOrThrow({ where: { slug: "northgate" } });
  centreId = centre.id;
  timeZone = centre.timeZone;
  today = calendarDateIn(now, timeZone);
  enrolments = {
    cs34: await enrolmentOf(state.db, people.cara, "CS34"),
    cu782: await enrolmentOf(state.db, people.cara, "CU782"),
    devInscs: await enrolmentOf(state.db, people.dev, "INSCS042"),
  };
}, 60_000);

describe("arranging a visit", () => {
  it("for units writes one share per enrolment on those units, with the visit's window and id, audited, and tells the EQA", async () => {
    const before = await footprint();
    const { id } = await createVisit(
      state.db,
      people.nadia,
      visitInput({ unitCodes: ["CS34", "INSCS042"], lastDay: addDays(today, 2) }),
      now,
    );
    const shares = await sharesOf(id);
    expect(shares.map((s) => s.enrolmentId).sort()).toEqual([enrolments.cs34, enrolments.devInscs].sort());
    for (const share of shares) {
      expect(share).toMatchObject({
        visitId: id,
        eqaUserId: people.evan.userId,
        centreId,
        sharedById: people.nadia.userId,
        startsAt: startOfDayIn(today, timeZone),
        expiresAt: startOfDayIn(addDays(today, 3), timeZone),
      });
    }
    const after = await footprint();
    expect(after).toMatchObject({
      visits: before.visits + 1,
      shares: before.shares + 2,
      audit: before.audit + 1,
      notifications: before.notifications + 1,
    });
    const notice = await state.db.notification.findFirstOrThrow({
      where: { userId: people.evan.userId, kind: "visit.arranged" },
    });
    expect(notice.link).toBe(`/eqa/visits/${id}`);
  });

  it("for candidates writes a share for each of their enrolments, and nobody else's", async () => {
    const { id } = await createVisit(
      state.db,
      people.nadia,
      visitInput({ scopeKind: "candidates", unitCodes: [], candidateIds: [people.cara.userId] }),
      now,
    );
    expect((await sharesOf(id)).map((s) => s.enrolmentId).sort()).toEqual([enrolments.cs34, enrolments.cu782].sort());
  });

  it("for a sampling plan writes a share for each enrolment its items sample", async () => {
    const { unitVersionId } = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolments.devInscs } });
    const criterionId = (
      await state.db.criterion.findFirstOrThrow({ where: { unitVersionId }, orderBy: { position: "asc" } })
    ).id;
    const decision = await state.db.decision.create({
      data: {
        centreId,
        enrolmentId: enrolments.devInscs,
        criterionId,
        outcome: "MET",
        signedById: people.ben.userId,
        evidenceSnapshot: [],
        signatureHash: "0".repeat(64),
      },
    });
    const plan = await state.db.samplingPlan.create({
      data: {
        centreId,
        iqaId: people.iris.userId,
        title: "Quarter plan",
        periodStart: now,
        periodEnd: new Date(now.getTime() + 90 * day),
        seed: 7,
        items: {
          create: {
            decisionId: decision.id,
            enrolmentId: enrolments.devInscs,
            assessorId: people.ben.userId,
            unitCode: "INSCS042",
            method: "product",
            stage: "interim",
            dueDate: now,
          },
        },
      },
    });
    const { id } = await createVisit(
      state.db,
      people.nadia,
      visitInput({ scopeKind: "plan", unitCodes: [], planId: plan.id }),
      now,
    );
    expect((await sharesOf(id)).map((s) => s.enrolmentId)).toEqual([enrolments.devInscs]);
  });

  it("refuses a person who is not an EQA of the centre, days out of order or in the past, and a unit nobody is enrolled on; nothing is written", async () => {
    const before = await footprint();
    const refusals: [Partial<CreateVisitInput>, string][] = [
      [{ eqaUserId: people.asha.userId }, "eqaUserId"],
      [{ firstDay: addDays(today, 3), lastDay: addDays(today, 1) }, "lastDay"],
      [{ firstDay: addDays(today, -1) }, "firstDay"],
      [{ unitCodes: ["CFAM&LFD3"] }, "unitCodes"],
      [{ scopeKind: "candidates", unitCodes: [], candidateIds: [people.rhys.userId] }, "candidateIds"],
      [{ scopeKind: "plan", unitCodes: [], planId: "no-such-plan" }, "planId"],
    ];
    for (const [overrides, field] of refusals) {
      const error = await rejection(createVisit(state.db, people.nadia, visitInput(overrides), now));
      expect(error, JSON.stringify(overrides)).toBeInstanceOf(InputError);
      expect(Object.keys((error as InputError).fieldErrors)).toContain(field);
    }
    expect(await footprint()).toEqual(before);
  });
});

describe("the EQA during a visit", () => {
  let visitId = "";
  const tomorrow = () => addDays(today, 1);

  beforeAll(async () => {
    await clearEvansShares();
    visitId = (
      await createVisit(
        state.db,
        people.nadia,
        visitInput({ unitCodes: ["CU782"], firstDay: tomorrow(), lastDay: tomorrow() }),
        now,
      )
    ).id;
  });

  it("reads a portfolio in scope only inside the visit's days: refused before, allowed during, refused after", async () => {
    const during = new Date(startOfDayIn(tomorrow(), timeZone).getTime() + 12 * 3_600_000);
    const after = startOfDayIn(addDays(tomorrow(), 1), timeZone);
    expect(await reads(people.evan, enrolments.cu782, now)).toBe(false);
    expect(await reads(people.evan, enrolments.cu782, during)).toBe(true);
    expect(await reads(people.evan, enrolments.cu782, after)).toBe(false);
    // The visit page follows the same days; the admin reads it at any time.
    expect(await rejection(getVisit(state.db, people.evan, visitId, now))).toBeInstanceOf(ForbiddenError);
    const inScope = (await getVisit(state.db, people.evan, visitId, during)).enrolments.map((e) => e.id);
    expect(inScope).toContain(enrolments.cu782);
    expect(inScope.sort()).toEqual(await northgateEnrolmentsOn("CU782"));
    expect(await rejection(getVisit(state.db, people.evan, visitId, after))).toBeInstanceOf(ForbiddenError);
    expect((await getVisit(state.db, people.nadia, visitId, after)).allowed.manage).toBe(true);
  });

  it("does not reach an enrolment outside the scope, and lists only open visits as enterable", async () => {
    const during = new Date(startOfDayIn(tomorrow(), timeZone).getTime() + 3_600_000);
    expect(await reads(people.evan, enrolments.devInscs, during)).toBe(false);
    const list = await listEqaVisits(state.db, people.evan, during);
    expect(list.open.map((v) => v.id)).toContain(visitId);
    const beforeList = await listEqaVisits(state.db, people.evan, now);
    expect(beforeList.open.map((v) => v.id)).not.toContain(visitId);
    expect(beforeList.others.find((v) => v.id === visitId)?.state).toBe("upcoming");
  });

  it("records findings, one raising an action for an assessor and one for the centre, only during the visit", async () => {
    const during = new Date(startOfDayIn(tomorrow(), timeZone).getTime() + 3_600_000);
    const dueDate = addDays(tomorrow(), 14);
    const first = await recordFinding(
      state.db,
      people.evan,
      { visitId, text: "Feedback to candidates is thorough.", needsAction: false },
      during,
    );
    expect(first.actionId).toBeNull();
    const second = await recordFinding(
      state.db,
      people.evan,
      {
        visitId,
        text: "Record the range items covered on each observation.",
        needsAction: true,
        dueDate,
        assessorId: people.asha.userId,
      },
      during,
    );
    const third = await recordFinding(
      state.db,
      people.evan,
      { visitId, text: "Standardisation minutes are missing.", needsAction: true, dueDate },
      during,
    );
    expect(await state.db.qaAction.findUniqueOrThrow({ where: { id: second.actionId! } })).toMatchObject({
      visitId,
      centreId,
      raisedById: people.evan.userId,
      assessorId: people.asha.userId,
      status: "open",
      dueDate: startOfDayIn(dueDate, timeZone),
    });
    expect(await state.db.qaAction.findUniqueOrThrow({ where: { id: third.actionId! } })).toMatchObject({
      assessorId: null,
    });
    const view = await getVisit(state.db, people.nadia, visitId, during);
    expect(view.findings.map((f) => f.text)).toHaveLength(3);
    expect(view.actions.map((a) => a.assessor?.name ?? null)).toEqual(["Asha Patel", null]);

    const before = await footprint();
    expect(
      await rejection(
        recordFinding(state.db, people.evan, { visitId, text: "Too late." }, new Date(during.getTime() + 2 * day)),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(recordFinding(state.db, people.nadia, { visitId, text: "An admin." }, during)),
    ).toBeInstanceOf(ForbiddenError);
    const noDue = await rejection(
      recordFinding(state.db, people.evan, { visitId, text: "Act.", needsAction: true }, during),
    );
    expect((noDue as InputError).fieldErrors).toHaveProperty("dueDate");
    const notAssessor = await rejection(
      recordFinding(
        state.db,
        people.evan,
        { visitId, text: "Act.", needsAction: true, dueDate, assessorId: people.iris.userId },
        during,
      ),
    );
    expect((notAssessor as InputError).fieldErrors).toHaveProperty("assessorId");
    expect(await footprint()).toEqual(before);
  });
});

describe("changing and cancelling a visit", () => {
  it("moves the shares' window with the dates, and the EQA's access with it", async () => {
    await clearEvansShares();
    const { id } = await createVisit(state.db, people.nadia, visitInput({ unitCodes: ["CS34"] }), now);
    expect(await reads(people.evan, enrolments.cs34, now)).toBe(true);
    await changeVisitDates(
      state.db,
      people.nadia,
      { visitId: id, firstDay: addDays(today, 5), lastDay: addDays(today, 6) },
      now,
    );
    for (const share of await sharesOf(id)) {
      expect(share.startsAt).toEqual(startOfDayIn(addDays(today, 5), timeZone));
      expect(share.expiresAt).toEqual(startOfDayIn(addDays(today, 7), timeZone));
    }
    expect(await reads(people.evan, enrolments.cs34, now)).toBe(false);
    const visit = await state.db.eqaVisit.findUniqueOrThrow({ where: { id } });
    expect(visit.startsAt).toEqual(startOfDayIn(addDays(today, 5), timeZone));
    expect(await rejection(getVisit(state.db, people.evan, id, now))).toBeInstanceOf(ForbiddenError);
    expect((await getVisit(state.db, people.evan, id, new Date(visit.startsAt.getTime() + 3_600_000))).id).toBe(id);
  });

  it("cancelling deletes its shares, so access through it ends at once; a cancelled visit cannot be moved", async () => {
    await clearEvansShares();
    const { id } = await createVisit(state.db, people.nadia, visitInput({ unitCodes: ["CU782"] }), now);
    expect(await reads(people.evan, enrolments.cu782, now)).toBe(true);
    const cancelled = await cancelVisit(state.db, people.nadia, { visitId: id }, now);
    expect(cancelled.sharesRemoved).toBe((await northgateEnrolmentsOn("CU782")).length);
    expect(await sharesOf(id)).toEqual([]);
    expect(await reads(people.evan, enrolments.cu782, now)).toBe(false);
    expect(await rejection(getVisit(state.db, people.evan, id, now))).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(changeVisitDates(state.db, people.nadia, { visitId: id, firstDay: today, lastDay: today }, now)),
    ).toBeInstanceOf(ConflictError);
    expect(await rejection(cancelVisit(state.db, people.nadia, { visitId: id }, now))).toBeInstanceOf(ConflictError);
    const audit = await state.db.auditEvent.findMany({
      where: { entityType: "EqaVisit", entityId: id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["visit.create", "visit.cancel"]);
  });
});

describe("another centre's admin", () => {
  it("can arrange, read, move or cancel nothing of Northgate's, and writes nothing", async () => {
    const { id } = await createVisit(state.db, people.nadia, visitInput(), now);
    const before = await footprint();
    const rosa = people.rosa;
    expect(await rejection(createVisit(state.db, rosa, visitInput(), now))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(getVisit(state.db, rosa, id, now))).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(changeVisitDates(state.db, rosa, { visitId: id, firstDay: today, lastDay: today }, now)),
    ).toBeInstanceOf(NotFoundError);
    expect(await rejection(cancelVisit(state.db, rosa, { visitId: id }, now))).toBeInstanceOf(NotFoundError);
    expect(await rejection(recordFinding(state.db, rosa, { visitId: id, text: "x" }, now))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await rejection(listCentreVisits(state.db, rosa, { centreId }, now))).toBeInstanceOf(ForbiddenError);
    // Northgate's own people without a part in the visit do not see it either.
    expect(await rejection(getVisit(state.db, people.asha, id, now))).toBeInstanceOf(NotFoundError);
    expect(await footprint()).toEqual(before);
  });

  it("while Northgate's admin lists the centre's visits, 20 a page, latest first", async () => {
    const list = await listCentreVisits(state.db, people.nadia, { centreId }, now);
    expect(list.total).toBeGreaterThanOrEqual(7);
    expect(list.items.length).toBe(Math.min(list.total, 20));
    const starts = list.items.map((v) => v.startsAt.getTime());
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });
});
