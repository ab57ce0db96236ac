import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, wrongCredentialsMessage } from "@/lib/auth/sign-in";
import { useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();
const password = "correct horse battery";

async function makeUser(email: string, extra: { deactivatedAt?: Date } = {}) {
  const centre = await state.db.centre.upsert({
    where: { slug: "c1" },
    update: {},
    create: { slug: "c1", name: "Centre One" },
  });
  const user = await state.db.user.create({
    data: { email, name: email, passwordHash: await hashPassword(password), ...extra },
  });
  await state.db.membership.create({ data: { userId: user.id, centreId: centre.id, role: "ASSESSOR" } });
  return user;
}

describe("signing in with email and password", () => {
  it("accepts the right password (email in any case) and records the sign-in", async () => {
    const user = await makeUser("ok@example.org");
    expect(await signInWithPassword(state.db, "  OK@Example.org ", password)).toEqual({ ok: true, userId: user.id });
    const events = await state.db.auditEvent.findMany({ where: { entityId: user.id, action: "auth.signIn" } });
    expect(events).toHaveLength(1);
  });

  it("gives the same message for a wrong password, an unknown email and a deactivated account", async () => {
    await makeUser("wrong@example.org");
    await makeUser("gone@example.org", { deactivatedAt: new Date() });
    const results = [
      await signInWithPassword(state.db, "wrong@example.org", "not the password"),
      await signInWithPassword(state.db, "nobody@example.org", password),
      await signInWithPassword(state.db, "gone@example.org", password),
    ];
    expect(results).toEqual([0, 1, 2].map(() => ({ ok: false, message: wrongCredentialsMessage })));
    const failed = await state.db.auditEvent.count({ where: { action: "auth.signInFailed" } });
    expect(failed).toBeGreaterThanOrEqual(3);
  });

  it("without a known client address, makes further attempts wait after 5 failures in 15 minutes, even with the right password", async () => {
    await makeUser("throttle@example.org");
    const start = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      const at = new Date(start.getTime() + i * 60_000);
      expect((await signInWithPassword(state.db, "throttle@example.org", "bad guess", { now: at })).ok).toBe(false);
    }
    const blocked = await signInWithPassword(state.db, "throttle@example.org", password, {
      now: new Date(start.getTime() + 5 * 60_000),
    });
    expect(blocked).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many failed attempts for this email\. Wait 10 minutes and try again/),
    });
    // Once the oldest failure is more than 15 minutes old, the right password works again.
    const later = await signInWithPassword(state.db, "throttle@example.org", password, {
      now: new Date(start.getTime() + 16 * 60_000),
    });
    expect(later.ok).toBe(true);
  });

  it("throttles unknown emails the same way, so the response does not reveal accounts", async () => {
    const at = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i < 5; i++) await signInWithPassword(state.db, "ghost@example.org", "x", { now: at });
    const result = await signInWithPassword(state.db, "ghost@example.org", "x", { now: at });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message).toMatch(/^Too many failed attempts/);
  });

  it("reads roles from the database on every request: a removed role or deactivation applies at once", async () => {
    const user = await makeUser("fresh@example.org");
    expect((await loadActor(state.db, user.id))?.memberships.map((m) => m.role)).toEqual(["ASSESSOR"]);
    await state.db.membership.deleteMany({ where: { userId: user.id } });
    expect((await loadActor(state.db, user.id))?.memberships).toEqual([]);
    await state.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await loadActor(state.db, user.id)).toBeNull();
  });
});

describe("throttling by email and client address", () => {
  const minutes = (start: Date, n: number) => new Date(start.getTime() + n * 60_000);
  const waitFor = (what: RegExp) => ({ ok: false, message: expect.stringMatching(what) });

  it("makes only the guessing address wait: the owner still signs in from their own address", async () => {
    const owner = await makeUser("victim@example.org");
    const start = new Date("2026-11-24T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      const result = await signInWithPassword(state.db, "victim@example.org", `guess ${i}`, {
        now: minutes(start, i),
        clientAddress: "203.0.113.66",
      });
      expect(result).toEqual({ ok: false, message: wrongCredentialsMessage });
    }
    // The same address written as an IPv4-mapped IPv6 address is the same address.
    const attacker = await signInWithPassword(state.db, "victim@example.org", password, {
      now: minutes(start, 5),
      clientAddress: "::FFFF:203.0.113.66",
    });
    expect(attacker).toEqual(waitFor(/^Too many failed attempts for this email\. Wait 10 minutes and try again/));

    const fromHome = await signInWithPassword(state.db, "victim@example.org", password, {
      now: minutes(start, 5),
      clientAddress: "198.51.100.7",
    });
    expect(fromHome).toEqual({ ok: true, userId: owner.id });
  });

  it("still bounds a distributed attack: 50 failures for one email from any addresses make it wait everywhere", async () => {
    await makeUser("popular@example.org");
    const start = new Date("2026-11-24T11:00:00Z");
    for (let i = 0; i < 50; i++) {
      const at = new Date(start.getTime() + i * 6_000);
      await signInWithPassword(state.db, "popular@example.org", `guess ${i}`, {
        now: at,
        clientAddress: `192.0.2.${i + 1}`,
      });
    }
    const fromHome = await signInWithPassword(state.db, "popular@example.org", password, {
      now: minutes(start, 10),
      clientAddress: "198.51.100.7",
    });
    expect(fromHome).toEqual(waitFor(/^Too many failed attempts for this email\. Wait 5 minutes and try again/));
    // Once the oldest of those 50 is more than 15 minutes old, the owner gets in again.
    const later = await signInWithPassword(state.db, "popular@example.org", password, {
      now: minutes(start, 16),
      clientAddress: "198.51.100.7",
    });
    expect(later.ok).toBe(true);
  }, 120_000);

  it("makes an address that fails 100 times in 15 minutes across many emails (password spraying) wait, for every email", async () => {
    const user = await makeUser("sprayed@example.org");
    const start = new Date("2026-11-24T12:00:00Z");
    for (let i = 0; i < 100; i++) {
      const at = new Date(start.getTime() + i * 3_000);
      await signInWithPassword(state.db, `person${i}@example.org`, "Summer2026!", {
        now: at,
        clientAddress: "2001:db8:5:7::10",
      });
    }
    // Another address in the same IPv6 /64 network is the same sprayer.
    const sprayer = await signInWithPassword(state.db, "sprayed@example.org", password, {
      now: minutes(start, 10),
      clientAddress: "2001:db8:5:7:abcd::1",
    });
    expect(sprayer).toEqual(
      waitFor(/^Too many failed sign-in attempts from your network\. Wait 5 minutes and try again/),
    );

    const elsewhere = await signInWithPassword(state.db, "sprayed@example.org", password, {
      now: minutes(start, 10),
      clientAddress: "2001:db8:5:8::10",
    });
    expect(elsewhere).toEqual({ ok: true, userId: user.id });
  }, 120_000);
});
