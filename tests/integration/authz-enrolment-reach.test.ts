import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { can } from "@/lib/authz/policy";
import { demoPeople, seedDemo } from "@/lib/demo/seed";
import { loadEnrolmentResources, type IdentifiedEnrolmentResource } from "@/lib/enrolments/enrolment-resource";
import { shareWithEqa } from "@/lib/enrolments/share-with-eqa";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { importStandards } from "@/lib/standards/import";
import { useMigratedDb } from "../helpers/test-db";

// The policy applied to the demo data as the app loads it: for every demo person, which of the
// seeded enrolments they reach, using the same resource loader the operations use.

const state = useMigratedDb();
const now = new Date("2026-11-23T12:00:00Z");

const actors = new Map<string, SessionActor>();
let resources: IdentifiedEnrolmentResource[] = [];
const centreIds: Record<string, string> = {};
const enrolmentOf: Record<string, string> = {};

function actor(email: string): SessionActor {
  const found = actors.get(email);
  if (!found) throw new Error(`no demo person ${email}`);
  return found;
}

async function reload() {
  resources = await loadEnrolmentResources(state.db);
}

function readable(email: string, at = now): string[] {
  return resources
    .filter((r) => can(actor(email), "enrolment.read", r, at))
    .map((r) => r.id)
    .sort();
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db, now);
  for (const person of demoPeople) {
    const user = await state.db.user.findUniqueOrThrow({ where: { email: person.email } });
    const loaded = await loadActor(state.db, user.id);
    if (!loaded) throw new Error(`cannot load ${person.email}`);
    actors.set(person.email, loaded);
  }
  for (const centre of await state.db.centre.findMany()) centreIds[centre.slug] = centre.id;
  for (const e of await state.db.enrolment.findMany({
    include: { candidate: true, unitVersion: { include: { unit: true } } },
  })) {
    enrolmentOf[`${e.candidate.email} ${e.unitVersion.unit.code}`] = e.id;
  }
  await reload();
});

function enrolment(key: string): string {
  const found = enrolmentOf[key];
  if (!found) throw new Error(`no demo enrolment ${key}`);
  return found;
}

describe("reach of each demo person over the demo enrolments", () => {
  it("loads every demo person and every demo enrolment", () => {
    expect(actors.size).toBe(demoPeople.length);
    expect(resources).toHaveLength(6);
    expect(resources.every((r) => r.kind === "enrolment")).toBe(true);
  });

  it("lets candidate@northgate read only their own enrolments", () => {
    const cara = actor("candidate@northgate.example");
    const own = resources
      .filter((r) => r.candidateId === cara.userId)
      .map((r) => r.id)
      .sort();
    expect(own).toEqual(
      [enrolment("candidate@northgate.example CS34"), enrolment("candidate@northgate.example CU782")].sort(),
    );
    expect(readable("candidate@northgate.example")).toEqual(own);
    expect(readable("candidate2@northgate.example")).toEqual([enrolment("candidate2@northgate.example INSCS042")]);
  });

  it("lets assessor@northgate sign off Cara's CS34 enrolment, but not assessor2", () => {
    const cs34 = resources.find((r) => r.id === enrolment("candidate@northgate.example CS34"));
    if (!cs34) throw new Error("Cara's CS34 enrolment is missing");
    expect(can(actor("assessor@northgate.example"), "criterion.signOff", cs34, now)).toBe(true);
    expect(can(actor("assessor2@northgate.example"), "criterion.signOff", cs34, now)).toBe(false);
    expect(can(actor("assessor2@northgate.example"), "enrolment.read", cs34, now)).toBe(false);
    expect(readable("assessor2@northgate.example")).toEqual([enrolment("candidate2@northgate.example INSCS042")]);
  });

  it("keeps admin@riverside out of every northgate enrolment", () => {
    const northgate = resources.filter((r) => r.centreId === centreIds.northgate);
    expect(northgate).toHaveLength(5);
    for (const r of northgate) {
      for (const action of [
        "enrolment.read",
        "enrolment.changeAssessor",
        "enrolment.withdraw",
        "enrolment.share",
        "evidence.read",
      ] as const) {
        expect(can(actor("admin@riverside.example"), action, r, now), `${action} on ${r.id}`).toBe(false);
      }
    }
    expect(readable("admin@riverside.example")).toEqual([enrolment("candidate@riverside.example CFAM&LFD3")]);
  });

  it("lets admin@northgate read every northgate enrolment but sign off none", () => {
    const northgate = resources
      .filter((r) => r.centreId === centreIds.northgate)
      .map((r) => r.id)
      .sort();
    expect(readable("admin@northgate.example")).toEqual(northgate);
    for (const r of resources) expect(can(actor("admin@northgate.example"), "criterion.signOff", r, now)).toBe(false);
  });

  it("gives the platform admin, the IQA and the person with several roles only the reach their roles imply", () => {
    expect(readable("platform@example.org")).toEqual([]);
    expect(readable("eqa@awarding.example")).toEqual([]);
    expect(readable("iqa@northgate.example")).toEqual(
      resources
        .filter((r) => r.iqaId === actor("iqa@northgate.example").userId)
        .map((r) => r.id)
        .sort(),
    );
    // Morgan is assessor, IQA and admin at Northgate: the admin role reaches every Northgate
    // enrolment; no enrolment names Morgan as assessor, so none can be signed off.
    expect(readable("multi@northgate.example")).toEqual(
      resources
        .filter((r) => r.centreId === centreIds.northgate)
        .map((r) => r.id)
        .sort(),
    );
    for (const r of resources) expect(can(actor("multi@northgate.example"), "criterion.signOff", r, now)).toBe(false);
  });

  it("lets eqa@awarding read an enrolment only after it is shared, and not after the share expires", async () => {
    const cs34 = enrolment("candidate@northgate.example CS34");
    expect(readable("eqa@awarding.example")).toEqual([]);

    const lastDay = addDays(calendarDateIn(now, "Europe/London"), 14);
    const share = await shareWithEqa(
      state.db,
      actor("admin@northgate.example"),
      { enrolmentId: cs34, eqaUserId: actor("eqa@awarding.example").userId, lastDay },
      now,
    );
    await reload();
    expect(readable("eqa@awarding.example")).toEqual([cs34]);
    const shared = resources.find((r) => r.id === cs34);
    if (!shared) throw new Error("shared enrolment missing");
    expect(can(actor("eqa@awarding.example"), "criterion.signOff", shared, now)).toBe(false);
    expect(can(actor("eqa@awarding.example"), "enrolment.withdraw", shared, now)).toBe(false);

    expect(readable("eqa@awarding.example", new Date(share.expiresAt.getTime() - 1))).toEqual([cs34]);
    expect(readable("eqa@awarding.example", share.expiresAt)).toEqual([]);
    expect(readable("eqa@awarding.example", new Date(share.expiresAt.getTime() + 86_400_000))).toEqual([]);
  });
});
