import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, wrongCredentialsMessage } from "@/lib/auth/sign-in";
import { useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();
const password = "correct horse battery";

async function makeUser(email: string, extra: { deactivatedAt?: Date } = {}) {
  const centre = await state.db.centre.upsert({ where: { slug: "c1" }, update: {}, create: { slug: "c1", name: "Centre One" } });
  const user = await state.db.user.create({ data: { email, name: email, passwordHash: await hashPassword(password), ...extra } });
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

  it("makes further attempts wait after 5 failures in 15 minutes, even with the right password", async () => {
    await makeUser("throttle@example.org");
    const start = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      const at = new Date(start.getTime() + i * 60_000);
      expect((await signInWithPassword(state.db, "throttle@example.org", "bad guess", at)).ok).toBe(false);
    }
    const blocked = await signInWithPassword(state.db, "throttle@example.org", password, new Date(start.getTime() + 5 * 60_000));
    expect(blocked).toEqual({ ok: false, message: expect.stringMatching(/^Too many failed attempts for this email\. Wait 10 minutes and try again/) });
    // Once the oldest failure is more than 15 minutes old, the right password works again.
    const later = await signInWithPassword(state.db, "throttle@example.org", password, new Date(start.getTime() + 16 * 60_000));
    expect(later.ok).toBe(true);
  });

  it("throttles unknown emails the same way, so the response does not reveal accounts", async () => {
    const at = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i < 5; i++) await signInWithPassword(state.db, "ghost@example.org", "x", at);
    const result = await signInWithPassword(state.db, "ghost@example.org", "x", at);
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
