import { describe, expect, it } from "vitest";
import { notify } from "@/lib/notify";
import {
  emailNotification,
  sendDigests,
  unsubscribe,
  unsubscribeToken,
  verifyUnsubscribeToken,
} from "@/lib/notify/email";
import { useMigratedDb } from "../helpers/test-db";

// Notification emails (lib/notify/email.ts; docs/decisions/0024-durable-jobs.md): one per
// notification for those who chose "immediate", a daily digest for "daily", nothing for "none",
// and an unsubscribe link that works without signing in and cannot be forged.

const state = useMigratedDb();
const links = { baseUrl: "https://portfolio.example", secret: "a-test-secret-that-is-long-enough-0123" };
const now = new Date("2026-12-12T07:00:00.000Z");

async function person(email: string, notificationEmail: string) {
  return state.db.user.create({ data: { email, name: email.split("@")[0]!, notificationEmail } });
}

function note(userId: string, title: string) {
  return { userId, kind: "comment.added" as const, title, body: `${title}, in full.`, link: "/candidate/evidence/1" };
}

async function mailTo(to: string) {
  return state.db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}

describe("immediate emails", () => {
  it("sends one email per notification, once, with a link to it and a working unsubscribe link", async () => {
    const ivy = await person("ivy@example.org", "immediate");
    const dan = await person("dan@example.org", "daily");
    await state.db.$transaction((tx) => notify(tx, note(ivy.id, "A new comment"), note(dan.id, "Another comment")));
    const jobs = await state.db.job.findMany({ where: { name: "notify.email" } });
    expect(jobs).toHaveLength(1);
    const { notificationId } = JSON.parse(jobs[0]!.payload) as { notificationId: string };

    await emailNotification(state.db, notificationId, links, now);
    await emailNotification(state.db, notificationId, links, now);
    const [mail, ...more] = await mailTo("ivy@example.org");
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("A new comment");
    expect(mail?.body).toContain("Open it: https://portfolio.example/candidate/evidence/1");
    const token = /unsubscribe\?token=([^\s]+)/.exec(mail!.body)![1]!;
    expect(await state.db.job.count({ where: { singletonKey: `mail.deliver:${mail!.id}` } })).toBe(1);

    expect(await unsubscribe(state.db, decodeURIComponent(token), links.secret)).toBe(true);
    expect((await state.db.user.findUniqueOrThrow({ where: { id: ivy.id } })).notificationEmail).toBe("none");
    await state.db.$transaction((tx) => notify(tx, note(ivy.id, "After unsubscribing")));
    expect(await state.db.job.count({ where: { name: "notify.email" } })).toBe(1);
  });

  it("rolls back with the change: no notification, no email job", async () => {
    const ian = await person("ian@example.org", "immediate");
    await expect(
      state.db.$transaction(async (tx) => {
        await notify(tx, note(ian.id, "Never happened"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await state.db.notification.count({ where: { userId: ian.id } })).toBe(0);
    expect(await state.db.job.count({ where: { name: "notify.email" } })).toBe(1);
  });
});

describe("the daily digest", () => {
  it("lists each daily person's unread notifications once, and nothing for those who chose none", async () => {
    const dee = await person("dee@example.org", "daily");
    const nod = await person("nod@example.org", "none");
    const earlier = new Date(now.getTime() - 60 * 60 * 1000);
    for (const [userId, title, readAt] of [
      [dee.id, "First", null],
      [dee.id, "Second", null],
      [dee.id, "Already read", earlier],
      [nod.id, "Quiet", null],
    ] as const) {
      await state.db.notification.create({ data: { ...note(userId, title), createdAt: earlier, readAt } });
    }
    await sendDigests(state.db, links, now);
    await sendDigests(state.db, links, now);
    const [digest, ...more] = await mailTo("dee@example.org");
    expect(more).toEqual([]);
    expect(digest?.subject).toBe("2 new notifications");
    expect(digest?.body).toMatch(/- First .*\n- Second /);
    expect(digest?.body).not.toContain("Already read");
    expect(digest?.body).toContain("https://portfolio.example/unsubscribe?token=");
    expect(await mailTo("nod@example.org")).toEqual([]);
  });
});

describe("unsubscribe tokens", () => {
  it("refuses a token that was edited, cut short, made for someone else or signed with another secret", async () => {
    const victim = await person("victim@example.org", "daily");
    const attacker = await person("attacker@example.org", "daily");
    const mine = unsubscribeToken(attacker.id, links.secret);
    expect(verifyUnsubscribeToken(mine, links.secret)).toBe(attacker.id);

    const signature = mine.slice(mine.indexOf(".") + 1);
    const flipped = signature.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    for (const forged of [
      `${victim.id}.${signature}`,
      `${attacker.id}.${flipped}`,
      mine.slice(0, -2),
      unsubscribeToken(victim.id, "some-other-secret-of-enough-length-000"),
      victim.id,
      "",
    ]) {
      expect(verifyUnsubscribeToken(forged, links.secret), forged).toBeNull();
      expect(await unsubscribe(state.db, forged, links.secret)).toBe(false);
    }
    expect((await state.db.user.findUniqueOrThrow({ where: { id: victim.id } })).notificationEmail).toBe("daily");
  });
});
