import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { exportAuditCsv } from "@/lib/audit/csv";
import { listAuditEvents, readAuditFilters, type AuditFilters, type AuditScope } from "@/lib/audit/list";
import { verifyNow } from "@/lib/audit/verify";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { parseCsv } from "../helpers/csv";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// The audit viewer: a centre's admins read their centre's chain only (whatever the filters
// say), platform admins every chain; filters, CSV export (streamed in pages) and "verify now".

const state = useMigratedDb();
let northgate: AuditScope;
let riverside: AuditScope;
let nadia: SessionActor;
let rosa: SessionActor;
let pat: SessionActor;
let cara: SessionActor;
const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

async function record(
  centreId: string | null,
  action: string,
  at: Date,
  extra: {
    actorId?: string | null;
    entityType?: string;
    entityId?: string | null;
    before?: unknown;
    after?: unknown;
  } = {},
) {
  await state.db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: extra.actorId ?? null,
      centreId,
      action,
      entityType: extra.entityType ?? "Thing",
      entityId: extra.entityId ?? null,
      before: extra.before,
      after: extra.after,
      at,
    }),
  );
}

const list = (actor: SessionActor, scope: AuditScope, filters: AuditFilters = {}, page?: unknown) =>
  listAuditEvents(state.db, actor, scope, filters, page);

async function csvOf(actor: SessionActor, scope: AuditScope, filters: AuditFilters = {}, pageSize?: number) {
  return parseCsv(await new Response(await exportAuditCsv(state.db, actor, scope, filters, pageSize)).text());
}

beforeAll(async () => {
  await importStandards(state.db);
  await seedDemo(state.db);
  nadia = await actorByEmail(state.db, "admin@northgate.example");
  rosa = await actorByEmail(state.db, "admin@riverside.example");
  pat = await actorByEmail(state.db, "platform@example.org");
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  const centre = async (slug: string) => {
    const row = await state.db.centre.findUniqueOrThrow({ where: { slug } });
    return { centreId: row.id, timeZone: row.timeZone };
  };
  northgate = await centre("northgate");
  riverside = await centre("riverside");
  await record(northgate.centreId, "enrolment.create", day(1), {
    actorId: nadia.userId,
    entityType: "Enrolment",
    entityId: "enr-1",
    after: { unit: "CS34" },
  });
  await record(northgate.centreId, "evidence.update", day(2), {
    actorId: cara.userId,
    entityType: "Evidence",
    entityId: "ev-1",
    before: { title: "Old" },
    after: { title: "New" },
  });
  await record(northgate.centreId, "person.changeRoles", day(3), {
    actorId: nadia.userId,
    entityType: "User",
    entityId: cara.userId,
    after: { roles: ["CANDIDATE"] },
  });
  await record(northgate.centreId, "evidence.create", day(4), {
    actorId: cara.userId,
    entityType: "Evidence",
    entityId: '=HYPERLINK("http://evil.example")',
  });
  await record(riverside.centreId, "enrolment.create", day(2), {
    actorId: rosa.userId,
    entityType: "Enrolment",
    entityId: "enr-r",
  });
  await record(null, "auth.signIn", day(3), { actorId: cara.userId, entityType: "User", entityId: cara.userId });
});

describe("the audit viewer", () => {
  it("shows a centre admin their centre's events only, newest first", async () => {
    const page = await list(nadia, northgate);
    expect(page.events.map((e) => e.action)).toEqual([
      "evidence.create",
      "person.changeRoles",
      "evidence.update",
      "enrolment.create",
    ]);
    expect(page.events.every((e) => e.centreId === northgate.centreId && e.chainId === northgate.centreId)).toBe(true);
    expect(page.events.find((e) => e.action === "evidence.update")).toMatchObject({
      before: { title: "Old" },
      after: { title: "New" },
      actor: expect.stringContaining("candidate@northgate.example"),
    });
  });

  it("shows another centre's admin none of them, whatever the filters name", async () => {
    const page = await list(rosa, riverside, { person: cara.userId, entity: "ev-1", chain: northgate.centreId });
    expect(page.events).toEqual([]);
    expect((await list(rosa, riverside)).events.map((e) => e.entityId)).toEqual(["enr-r"]);
    expect(await rejection(list(rosa, northgate))).toBeInstanceOf(ForbiddenError);
    expect((await csvOf(rosa, riverside)).flat().join(" ")).not.toContain(cara.userId);
  });

  it("refuses people who are not admins, and the whole platform to centre admins", async () => {
    expect(await rejection(list(cara, northgate))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(list(nadia, { centreId: "*", timeZone: "UTC" }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(exportAuditCsv(state.db, nadia, { centreId: "*", timeZone: "UTC" }, {}))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await rejection(verifyNow(state.db, cara, northgate.centreId))).toBeInstanceOf(ForbiddenError);
  });

  it("shows a platform admin every chain, the platform's too, and one chain when asked", async () => {
    const all = await list(pat, { centreId: "*", timeZone: "UTC" });
    expect(all.total).toBeGreaterThanOrEqual(6);
    expect(all.events.some((e) => e.chainId === PLATFORM_CHAIN && e.action === "auth.signIn")).toBe(true);
    const one = await list(pat, { centreId: "*", timeZone: "UTC" }, { chain: riverside.centreId });
    expect(one.events.map((e) => e.entityId)).toEqual(["enr-r"]);
  });

  it("filters by person (by them or about them), action or its start, entity and days", async () => {
    const actions = async (filters: AuditFilters) =>
      (await list(nadia, northgate, filters)).events.map((e) => e.action);
    expect(await actions({ person: "candidate@northgate" })).toEqual([
      "evidence.create",
      "person.changeRoles",
      "evidence.update",
    ]);
    expect(await actions({ action: "evidence." })).toEqual(["evidence.create", "evidence.update"]);
    expect(await actions({ entity: "Enrolment" })).toEqual(["enrolment.create"]);
    expect(await actions({ entity: "ev-1" })).toEqual(["evidence.update"]);
    expect(await actions({ from: "2026-11-02", to: "2026-11-03" })).toEqual(["person.changeRoles", "evidence.update"]);
  });

  it("validates filters from the address, naming the bad ones", () => {
    const { filters, problems } = readAuditFilters(
      new URLSearchParams({ from: "last tuesday", action: "evidence.", person: "x".repeat(300) }),
    );
    expect(filters).toMatchObject({ action: "evidence." });
    expect(filters.from).toBeUndefined();
    expect(problems).toEqual(["person must be at most 200 characters", "from must be a date like 2026-12-31"]);
  });

  it("pages 25 at a time", async () => {
    for (let i = 0; i < 30; i++) await record(riverside.centreId, `bulk.${i}`, day(10));
    const first = await list(rosa, riverside);
    const second = await list(rosa, riverside, {}, "2");
    expect([first.events.length, second.events.length, first.pageCount, first.total]).toEqual([25, 6, 2, 31]);
    expect(new Set([...first.events, ...second.events].map((e) => e.id)).size).toBe(31);
  });

  it("exports the filtered list as CSV, every event once across pages, with formulas defused", async () => {
    const rows = await csvOf(nadia, northgate, {}, 2);
    expect(rows[0]).toEqual([
      "At (UTC)",
      "Chain",
      "Seq",
      "Centre",
      "Person",
      "Person id",
      "Action",
      "Entity type",
      "Entity id",
      "Before",
      "After",
      "Event id",
    ]);
    expect(rows.slice(1).map((r) => r[6])).toEqual([
      "evidence.create",
      "person.changeRoles",
      "evidence.update",
      "enrolment.create",
    ]);
    expect(rows[1]![8]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(rows.find((r) => r[6] === "evidence.update")?.slice(9, 11)).toEqual(['{"title":"Old"}', '{"title":"New"}']);
    expect((await csvOf(nadia, northgate, { action: "enrolment." })).length).toBe(2);
  });

  it("'verify now' says the chain is intact, or names the first broken event, for the admin's centre only", async () => {
    expect(await verifyNow(state.db, nadia, northgate.centreId)).toEqual({
      ok: true,
      message: "Chain intact: 4 events, each matching its hash and following the one before.",
    });
    const tampered = await state.db.auditEvent.findFirstOrThrow({
      where: { centreId: riverside.centreId, entityId: "enr-r" },
    });
    await state.db.auditEvent.update({ where: { id: tampered.id }, data: { actorId: nadia.userId } });
    const broken = await verifyNow(state.db, rosa, riverside.centreId);
    expect(broken.ok).toBe(false);
    expect(broken.message).toContain(`event ${tampered.id} (seq 1`);
    expect(broken.message).toContain("it was changed");
    expect((await verifyNow(state.db, nadia, northgate.centreId)).ok).toBe(true);
    expect((await verifyNow(state.db, pat, "*")).message).toContain(tampered.id);
  });
});
