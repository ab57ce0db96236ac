import { beforeAll, describe, expect, it } from "vitest";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError, forbiddenMessage } from "@/lib/authz/policy";
import { demoPassword } from "@/lib/demo/seed";
import { InputError } from "@/lib/errors";
import { searchMappableCriteria, type MappableCriterion } from "@/lib/mapping/search-mappable-criteria";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { proposeMappings } from "@/lib/mapping/propose-mappings";
import { getGapView } from "@/lib/portfolio/gap-view";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importUnit } from "@/lib/standards/import";
import { readUnitFiles } from "@/lib/standards/load-files";
import { actorByEmail, rejection } from "../helpers/actors";
import {
  criterionOf,
  enrolLike,
  evidenceOf,
  loadClaimAcrossUnitsFixture,
  type FixtureEnrolment,
} from "../helpers/claim-across-units-fixture";
import { provider, useMigratedDb } from "../helpers/test-db";

// Map once, claim everywhere (issue #18, items 4 and 5): Cara, enrolled on CS34 and CU782 in the
// demo and on CS5 here (CU782 and CS5 are the same unit in two awarding bodies' words: 27 exact
// pairs), maps one evidence item to a criterion and its equivalents in her other units in one
// step. Each unit applies its own rules; a refusal in one leaves the others standing; the
// assessor judges each unit's claim on its own.

const state = useMigratedDb();

let enrolments: Record<"cs5" | "cu782" | "cs34" | "devInscs042", FixtureEnrolment>;
const actors: Record<"cara" | "dev" | "asha", SessionActor> = {} as never;

const criterion = (enrolment: FixtureEnrolment, ref: string) => criterionOf(state.db, enrolment, ref);

let evidenceCount = 0;
function evidence(options: { simulated?: boolean; candidate?: "cara" | "dev" } = {}) {
  evidenceCount++;
  return evidenceOf(state.db, actors[options.candidate ?? "cara"].userId, enrolments.cs5, {
    simulated: options.simulated,
    title: `Service offer review ${evidenceCount}`,
  });
}

/** The claims of one evidence item as unit code and criterion ref, with their status. */
async function claimsOf(evidenceId: string) {
  const rows = await state.db.mapping.findMany({
    where: { evidenceId },
    select: {
      status: true,
      criterion: { select: { ref: true } },
      enrolment: { select: { unitVersion: { select: { unit: { select: { code: true } } } } } },
      rangeItems: { select: { rangeItemId: true } },
    },
  });
  return rows
    .map((r) => ({
      claim: `${r.enrolment.unitVersion.unit.code} ${r.criterion.ref}`,
      status: r.status,
      rangeItems: r.rangeItems.length,
    }))
    .sort((a, b) => a.claim.localeCompare(b.claim));
}

async function found(evidenceId: string, query: string): Promise<MappableCriterion> {
  const result = await searchMappableCriteria(state.db, actors.cara, { query, evidenceId });
  const hit = result.units.flatMap((u) => u.criteria)[0];
  if (!hit) throw new Error(`nothing found for ${query}`);
  return hit;
}

beforeAll(async () => {
  ({ enrolments } = await loadClaimAcrossUnitsFixture(state.db));
  actors.cara = await actorByEmail(state.db, "candidate@northgate.example");
  actors.dev = await actorByEmail(state.db, "candidate2@northgate.example");
  actors.asha = await actorByEmail(state.db, "assessor@northgate.example");
});

describe(`the equivalents offered with a criterion on ${provider}`, () => {
  it("offers CS5/O1's exact twin in CU782 ticked and its close pair in CS34 unticked, and nothing in units she is not on", async () => {
    const item = await evidence();
    const o1 = await found(item.id, "CS5 O1");
    expect(o1.ref).toBe("CS5/O1");
    const offered = o1.offers.equivalents.map((e) => ({
      claim: `${e.unitCode} ${e.criterion.ref}`,
      relation: e.relation,
      ticked: e.ticked,
    }));
    expect(offered).toEqual([
      { claim: "CU782 1.1", relation: "exact", ticked: true },
      { claim: "CS34 2.1", relation: "close", ticked: false },
    ]);
    const twin = o1.offers.equivalents[0]!;
    expect(twin.enrolmentId).toBe(enrolments.cu782.id);
    expect(twin.criterion.text).toMatch(/^Analyse customer expectations/);
    expect(twin.rationale).toMatch(/\S/);
    expect(twin.mapping).toBeNull();
    expect(o1.offers.noEquivalent).toEqual([]);
  });

  it("offers each equivalent with its own range items (CU782 4.4's close pair, CS34 1.2, with its nine)", async () => {
    const item = await evidence();
    const offer = (await found(item.id, "CU782 4.4")).offers.equivalents.find((e) => e.unitCode === "CS34");
    expect(offer).toMatchObject({ relation: "close", ticked: false, criterion: { ref: "1.2", rangeRule: "atLeast" } });
    expect(offer?.criterion.rangeItems).toHaveLength(9);
  });

  it("offers an equivalent already claimed unticked, with the claim, so mapping again is a choice", async () => {
    const item = await evidence();
    const cu11 = await criterion(enrolments.cu782, "1.1");
    await proposeMapping(state.db, actors.cara, {
      evidenceId: item.id,
      enrolmentId: enrolments.cu782.id,
      criterionId: cu11.id,
    });
    const twin = (await found(item.id, "CS5 O1")).offers.equivalents[0];
    expect(twin).toMatchObject({
      unitCode: "CU782",
      relation: "exact",
      ticked: false,
      mapping: { status: "PROPOSED" },
    });
  });

  it("offers nothing without an evidence item (the plain criteria search)", async () => {
    const result = await searchMappableCriteria(state.db, actors.cara, { query: "CS5 O1" });
    expect(result.units[0]?.criteria[0]?.offers).toEqual({ equivalents: [], noEquivalent: [] });
  });
});

describe(`claiming in one step on ${provider}`, () => {
  it("maps one evidence item to CS5/O1 and its CU782 twin in one call, audited as two proposals", async () => {
    const item = await evidence();
    const [o1, cu11] = [await criterion(enrolments.cs5, "CS5/O1"), await criterion(enrolments.cu782, "1.1")];
    const result = await proposeMappings(state.db, actors.cara, {
      evidenceId: item.id,
      claims: [
        { enrolmentId: enrolments.cs5.id, criterionId: o1.id },
        { enrolmentId: enrolments.cu782.id, criterionId: cu11.id },
      ],
    });
    expect(result).toMatchObject({ mapped: 2, refused: 0 });
    expect(result.outcomes.map((o) => o.message)).toEqual(["Mapped to CS5 CS5/O1.", "Mapped to CU782 1.1."]);
    expect(await claimsOf(item.id)).toEqual([
      { claim: "CS5 CS5/O1", status: "PROPOSED", rangeItems: 0 },
      { claim: "CU782 1.1", status: "PROPOSED", rangeItems: 0 },
    ]);
    const audits = await state.db.auditEvent.findMany({
      where: { entityType: "Mapping", action: "mapping.propose", actorId: actors.cara.userId },
      select: { after: true },
    });
    const enrolmentsAudited = audits
      .map((a) => a.after as { evidenceId?: string; enrolmentId?: string })
      .filter((a) => a.evidenceId === item.id)
      .map((a) => a.enrolmentId)
      .sort();
    expect(enrolmentsAudited).toEqual([enrolments.cs5.id, enrolments.cu782.id].sort());
  });

  it("refuses simulated evidence for CU782 in CU782's words, and keeps the CS5 mapping, whichever is claimed first", async () => {
    const [o1, cu11] = [await criterion(enrolments.cs5, "CS5/O1"), await criterion(enrolments.cu782, "1.1")];
    const cs5Claim = { enrolmentId: enrolments.cs5.id, criterionId: o1.id };
    const cu782Claim = { enrolmentId: enrolments.cu782.id, criterionId: cu11.id };
    for (const claims of [
      [cs5Claim, cu782Claim],
      [cu782Claim, cs5Claim],
    ]) {
      const item = await evidence({ simulated: true });
      const result = await proposeMappings(state.db, actors.cara, { evidenceId: item.id, claims });
      expect(result).toMatchObject({ mapped: 1, refused: 1 });
      const refused = result.outcomes.find((o) => !o.ok);
      expect(refused).toMatchObject({ unitCode: "CU782", criterionRef: "1.1", ok: false });
      expect(refused?.ok === false && refused.reason).toContain("CU782 does not accept simulated evidence");
      expect(refused?.ok === false && refused.reason).toContain(
        "Simulation is not allowed for any performance evidence within this Unit.",
      );
      expect(refused?.message).toMatch(/^CU782 refused the claim on 1\.1: This evidence is marked as simulated/);
      expect(result.outcomes.find((o) => o.ok)?.message).toBe("Mapped to CS5 CS5/O1.");
      expect(await claimsOf(item.id)).toEqual([{ claim: "CS5 CS5/O1", status: "PROPOSED", rangeItems: 0 }]);
    }
  });

  it("counts each unit's range rule on its own claim: CS34 1.2's items for CS34 only, a wrong item refused for CS34 alone", async () => {
    const item = await evidence();
    const [cs12, cu44] = [await criterion(enrolments.cs34, "1.2"), await criterion(enrolments.cu782, "4.4")];
    const three = cs12.rangeItems.slice(0, 3).map((r) => r.id);
    const result = await proposeMappings(state.db, actors.cara, {
      evidenceId: item.id,
      claims: [
        { enrolmentId: enrolments.cu782.id, criterionId: cu44.id },
        { enrolmentId: enrolments.cs34.id, criterionId: cs12.id, rangeItemIds: three },
      ],
    });
    expect(result).toMatchObject({ mapped: 2, refused: 0 });
    expect(await claimsOf(item.id)).toEqual([
      { claim: "CS34 1.2", status: "PROPOSED", rangeItems: 3 },
      { claim: "CU782 4.4", status: "PROPOSED", rangeItems: 0 },
    ]);
    const gap = await getGapView(state.db, actors.cara, enrolments.cs34.id);
    const range = gap.groups.flatMap((g) => g.criteria).find((c) => c.ref === "1.2")?.range;
    expect(range?.claimed).toMatchObject({ covered: 3, required: 3, satisfied: true });

    // CS34 3.1 sent with 1.2's range items: CS34 refuses, its CU782 pair (2.3) is mapped.
    const other = await evidence();
    const [cs31, cu23] = [await criterion(enrolments.cs34, "3.1"), await criterion(enrolments.cu782, "2.3")];
    const mixed = await proposeMappings(state.db, actors.cara, {
      evidenceId: other.id,
      claims: [
        { enrolmentId: enrolments.cu782.id, criterionId: cu23.id },
        { enrolmentId: enrolments.cs34.id, criterionId: cs31.id, rangeItemIds: three },
      ],
    });
    expect(mixed.outcomes.map((o) => o.message)).toEqual([
      "Mapped to CU782 2.3.",
      "CS34 refused the claim on 3.1: Some of the range items you ticked are not part of criterion 3.1. Reload the page and tick the items again.",
    ]);
    expect(await claimsOf(other.id)).toEqual([{ claim: "CU782 2.3", status: "PROPOSED", rangeItems: 0 }]);
  });

  it("refuses the whole step, writing nothing, when one claim is on another candidate's enrolment", async () => {
    const item = await evidence();
    const o1 = await criterion(enrolments.cs5, "CS5/O1");
    const devs = await state.db.criterion.findFirstOrThrow({
      where: { unitVersionId: enrolments.devInscs042.unitVersionId },
    });
    const [mappingsBefore, auditsBefore] = [await state.db.mapping.count(), await state.db.auditEvent.count()];
    const error = await rejection(
      proposeMappings(state.db, actors.cara, {
        evidenceId: item.id,
        claims: [
          { enrolmentId: enrolments.cs5.id, criterionId: o1.id },
          { enrolmentId: enrolments.devInscs042.id, criterionId: devs.id },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).userMessage).toBe(forbiddenMessage("mapping.propose"));
    // Nor may Dev claim Cara's evidence for his unit.
    const devError = await rejection(
      proposeMappings(state.db, actors.dev, {
        evidenceId: item.id,
        claims: [{ enrolmentId: enrolments.devInscs042.id, criterionId: devs.id }],
      }),
    );
    expect(devError).toBeInstanceOf(ForbiddenError);
    expect([await state.db.mapping.count(), await state.db.auditEvent.count()]).toEqual([mappingsBefore, auditsBefore]);
  });

  it("refuses the same criterion sent twice, and an empty step, before anything is read", async () => {
    const item = await evidence();
    const o1 = await criterion(enrolments.cs5, "CS5/O1");
    const claim = { enrolmentId: enrolments.cs5.id, criterionId: o1.id };
    const twice = await rejection(
      proposeMappings(state.db, actors.cara, { evidenceId: item.id, claims: [claim, claim] }),
    );
    expect(twice).toBeInstanceOf(InputError);
    expect((twice as InputError).userMessage).toBe("The same criterion was sent twice. Reload the page and try again.");
    const none = await rejection(proposeMappings(state.db, actors.cara, { evidenceId: item.id, claims: [] }));
    expect((none as InputError).userMessage).toBe("Choose a criterion to map to.");
    expect(await claimsOf(item.id)).toEqual([]);
  });
});

describe(`the assessor judges each unit's claim on its own on ${provider}`, () => {
  it("shows the twin claims together; accepting CS5's leaves CU782's waiting; signing CS5/O1 met decides nothing in CU782", async () => {
    const item = await evidence();
    const [o1, cu11] = [await criterion(enrolments.cs5, "CS5/O1"), await criterion(enrolments.cu782, "1.1")];
    await proposeMappings(state.db, actors.cara, {
      evidenceId: item.id,
      claims: [
        { enrolmentId: enrolments.cs5.id, criterionId: o1.id },
        { enrolmentId: enrolments.cu782.id, criterionId: cu11.id },
      ],
    });
    await submitEvidence(state.db, actors.cara, { evidenceId: item.id, declarationConfirmed: true });

    const before = await getEvidenceReview(state.db, actors.asha, item.id);
    const panels = before.units.flatMap((u) => u.mappings.map((m) => ({ unit: u.unitCode, ...m })));
    const cs5Panel = panels.find((p) => p.unit === "CS5")!;
    const cu782Panel = panels.find((p) => p.unit === "CU782")!;
    expect(cs5Panel.alsoClaimedIn).toEqual([
      { mappingId: cu782Panel.id, unitCode: "CU782", criterionRef: "1.1", relation: "exact", status: "SUBMITTED" },
    ]);
    expect(cu782Panel.alsoClaimedIn).toEqual([
      { mappingId: cs5Panel.id, unitCode: "CS5", criterionRef: "CS5/O1", relation: "exact", status: "SUBMITTED" },
    ]);
    expect(before.claimPairs).toHaveLength(1);
    expect([cs5Panel.canReview, cu782Panel.canReview]).toEqual([true, true]);

    await reviewMapping(state.db, actors.asha, { mappingId: cs5Panel.id, decision: "accept" });
    expect(await claimsOf(item.id)).toEqual([
      { claim: "CS5 CS5/O1", status: "ACCEPTED", rangeItems: 0 },
      { claim: "CU782 1.1", status: "SUBMITTED", rangeItems: 0 },
    ]);
    const after = await getEvidenceReview(state.db, actors.asha, item.id);
    const cu782After = after.units.find((u) => u.unitCode === "CU782")!.mappings[0]!;
    expect(cu782After).toMatchObject({ status: "SUBMITTED", canReview: true });
    expect(cu782After.alsoClaimedIn[0]?.status).toBe("ACCEPTED");

    await decideCriterion(state.db, actors.asha, {
      enrolmentId: enrolments.cs5.id,
      criterionId: o1.id,
      outcome: "MET",
      password: demoPassword,
    });
    expect(await state.db.decision.count({ where: { enrolmentId: enrolments.cs5.id, criterionId: o1.id } })).toBe(1);
    expect(await state.db.decision.count({ where: { enrolmentId: enrolments.cu782.id } })).toBe(0);
    expect((await claimsOf(item.id))[1]).toMatchObject({ claim: "CU782 1.1", status: "SUBMITTED" });
  });
});

describe(`an enrolment pinned to another version than the crosswalk's on ${provider}`, () => {
  beforeAll(async () => {
    // CS5 changes without the crosswalk being imported again; Dev is enrolled on the new CS5 and on CU782.
    const cs5 = readUnitFiles().flatMap((p) => (p.ok && p.unit.code === "CS5" ? [p.unit] : []))[0]!;
    expect((await importUnit(state.db, { ...cs5, title: `${cs5.title} (revised)` })).change).toBe("newVersion");
    for (const code of ["CS5", "CU782"]) await enrolLike(state.db, enrolments.devInscs042, code);
  });

  it("says there is no equivalent in CS5 rather than guessing one from the older version", async () => {
    const item = await evidence({ candidate: "dev" });
    const result = await searchMappableCriteria(state.db, actors.dev, { query: "CU782 1.1", evidenceId: item.id });
    const cu11 = result.units.find((u) => u.unitCode === "CU782")?.criteria.find((c) => c.ref === "1.1");
    expect(cu11?.offers.equivalents.map((e) => e.unitCode)).not.toContain("CS5");
    expect(cu11?.offers.noEquivalent).toEqual([
      expect.objectContaining({
        unitCode: "CS5",
        reason: expect.stringMatching(/^No equivalent in CS5 is offered: the crosswalk was made for other versions/),
      }),
    ]);
  });
});
