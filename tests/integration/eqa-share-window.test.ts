import { beforeAll, describe, expect, it } from "vitest";
import { shareWindowState } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { openSharesOf } from "@/lib/enrolments/enrolment-resource";
import { importStandards } from "@/lib/standards/import";
import { useMigratedDb } from "../helpers/test-db";

// A share's window is one rule written twice: shareWindowState decides a loaded share (access,
// display) and openSharesOf finds the open ones in a query (the EQA's list of enrolments). They
// must agree at every edge, or an EQA would be listed an enrolment they cannot open, or not
// listed one they can.

const state = useMigratedDb();
const now = new Date("2026-06-15T09:00:00.000Z");
const ms = (offset: number) => new Date(now.getTime() + offset);
const day = 24 * 60 * 60 * 1000;

const windows: Record<string, { startsAt: Date | null; expiresAt: Date }> = {
  "hand share, ends tomorrow": { startsAt: null, expiresAt: ms(day) },
  "hand share, ends in a millisecond": { startsAt: null, expiresAt: ms(1) },
  "hand share, ends now": { startsAt: null, expiresAt: now },
  "hand share, ended yesterday": { startsAt: null, expiresAt: ms(-day) },
  "visit, began yesterday": { startsAt: ms(-day), expiresAt: ms(day) },
  "visit, begins now": { startsAt: now, expiresAt: ms(day) },
  "visit, begins in a millisecond": { startsAt: ms(1), expiresAt: ms(day) },
  "visit, begins tomorrow": { startsAt: ms(day), expiresAt: ms(2 * day) },
  "visit, ended": { startsAt: ms(-2 * day), expiresAt: ms(-day) },
};

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
});

describe("an EQA share's window, as a query and as a rule", () => {
  it("finds exactly the shares the policy holds open, at every edge", async () => {
    const enrolment = await state.db.enrolment.findFirstOrThrow({ select: { id: true, centreId: true } });
    const eqa = await state.db.user.create({ data: { email: "window-eqa@example.org", name: "Window EQA" } });
    const shares = await Promise.all(
      Object.entries(windows).map(([visitId, window]) =>
        state.db.eqaShare.create({
          data: { ...window, visitId, centreId: enrolment.centreId, eqaUserId: eqa.id, enrolmentId: enrolment.id },
        }),
      ),
    );

    const found = await state.db.eqaShare.findMany({
      where: { id: { in: shares.map((s) => s.id) }, ...openSharesOf(eqa.id, now) },
      select: { visitId: true },
    });
    const held = shares.filter((s) => shareWindowState(s, now) === "open").map((s) => s.visitId);
    expect(found.map((s) => s.visitId).sort()).toEqual(held.sort());
    expect(held.sort()).toEqual(
      [
        "hand share, ends tomorrow",
        "hand share, ends in a millisecond",
        "visit, began yesterday",
        "visit, begins now",
      ].sort(),
    );
  });
});
