import { beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import type { SessionActor } from "@/lib/auth/actor";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Signing a decision asks for the assessor's password again. Without a limit, that form would
// let anyone at an unlocked screen guess the password without the sign-in page's lockout; so
// wrong signing passwords lock the account, for signing and for sign-in from any address. Wrong
// sign-in passwords from some address make only that address wait (lib/auth/throttle.ts), so a
// stranger cannot stop an assessor signing.

const state = useMigratedDb();
let asha: SessionActor;
let enrolmentId = "";
let criterionId = "";
let otherCriterionId = "";

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userMessage;
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  const enrolment = await state.db.enrolment.findFirstOrThrow({
    where: { assessorId: asha.userId, unitVersion: { unit: { code: "CS34" } } },
    select: { id: true, unitVersionId: true },
  });
  enrolmentId = enrolment.id;
  criterionId = (
    await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref: "1.3" } })
  ).id;
  otherCriterionId = (
    await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref: "1.4" } })
  ).id;
}, 60_000);

describe("signing with a password", () => {
  it("locks the account after five wrong passwords, for signing and for sign-in, and signs nothing", async () => {
    const sign = (password: string) =>
      decideCriterion(state.db, asha, { enrolmentId, criterionId, outcome: "NOT_YET_MET", password });
    for (let i = 0; i < 5; i++) expect(await refusal(sign(`guess-${i}`))).toMatch(/password was not accepted/);

    expect(await refusal(sign(demoPassword))).toMatch(
      /^Too many wrong passwords for your account, so nothing was signed\. Wait 15 minutes/,
    );
    expect(await state.db.decision.count({ where: { enrolmentId } })).toBe(0);

    // The lockout belongs to the account, not to a network: signing in waits from any address.
    for (const clientAddress of ["203.0.113.20", "198.51.100.7", null]) {
      const signIn = await signInWithPassword(state.db, "assessor@northgate.example", demoPassword, { clientAddress });
      expect(signIn).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Too many failed attempts for this email/),
      });
    }
  });

  it("signs again once the lockout has passed", async () => {
    const later = new Date(Date.now() + 16 * 60_000);
    const signed = await decideCriterion(
      state.db,
      asha,
      { enrolmentId, criterionId, outcome: "NOT_YET_MET", password: demoPassword },
      later,
    );
    expect(signed.outcome).toBe("NOT_YET_MET");
  });

  it("is not stopped by someone else's wrong sign-in passwords for the account from another address", async () => {
    const later = new Date(Date.now() + 60 * 60_000);
    for (let i = 0; i < 5; i++) {
      const guess = await signInWithPassword(state.db, "assessor@northgate.example", `guess-${i}`, {
        now: later,
        clientAddress: "203.0.113.66",
      });
      expect(guess.ok).toBe(false);
    }
    const signed = await decideCriterion(
      state.db,
      asha,
      { enrolmentId, criterionId: otherCriterionId, outcome: "NOT_YET_MET", password: demoPassword },
      later,
    );
    expect(signed.outcome).toBe("NOT_YET_MET");
  });
});
