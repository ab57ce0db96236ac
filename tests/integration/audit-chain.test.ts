import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, recordAudits, type AuditInput } from "@/lib/audit";
import { GENESIS_HASH, hashEvent, linkEvents, PLATFORM_CHAIN } from "@/lib/audit/chain";
import { verifyAuditChains } from "@/lib/audit/verify";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { readMigrations } from "@/lib/db/migrations";
import { Prisma } from "@/generated/sqlite/client";
import { seedScale } from "@/scripts/bench/scale-data";
import { createEmptyDatabase, provider, useMigratedDb, type TestDatabase } from "../helpers/test-db";

// The audit log is a hash chain per centre (and one for the platform): audit:verify names the
// first event that was changed, removed or inserted; concurrent writers never fork a chain; the
// migration chains the events written before it.

const state = useMigratedDb();

const event = (centreId: string | null, action: string, extra: Partial<AuditInput> = {}): AuditInput => ({
  actorId: "someone",
  centreId,
  action,
  entityType: "Thing",
  entityId: `${action}-id`,
  after: { b: 2, a: { z: [1, "two", null], y: true } },
  ...extra,
});

async function record(centreId: string | null, count: number, prefix = "act") {
  for (let i = 1; i <= count; i++)
    await state.db.$transaction((tx) => recordAudit(tx, event(centreId, `${prefix}.${i}`)));
}

const only = (centreId: string) => ({ chainIds: [centreId], centreIds: [centreId] });
const eventAt = (chainId: string, seq: number) => state.db.auditEvent.findFirstOrThrow({ where: { chainId, seq } });

describe("the audit chain", () => {
  it("links each centre's events in order from the genesis, and a platform chain for the rest", async () => {
    await record("centre-links", 3);
    await record(null, 1, "platform");
    const events = await state.db.auditEvent.findMany({ where: { chainId: "centre-links" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.action])).toEqual([
      [1, "act.1"],
      [2, "act.2"],
      [3, "act.3"],
    ]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.hash).toBe(
      hashEvent({ ...events[2]!, chainId: "centre-links", seq: 3, prevHash: events[1]!.hash! }),
    );
    expect(
      await state.db.auditEvent.count({ where: { chainId: PLATFORM_CHAIN, action: "platform.1", centreId: null } }),
    ).toBe(1);
    expect(await verifyAuditChains(state.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("names a changed event", async () => {
    await record("centre-changed", 4);
    const target = await eventAt("centre-changed", 2);
    await state.db.auditEvent.update({ where: { id: target.id }, data: { after: { b: 3 } } });
    const report = await verifyAuditChains(state.db, only("centre-changed"));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: "changed", eventId: target.id, seq: 2 })]);
    expect(report.problems[0]!.message).toContain(`event ${target.id}`);
  });

  it("names a removed event, in the middle or at the end", async () => {
    await record("centre-removed", 4);
    const [second, third] = [await eventAt("centre-removed", 2), await eventAt("centre-removed", 3)];
    await state.db.auditEvent.delete({ where: { id: second.id } });
    const report = await verifyAuditChains(state.db, only("centre-removed"));
    expect(report.problems).toEqual([expect.objectContaining({ kind: "removed", eventId: third.id })]);
    expect(report.problems[0]!.message).toContain("event seq 2 is missing before");

    await record("centre-truncated", 3);
    await state.db.auditEvent.delete({ where: { id: (await eventAt("centre-truncated", 3)).id } });
    const tail = await verifyAuditChains(state.db, only("centre-truncated"));
    expect(tail.problems).toEqual([
      expect.objectContaining({
        kind: "removed",
        message: expect.stringContaining("event seq 3 is missing at the end"),
      }),
    ]);
  });

  it("names an inserted event: past the head, in place of another, or on no chain", async () => {
    await record("centre-inserted", 2);
    const last = await eventAt("centre-inserted", 2);
    // A well-formed next link, written around recordAudit (the head was not moved).
    const forged = {
      chainId: "centre-inserted",
      seq: 3,
      prevHash: last.hash!,
      centreId: "centre-inserted",
      actorId: "mallory",
      action: "forged",
      entityType: "Thing",
      entityId: null,
      before: null,
      after: null,
      at: new Date(),
    };
    const inserted = await state.db.auditEvent.create({
      data: { ...forged, before: undefined, after: undefined, hash: hashEvent(forged) },
    });
    expect((await verifyAuditChains(state.db, only("centre-inserted"))).problems).toEqual([
      expect.objectContaining({ kind: "inserted", eventId: inserted.id }),
    ]);

    await record("centre-replaced", 3);
    const original = await eventAt("centre-replaced", 2);
    await state.db.auditEvent.delete({ where: { id: original.id } });
    const fake = {
      ...forged,
      chainId: "centre-replaced",
      centreId: "centre-replaced",
      seq: 2,
      prevHash: "f".repeat(64),
    };
    const replaced = await state.db.auditEvent.create({
      data: { ...fake, before: undefined, after: undefined, hash: hashEvent(fake) },
    });
    expect((await verifyAuditChains(state.db, only("centre-replaced"))).problems).toEqual([
      expect.objectContaining({ kind: "inserted", eventId: replaced.id }),
    ]);

    await record("centre-unchained", 1);
    const loose = await state.db.auditEvent.create({
      data: { centreId: "centre-unchained", actorId: "mallory", action: "loose", entityType: "Thing" },
    });
    expect((await verifyAuditChains(state.db, only("centre-unchained"))).problems).toEqual([
      expect.objectContaining({ kind: "inserted", eventId: loose.id }),
    ]);
  });

  it("names the first broken event wherever it falls among the verifier's pages", async () => {
    // Pages of 5 seqs here (20,000 in use): 23 events span five pages.
    const paged = (centreId: string) => verifyAuditChains(state.db, only(centreId), { pageSize: 5 });
    await record("centre-paged", 23);
    expect(await paged("centre-paged")).toMatchObject({ ok: true, events: 23 });

    await record("centre-paged-mid", 23);
    const mid = await eventAt("centre-paged-mid", 13); // the middle of the third page
    await state.db.auditEvent.update({ where: { id: mid.id }, data: { action: "changed" } });
    await state.db.auditEvent.update({
      where: { id: (await eventAt("centre-paged-mid", 18)).id },
      data: { actorId: "also-changed" },
    });
    expect((await paged("centre-paged-mid")).problems).toEqual([
      expect.objectContaining({ kind: "changed", eventId: mid.id, seq: 13 }),
    ]);

    await record("centre-paged-gap", 23);
    // Seqs 4-16 gone: a whole page (6-10) and more with no events in it.
    await state.db.auditEvent.deleteMany({ where: { chainId: "centre-paged-gap", seq: { gte: 4, lte: 16 } } });
    const after = await eventAt("centre-paged-gap", 17);
    expect((await paged("centre-paged-gap")).problems).toEqual([
      expect.objectContaining({
        kind: "removed",
        eventId: after.id,
        message: expect.stringContaining("events seq 4-16 are missing before"),
      }),
    ]);
  });

  it("names an event slipped in before a chain's first or far past its head", async () => {
    await record("centre-edges", 3);
    const first = await eventAt("centre-edges", 1);
    const early = await state.db.auditEvent.create({
      data: { ...first, id: "forged-seq-0", seq: 0, prevHash: GENESIS_HASH, before: undefined, after: undefined },
    });
    expect((await verifyAuditChains(state.db, only("centre-edges"))).problems).toEqual([
      expect.objectContaining({ kind: "inserted", eventId: early.id, seq: 0 }),
    ]);
    await state.db.auditEvent.delete({ where: { id: early.id } });

    const far = await state.db.auditEvent.create({
      data: { ...first, id: "forged-far", seq: 2_000_000_000, before: undefined, after: undefined },
    });
    expect((await verifyAuditChains(state.db, only("centre-edges"))).problems).toEqual([
      expect.objectContaining({ kind: "inserted", eventId: far.id, seq: 2_000_000_000 }),
    ]);
  });

  it("never forks a chain under 20 concurrent transactions", async () => {
    const centreId = "centre-concurrent";
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        state.db.$transaction(
          async (tx) => {
            // Some work of the transaction's own before its audit write, so the writers overlap.
            await tx.auditEvent.count({ where: { centreId } });
            await recordAudit(tx, event(centreId, `parallel.${i}`));
          },
          { maxWait: 30_000, timeout: 30_000 },
        ),
      ),
    );
    const events = await state.db.auditEvent.findMany({ where: { chainId: centreId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(20);
    expect(await state.db.auditChainHead.findUniqueOrThrow({ where: { chainId: centreId } })).toMatchObject({
      seq: 20,
      hash: events[19]!.hash,
    });
    expect(await verifyAuditChains(state.db, only(centreId))).toMatchObject({ ok: true, events: 20 });
  });

  it("continues a chain that another process moved since this one last wrote to it", async () => {
    const centreId = "centre-elsewhere";
    await record(centreId, 1);
    // Another app process appends (this one's remembered head is now stale).
    await state.db.$transaction(async (tx) => {
      const head = await tx.auditChainHead.findUniqueOrThrow({ where: { chainId: centreId } });
      const { linked, head: next } = linkEvents(centreId, head, [
        { ...event(centreId, "elsewhere"), before: null, after: null, at: new Date() },
      ]);
      await tx.auditEvent.create({ data: { ...linked[0]!, before: undefined, after: undefined } });
      await tx.auditChainHead.update({ where: { chainId: centreId }, data: next });
    });
    await record(centreId, 1, "here");
    const events = await state.db.auditEvent.findMany({ where: { chainId: centreId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.action])).toEqual([
      [1, "act.1"],
      [2, "elsewhere"],
      [3, "here.1"],
    ]);
    expect(await verifyAuditChains(state.db, only(centreId))).toMatchObject({ ok: true, events: 3 });
  });

  it("leaves no trace of an append whose transaction rolled back, and links the next onto the last kept", async () => {
    const centreId = "centre-rollback";
    await record(centreId, 1);
    await expect(
      state.db.$transaction(async (tx) => {
        await recordAudit(tx, event(centreId, "undone"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await record(centreId, 2, "kept");
    const events = await state.db.auditEvent.findMany({ where: { chainId: centreId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.seq, e.action])).toEqual([
      [1, "act.1"],
      [2, "kept.1"],
      [3, "kept.2"],
    ]);
    expect(await verifyAuditChains(state.db, only(centreId))).toMatchObject({ ok: true, events: 3 });
  });

  // SQLite runs one writer at a time (the test above covers it through one client); PostgreSQL
  // takes writers from many connections at once, here three pools of transactions interleaving.
  it.runIf(provider === "postgresql")("never forks a chain written from several connection pools at once", async () => {
    const centreId = "centre-pools";
    const clients = [createDb(state.url), createDb(state.url), createDb(state.url)];
    try {
      await Promise.all(
        clients.flatMap((db, c) =>
          Array.from({ length: 10 }, (_, i) =>
            db.$transaction(
              async (tx) => {
                await tx.auditEvent.count({ where: { centreId } });
                await recordAudit(tx, event(centreId, `pool${c}.${i}`));
              },
              { maxWait: 30_000, timeout: 30_000 },
            ),
          ),
        ),
      );
    } finally {
      await Promise.all(clients.map((db) => db.$disconnect()));
    }
    const events = await state.db.auditEvent.findMany({ where: { chainId: centreId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await verifyAuditChains(state.db, only(centreId))).toMatchObject({ ok: true, events: 30 });
  });

  it("writes a bulk of events onto their chains in order, continuing single writes", async () => {
    await record("centre-bulk-a", 1);
    await state.db.$transaction((tx) =>
      recordAudits(tx, [
        event("centre-bulk-a", "bulk.1"),
        event("centre-bulk-b", "bulk.2"),
        event("centre-bulk-a", "bulk.3"),
      ]),
    );
    await record("centre-bulk-a", 1, "after");
    const a = await state.db.auditEvent.findMany({ where: { chainId: "centre-bulk-a" }, orderBy: { seq: "asc" } });
    expect(a.map((e) => e.action)).toEqual(["act.1", "bulk.1", "bulk.3", "after.1"]);
    expect(
      await verifyAuditChains(state.db, {
        chainIds: ["centre-bulk-a", "centre-bulk-b"],
        centreIds: ["centre-bulk-a", "centre-bulk-b"],
      }),
    ).toMatchObject({ ok: true, events: 5 });
  });

  it("the scale seed writes its events (in bulk) as an intact chain the app continues", async () => {
    const { centreId, counts } = await seedScale({
      databaseUrl: state.url,
      candidates: 3,
      now: new Date(Date.UTC(2026, 10, 23)),
      centreSlug: "audit-scale",
    });
    await record(centreId, 1, "after-seed");
    expect(await verifyAuditChains(state.db, only(centreId))).toMatchObject({
      ok: true,
      events: counts.auditEvents + 1,
    });
  });

  it("npm run audit:verify exits non-zero naming the first broken event", async () => {
    const run = promisify(execFile);
    const tsx = path.resolve("node_modules/.bin/tsx");
    const failed = await run(tsx, ["scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: state.url },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    const changed = await eventAt("centre-changed", 2);
    expect(failed?.stderr).toContain(`chain centre-changed: event ${changed.id} (seq 2`);
    expect(failed?.stderr).toContain("it was changed");
  });
});

describe("the audit_chain migration", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    const all = readMigrations(provider);
    const cut = all.findIndex((m) => m.name.endsWith("_audit_chain"));
    await migrate(database.url, () => {}, all.slice(0, cut));
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("chains the events already there, per centre, in the order they happened", async () => {
    const json = Prisma.raw(provider === "postgresql" ? "::jsonb" : "");
    const legacy: Array<[string, string | null, string, number, string | null]> = [
      ["old-3", "centre-x", "third", 3, '{"z":1,"a":{"y":[1,2],"b":"é"}}'],
      ["old-1", "centre-x", "first", 1, null],
      ["old-p", null, "auth.signIn", 2, '{"email":"a@b.example"}'],
      ["old-2", "centre-x", "second", 2, '{"n":1.5}'],
      ["old-y", "centre-y", "only", 5, null],
    ];
    for (const [id, centreId, action, minute, after] of legacy) {
      // The AuditEvent columns before the audit_chain migration.
      await db.$executeRaw`INSERT INTO "AuditEvent" ("id", "centreId", "actorId", "action", "entityType", "entityId", "after", "at")
        VALUES (${id}, ${centreId}, ${"legacy-actor"}, ${action}, ${"Thing"}, ${id}, ${after}${json}, ${new Date(Date.UTC(2026, 0, 1, 9, minute, 0, 123))})`;
    }
    await migrate(database.url);

    const rows = await db.auditEvent.findMany({
      orderBy: [{ chainId: "asc" }, { seq: "asc" }],
      select: { id: true, chainId: true, seq: true },
    });
    expect(rows).toEqual([
      { id: "old-1", chainId: "centre-x", seq: 1 },
      { id: "old-2", chainId: "centre-x", seq: 2 },
      { id: "old-3", chainId: "centre-x", seq: 3 },
      { id: "old-y", chainId: "centre-y", seq: 1 },
      { id: "old-p", chainId: PLATFORM_CHAIN, seq: 1 },
    ]);
    expect(await verifyAuditChains(db)).toMatchObject({ ok: true, chains: 3, events: 5 });

    // The app's writes continue the backfilled chain.
    await db.$transaction((tx) => recordAudit(tx, event("centre-x", "new")));
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "new" } })).toMatchObject({
      chainId: "centre-x",
      seq: 4,
    });
    expect(await verifyAuditChains(db)).toMatchObject({ ok: true, events: 6 });
  });
});
