import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { forbiddenMessage } from "@/lib/authz/policy";
import { alsoRangeItemValue, alsoValue } from "@/lib/mapping/claims-form";
import type { proposeMappingsAction as ProposeMappingsAction } from "@/lib/actions/mapping-propose-many";
import {
  criterionOf,
  evidenceOf,
  loadClaimAcrossUnitsFixture,
  type FixtureEnrolment,
} from "../helpers/claim-across-units-fixture";
import { fakeHeadersForCommonJs, requestContext } from "../helpers/next-request";
import { provider, useMigratedDb } from "../helpers/test-db";
import { releaseAppModules } from "../helpers/app-modules";

// The claim-across-units form's server action through the real form pipeline (issue #18): the
// form's fields (the criterion being mapped, `also` for each ticked equivalent and
// `alsoRangeItem` for its range items) become one claim each; a unit refusing its claim leaves
// the others mapped and the form keeps what was ticked; a claim on someone else's evidence is
// refused whole. Only the session and the parts of Next that need a live request are stood in
// for, as in cross-tenant.test.ts.

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("../helpers/next-request")).fakeHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../helpers/next-request")).fakeCache,
}));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../helpers/next-request")).fakeNavigation,
}));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  const { fakeNavigation, requestContext } = await import("../helpers/next-request");
  const { loadActor } = await import("@/lib/auth/actor");
  const { db } = await import("@/lib/db");
  const getActor = async () => (requestContext.userId ? loadActor(db, requestContext.userId) : null);
  return { ...original, getActor, requireActor: async () => (await getActor()) ?? fakeNavigation.redirect("/login") };
});

const state = useMigratedDb();
const savedEnv = { ...process.env };
let undoCommonJs: (() => void) | undefined;
let action: typeof ProposeMappingsAction;
let enrolments: Awaited<ReturnType<typeof loadClaimAcrossUnitsFixture>>["enrolments"];
const users: Record<"cara" | "dev", string> = {} as never;

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
};

async function as(user: "cara" | "dev", fields: Record<string, string | string[]>) {
  requestContext.reset();
  requestContext.userId = users[user];
  return action(null, form(fields));
}

const criterion = (enrolment: FixtureEnrolment, ref: string) => criterionOf(state.db, enrolment, ref);
const claimsOf = async (evidenceId: string) =>
  (
    await state.db.mapping.findMany({
      where: { evidenceId },
      select: {
        criterion: { select: { ref: true } },
        enrolment: { select: { unitVersion: { select: { unit: { select: { code: true } } } } } },
        rangeItems: { select: { rangeItemId: true } },
      },
    })
  )
    .map((m) => `${m.enrolment.unitVersion.unit.code} ${m.criterion.ref} (${m.rangeItems.length} range items)`)
    .sort();

beforeAll(async () => {
  // The app reads its configuration when lib/env is first imported: only now, with the test
  // database made, are the app's modules loaded.
  Object.assign(process.env, {
    DATABASE_URL: state.url,
    NEXTAUTH_SECRET: "claim-across-units-secret-0123456789abcdef",
    NEXTAUTH_URL: "http://portfolio.test",
  });
  delete process.env.SMTP_URL;
  undoCommonJs = fakeHeadersForCommonJs();
  ({ enrolments } = await loadClaimAcrossUnitsFixture(state.db));
  for (const [key, email] of [
    ["cara", "candidate@northgate.example"],
    ["dev", "candidate2@northgate.example"],
  ] as const)
    users[key] = (await state.db.user.findUniqueOrThrow({ where: { email } })).id;
  ({ proposeMappingsAction: action } = await import("@/lib/actions/mapping-propose-many"));
}, 120_000);

afterAll(async () => {
  undoCommonJs?.();
  await releaseAppModules(savedEnv);
});

describe(`proposeMappingsAction on ${provider}`, () => {
  it("maps CS34 1.2 with its items and its ticked CU782 pair; an unticked pair's range items are not claimed", async () => {
    const item = await evidenceOf(state.db, users.cara, enrolments.cs34);
    const [cs12, cu44, cs31] = [
      await criterion(enrolments.cs34, "1.2"),
      await criterion(enrolments.cu782, "4.4"),
      await criterion(enrolments.cs34, "3.1"),
    ];
    const result = await as("cara", {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemId: cs12.rangeItems.slice(0, 3).map((r) => r.id),
      also: alsoValue(enrolments.cu782.id, cu44.id),
      // Range items sent for an equivalent that is not ticked: not claimed.
      alsoRangeItem: alsoRangeItemValue(enrolments.cs34.id, cs31.id, cs31.rangeItems[0]!.id),
    });
    expect(result).toMatchObject({ ok: true, message: "Mapped to CS34 1.2. Mapped to CU782 4.4." });
    expect(requestContext.revalidated).toContain("refresh");
    expect(await claimsOf(item.id)).toEqual(["CS34 1.2 (3 range items)", "CU782 4.4 (0 range items)"]);
  });

  it("keeps the CS5 claim when CU782 refuses simulated evidence, says which unit refused, and sends back what was ticked", async () => {
    const item = await evidenceOf(state.db, users.cara, enrolments.cs5, { simulated: true });
    const [o1, cu11] = [await criterion(enrolments.cs5, "CS5/O1"), await criterion(enrolments.cu782, "1.1")];
    const also = alsoValue(enrolments.cu782.id, cu11.id);
    const result = await as("cara", {
      evidenceId: item.id,
      enrolmentId: enrolments.cs5.id,
      criterionId: o1.id,
      also,
    });
    if (!result?.ok) throw new Error(`expected the step to run: ${result?.message}`);
    expect(result.data.outcomes.map((o) => [o.unitCode, o.ok])).toEqual([
      ["CS5", true],
      ["CU782", false],
    ]);
    expect(result.message).toMatch(
      /^Mapped to CS5 CS5\/O1\. CU782 refused the claim on 1\.1: This evidence is marked as simulated, and CU782 does not accept simulated evidence\./,
    );
    expect(result.values).toMatchObject({ also, criterionId: o1.id });
    expect(await claimsOf(item.id)).toEqual(["CS5 CS5/O1 (0 range items)"]);
  });

  it("refuses Dev's claim on Cara's evidence whole, with the policy's words, and writes nothing", async () => {
    const item = await evidenceOf(state.db, users.cara, enrolments.cs5);
    const o1 = await criterion(enrolments.cs5, "CS5/O1");
    const devs = await state.db.criterion.findFirstOrThrow({
      where: { unitVersionId: enrolments.devInscs042.unitVersionId },
    });
    const before = await state.db.mapping.count();
    const result = await as("dev", {
      evidenceId: item.id,
      enrolmentId: enrolments.devInscs042.id,
      criterionId: devs.id,
      also: alsoValue(enrolments.cs5.id, o1.id),
    });
    expect(result).toMatchObject({ ok: false, message: forbiddenMessage("mapping.propose") });
    expect(await state.db.mapping.count()).toBe(before);
    expect(requestContext.revalidated).toEqual([]);
  });
});
