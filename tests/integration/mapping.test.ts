import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { listEvidenceMappings } from "@/lib/mapping/list-evidence-mappings";
import { mappingWarnings } from "@/lib/mapping/mapping-warnings";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { removeMapping } from "@/lib/mapping/remove-mapping";
import { searchMappableCriteria } from "@/lib/mapping/search-mappable-criteria";
import { updateMappingRange } from "@/lib/mapping/update-mapping-range";
import { evidenceDeclaration } from "@/lib/portfolio/declaration";
import { getEnrolmentProgress } from "@/lib/portfolio/enrolment-progress";
import { getGapView, type GapCriterion } from "@/lib/portfolio/gap-view";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards, importUnit } from "@/lib/standards/import";
import { readUnitFiles } from "@/lib/standards/load-files";
import type { Db } from "@/lib/db/client";
import { useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();

type Enrolment = { id: string; centreId: string; unitVersionId: string; candidateId: string };
const people: Record<"candidate" | "candidate2" | "assessor", { id: string; actor: SessionActor }> = {} as never;
const enrolments: Record<"cs34" | "cu782" | "inscs042", Enrolment> = {} as never;

async function person(email: string) {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(state.db, user.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return { id: user.id, actor };
}

async function enrolmentOn(candidateId: string, code: string): Promise<Enrolment> {
  return state.db.enrolment.findFirstOrThrow({
    where: { candidateId, unitVersion: { unit: { code } } },
    select: { id: true, centreId: true, unitVersionId: true, candidateId: true },
  });
}

async function criterion(enrolment: Enrolment, ref: string) {
  return state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    select: { id: true, ref: true, rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
  });
}

let evidenceCount = 0;
async function evidence(owner: "candidate" | "candidate2", options: { method?: string; simulated?: boolean } = {}) {
  const enrolment = owner === "candidate" ? enrolments.cs34 : enrolments.inscs042;
  evidenceCount++;
  return state.db.evidence.create({
    data: {
      centreId: enrolment.centreId,
      candidateId: people[owner].id,
      title: `Evidence ${evidenceCount}`,
      method: options.method ?? "professionalDiscussion",
      activityDate: new Date("2026-01-15T00:00:00Z"),
      description: "Notes from a team meeting about monitoring.",
      simulated: options.simulated ?? false,
    },
  });
}

/** A client that counts the operations sent through it (model calls and raw queries). */
function countingDb(): { db: Db; count: () => number } {
  let operations = 0;
  const db = state.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        operations++;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { db, count: () => operations };
}

/** The refusal a promise ends with, as the user would read it. */
async function refusal(promise: Promise<unknown>): Promise<{ kind: "app" | "forbidden"; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ForbiddenError) return { kind: "forbidden", message: error.userMessage };
    if (error instanceof AppError) return { kind: "app", message: error.userMessage };
    throw error;
  }
  throw new Error("expected a refusal, but the operation succeeded");
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db);
  people.candidate = await person("candidate@northgate.example");
  people.candidate2 = await person("candidate2@northgate.example");
  people.assessor = await person("assessor@northgate.example");
  enrolments.cs34 = await enrolmentOn(people.candidate.id, "CS34");
  enrolments.cu782 = await enrolmentOn(people.candidate.id, "CU782");
  enrolments.inscs042 = await enrolmentOn(people.candidate2.id, "INSCS042");
});

describe("proposing a mapping", () => {
  it("maps one evidence item to criteria in two units, and mapping again replaces the range items", async () => {
    const item = await evidence("candidate");
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const cu14 = await criterion(enrolments.cu782, "1.4");
    const [first, second] = [cs12.rangeItems[0], cs12.rangeItems[1]];
    if (!first || !second) throw new Error("CS34 1.2 has range items");

    const one = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [first.id, second.id],
    });
    expect(one).toMatchObject({
      created: true,
      status: "PROPOSED",
      unitCode: "CS34",
      criterionRef: "1.2",
      warnings: [],
    });
    const two = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cu782.id,
      criterionId: cu14.id,
    });
    expect(two).toMatchObject({ created: true, status: "PROPOSED", unitCode: "CU782", criterionRef: "1.4" });

    const again = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [second.id],
    });
    expect(again).toMatchObject({ created: false, mappingId: one.mappingId });

    const rows = await state.db.mapping.findMany({ where: { evidenceId: item.id }, include: { rangeItems: true } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === one.mappingId)?.rangeItems.map((r) => r.rangeItemId)).toEqual([second.id]);
    const audit = await state.db.auditEvent.findMany({
      where: { entityType: "Mapping", entityId: { in: [one.mappingId, two.mappingId] } },
    });
    expect(audit.map((a) => a.action).sort()).toEqual(["mapping.propose", "mapping.propose", "mapping.update"]);

    const listing = await listEvidenceMappings(state.db, people.candidate.actor, item.id);
    expect(listing.units.map((u) => u.unitCode)).toEqual(["CS34", "CU782"]);
    expect(listing.units[0]?.mappings[0]?.criterion.rangeItems.filter((r) => r.claimed).map((r) => r.text)).toEqual([
      second.text,
    ]);
    expect(listing.viewerIsOwner).toBe(true);
  });

  it("keeps one mapping when the same evidence is mapped to the same criterion twice at once", async () => {
    const item = await evidence("candidate");
    const cs17 = await criterion(enrolments.cs34, "1.7");
    const input = { evidenceId: item.id, enrolmentId: enrolments.cs34.id, criterionId: cs17.id };
    const results = await Promise.all([
      proposeMapping(state.db, people.candidate.actor, input),
      proposeMapping(state.db, people.candidate.actor, input),
    ]);
    expect(new Set(results.map((r) => r.mappingId)).size).toBe(1);
    expect(await state.db.mapping.count({ where: { evidenceId: item.id } })).toBe(1);
  });

  it("refuses range items of another criterion", async () => {
    const item = await evidence("candidate");
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const cs15 = await criterion(enrolments.cs34, "1.5");
    const other = cs15.rangeItems[0];
    if (!other) throw new Error("CS34 1.5 has range items");
    const refused = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: item.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs12.id,
        rangeItemIds: [other.id],
      }),
    );
    expect(refused.message).toContain("not part of criterion 1.2");
    expect(await state.db.mapping.count({ where: { evidenceId: item.id } })).toBe(0);
  });

  it("refuses a criterion that is not in the enrolment's pinned unit version", async () => {
    const item = await evidence("candidate");
    const cu11 = await criterion(enrolments.cu782, "1.1");
    const wrongUnit = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: item.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: cu11.id,
      }),
    );
    expect(wrongUnit.message).toContain("not part of version 1 of CS34");

    // A newer text of CS34 makes version 2; the enrolment stays on version 1.
    const cs34File = readUnitFiles().flatMap((parsed) =>
      parsed.ok && parsed.unit.code === "CS34" ? [parsed.unit] : [],
    )[0];
    if (!cs34File) throw new Error("CS34 file not found");
    const outcome = await importUnit(state.db, { ...cs34File, title: `${cs34File.title} (revised)` });
    expect(outcome).toMatchObject({ code: "CS34", version: 2, change: "newVersion" });
    const newer = await state.db.criterion.findFirstOrThrow({
      where: { ref: "1.2", unitVersion: { number: 2, unit: { code: "CS34" } } },
    });
    const wrongVersion = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: item.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: newer.id,
      }),
    );
    expect(wrongVersion.message).toContain("not part of version 1 of CS34");
    expect(await state.db.mapping.count({ where: { evidenceId: item.id } })).toBe(0);
  });

  it("refuses another candidate's enrolment and another candidate's evidence", async () => {
    const mine = await evidence("candidate");
    const theirs = await evidence("candidate2");
    const insCriterion = await state.db.criterion.findFirstOrThrow({
      where: { unitVersionId: enrolments.inscs042.unitVersionId },
      orderBy: { position: "asc" },
    });
    const cs12 = await criterion(enrolments.cs34, "1.2");

    const toTheirUnit = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: mine.id,
        enrolmentId: enrolments.inscs042.id,
        criterionId: insCriterion.id,
      }),
    );
    expect(toTheirUnit.kind).toBe("forbidden");
    const theirEvidence = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: theirs.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs12.id,
      }),
    );
    expect(theirEvidence.kind).toBe("forbidden");
    const byAssessor = await refusal(
      proposeMapping(state.db, people.assessor.actor, {
        evidenceId: mine.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs12.id,
      }),
    );
    expect(byAssessor.kind).toBe("forbidden");
    expect(await state.db.mapping.count({ where: { evidenceId: { in: [mine.id, theirs.id] } } })).toBe(0);
  });

  it("refuses a withdrawn enrolment", async () => {
    const item = await evidence("candidate");
    const cu11 = await criterion(enrolments.cu782, "1.1");
    await state.db.enrolment.update({ where: { id: enrolments.cu782.id }, data: { status: "WITHDRAWN" } });
    try {
      const refused = await refusal(
        proposeMapping(state.db, people.candidate.actor, {
          evidenceId: item.id,
          enrolmentId: enrolments.cu782.id,
          criterionId: cu11.id,
        }),
      );
      expect(refused.message).toContain("withdrawn");
    } finally {
      await state.db.enrolment.update({ where: { id: enrolments.cu782.id }, data: { status: "ACTIVE" } });
    }
  });

  it("refuses simulated evidence for CU782, quoting its requirement, but allows it for CS34", async () => {
    const simulated = await evidence("candidate", { simulated: true });
    const cu11 = await criterion(enrolments.cu782, "1.1");
    const refused = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: simulated.id,
        enrolmentId: enrolments.cu782.id,
        criterionId: cu11.id,
      }),
    );
    expect(refused.kind).toBe("app");
    expect(refused.message).toContain("“Simulation is not allowed for any performance evidence within this Unit.”");
    expect(refused.message).toContain("Use evidence from real work for this unit.");
    expect(refused.message).not.toContain("work placement");

    const cs13 = await criterion(enrolments.cs34, "1.3");
    const allowed = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: simulated.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs13.id,
    });
    expect(allowed.status).toBe("PROPOSED");
  });

  it("warns when the method is not among those the unit lists for the group, and not otherwise", async () => {
    const observed = await evidence("candidate", { method: "observation" });
    const discussed = await evidence("candidate", { method: "professionalDiscussion" });
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const cs21 = await criterion(enrolments.cs34, "2.1");
    const cu11 = await criterion(enrolments.cu782, "1.1");

    const flagged = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: observed.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
    });
    expect(flagged.warnings).toEqual([
      "Observation is not among the methods this unit lists for Understand the management of customer service operations: Questioning, professional discussion, reflective account, report on managing customer service operations, organisational policies and procedures, legislative and regulatory requirements, organisational documentation.",
    ]);
    // Group 2 of CS34 lists observation; CU782 lists no methods at all.
    expect(
      (
        await proposeMapping(state.db, people.candidate.actor, {
          evidenceId: observed.id,
          enrolmentId: enrolments.cs34.id,
          criterionId: cs21.id,
        })
      ).warnings,
    ).toEqual([]);
    expect(
      (
        await proposeMapping(state.db, people.candidate.actor, {
          evidenceId: observed.id,
          enrolmentId: enrolments.cu782.id,
          criterionId: cu11.id,
        })
      ).warnings,
    ).toEqual([]);
    expect(
      (
        await proposeMapping(state.db, people.candidate.actor, {
          evidenceId: discussed.id,
          enrolmentId: enrolments.cs34.id,
          criterionId: cs12.id,
        })
      ).warnings,
    ).toEqual([]);

    const listing = await listEvidenceMappings(state.db, people.candidate.actor, observed.id);
    const cs34 = listing.units.find((u) => u.unitCode === "CS34");
    expect(cs34?.mappings.find((m) => m.criterion.ref === "1.2")?.warnings).toEqual(flagged.warnings);
    expect(
      mappingWarnings({ evidenceMethod: "observation", group: { title: "Anything", assessmentMethods: null } }),
    ).toEqual([]);
  });
});

describe("changing and removing a mapping", () => {
  it("is allowed before acceptance and refused after", async () => {
    const item = await evidence("candidate");
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const cs14 = await criterion(enrolments.cs34, "1.4");
    const [a, b] = cs12.rangeItems;
    if (!a || !b) throw new Error("CS34 1.2 has range items");

    const removable = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs14.id,
    });
    await removeMapping(state.db, people.candidate.actor, { mappingId: removable.mappingId });
    expect(await state.db.mapping.findUnique({ where: { id: removable.mappingId } })).toBeNull();
    expect(
      await state.db.auditEvent.count({ where: { action: "mapping.remove", entityId: removable.mappingId } }),
    ).toBe(1);

    const kept = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [a.id],
    });
    const otherCandidate = await refusal(
      removeMapping(state.db, people.candidate2.actor, { mappingId: kept.mappingId }),
    );
    expect(otherCandidate.kind).toBe("forbidden");

    await state.db.mapping.update({
      where: { id: kept.mappingId },
      data: { status: "REJECTED", feedback: "Say which calls you listened to." },
    });
    const changed = await updateMappingRange(state.db, people.candidate.actor, {
      mappingId: kept.mappingId,
      rangeItemIds: [a.id, b.id],
    });
    expect(changed.status).toBe("PROPOSED");

    await state.db.mapping.update({ where: { id: kept.mappingId }, data: { status: "SUBMITTED" } });
    expect(
      (await updateMappingRange(state.db, people.candidate.actor, { mappingId: kept.mappingId, rangeItemIds: [a.id] }))
        .status,
    ).toBe("SUBMITTED");

    await state.db.mapping.update({ where: { id: kept.mappingId }, data: { status: "ACCEPTED" } });
    const removeRefused = await refusal(removeMapping(state.db, people.candidate.actor, { mappingId: kept.mappingId }));
    expect(removeRefused.message).toBe("An assessor has accepted this mapping; it can no longer be removed.");
    const changeRefused = await refusal(
      updateMappingRange(state.db, people.candidate.actor, { mappingId: kept.mappingId, rangeItemIds: [b.id] }),
    );
    expect(changeRefused.message).toContain("An assessor has accepted this mapping");
    const remapRefused = await refusal(
      proposeMapping(state.db, people.candidate.actor, {
        evidenceId: item.id,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs12.id,
        rangeItemIds: [b.id],
      }),
    );
    expect(remapRefused.message).toContain("An assessor has accepted this mapping");
    const row = await state.db.mapping.findUniqueOrThrow({
      where: { id: kept.mappingId },
      include: { rangeItems: true },
    });
    expect(row.rangeItems.map((r) => r.rangeItemId)).toEqual([a.id]);

    const listing = await listEvidenceMappings(state.db, people.candidate.actor, item.id);
    expect(listing.units[0]?.mappings[0]).toMatchObject({ status: "ACCEPTED", canChange: false });
  });
});

describe("submitting evidence", () => {
  it("needs a mapping and the declaration, then sends proposed and referred mappings for assessment", async () => {
    const item = await evidence("candidate");
    const noMapping = await refusal(
      submitEvidence(state.db, people.candidate.actor, { evidenceId: item.id, declarationConfirmed: true }),
    );
    expect(noMapping.message).toContain("Map this evidence to at least one criterion");

    const cs16 = await criterion(enrolments.cs34, "1.6");
    const cu12 = await criterion(enrolments.cu782, "1.2");
    const first = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs16.id,
    });
    const second = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: item.id,
      enrolmentId: enrolments.cu782.id,
      criterionId: cu12.id,
    });

    const noDeclaration = await refusal(
      submitEvidence(state.db, people.candidate.actor, { evidenceId: item.id, declarationConfirmed: false }),
    );
    expect(noDeclaration.message).toContain("Tick the declaration");
    const byOther = await refusal(
      submitEvidence(state.db, people.candidate2.actor, { evidenceId: item.id, declarationConfirmed: true }),
    );
    expect(byOther.kind).toBe("forbidden");
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id: item.id } })).submittedAt).toBeNull();

    const at = new Date("2026-02-01T10:00:00Z");
    const submitted = await submitEvidence(
      state.db,
      people.candidate.actor,
      { evidenceId: item.id, declarationConfirmed: true },
      at,
    );
    expect(submitted.submittedMappings).toBe(2);
    const row = await state.db.evidence.findUniqueOrThrow({ where: { id: item.id }, include: { mappings: true } });
    expect(row.submittedAt?.toISOString()).toBe(at.toISOString());
    expect(row.declaration).toBe(evidenceDeclaration(false));
    expect(evidenceDeclaration(false)).toBe(
      "I confirm this evidence is my own work, from real work activities, and is true and accurate",
    );
    expect(row.mappings.map((m) => m.status)).toEqual(["SUBMITTED", "SUBMITTED"]);
    expect(await state.db.auditEvent.count({ where: { action: "evidence.submit", entityId: item.id } })).toBe(1);

    const nothingNew = await refusal(
      submitEvidence(state.db, people.candidate.actor, { evidenceId: item.id, declarationConfirmed: true }),
    );
    expect(nothingNew.message).toContain("already been submitted");

    // The assessor refers one back; submitting again sends it back, leaving the other alone.
    await state.db.mapping.update({
      where: { id: first.mappingId },
      data: { status: "REJECTED", feedback: "Add the meeting notes." },
    });
    await state.db.mapping.update({ where: { id: second.mappingId }, data: { status: "ACCEPTED" } });
    const again = await submitEvidence(state.db, people.candidate.actor, {
      evidenceId: item.id,
      declarationConfirmed: true,
    });
    expect(again.submittedMappings).toBe(1);
    const statuses = await state.db.mapping.findMany({
      where: { evidenceId: item.id },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [first.mappingId]: "SUBMITTED",
      [second.mappingId]: "ACCEPTED",
    });
  });
});

describe("the gap view", () => {
  const find = (view: Awaited<ReturnType<typeof getGapView>>, ref: string): GapCriterion => {
    const found = view.groups.flatMap((g) => g.criteria).find((c) => c.ref === ref);
    if (!found) throw new Error(`no criterion ${ref}`);
    return found;
  };

  it("shows every criterion in source order with its status and CS34 1.2's coverage", async () => {
    await state.db.mapping.deleteMany({ where: { enrolmentId: enrolments.cs34.id } });
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const items = cs12.rangeItems;
    const [i0, i1, i2] = items;
    if (!i0 || !i1 || !i2) throw new Error("CS34 1.2 has range items");
    const candidate = people.candidate.actor;

    const empty = await getGapView(state.db, candidate, enrolments.cs34.id);
    const refs = empty.groups.flatMap((g) => g.criteria.map((c) => c.ref));
    const ordered = await state.db.criterion.findMany({
      where: { unitVersionId: enrolments.cs34.unitVersionId },
      orderBy: { position: "asc" },
      select: { ref: true },
    });
    expect(refs).toEqual(ordered.map((c) => c.ref));
    expect(empty.total).toBe(28);
    expect(empty.counts.none).toBe(28);
    expect(find(empty, "1.2").range?.claimed).toMatchObject({
      covered: 0,
      required: 3,
      total: 9,
      satisfied: false,
      description: "0 of at least 3 covered",
    });
    expect(empty.canPropose).toBe(true);
    expect(empty.requirements).toEqual([]);

    const first = await evidence("candidate");
    const second = await evidence("candidate");
    const m1 = await proposeMapping(state.db, candidate, {
      evidenceId: first.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [i0.id, i1.id],
    });
    let view = await getGapView(state.db, candidate, enrolments.cs34.id);
    let c12 = find(view, "1.2");
    expect(c12.status).toBe("mapped");
    expect(c12.range?.claimed).toMatchObject({
      covered: 2,
      required: 3,
      satisfied: false,
      description: "2 of at least 3 covered",
    });
    expect(c12.range?.accepted).toMatchObject({ covered: 0, description: "0 of at least 3 covered" });
    expect(c12.evidence).toEqual([
      {
        mappingId: m1.mappingId,
        evidenceId: first.id,
        title: first.title,
        status: "PROPOSED",
        feedback: null,
        reviewCount: 0,
        warnings: [],
      },
    ]);
    expect(view.attachableEvidence.map((e) => e.id)).toContain(second.id);

    await proposeMapping(state.db, candidate, {
      evidenceId: second.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [i1.id, i2.id],
    });
    await submitEvidence(state.db, candidate, { evidenceId: second.id, declarationConfirmed: true });
    view = await getGapView(state.db, candidate, enrolments.cs34.id);
    c12 = find(view, "1.2");
    expect(c12.status).toBe("submitted");
    expect(c12.range?.claimed).toMatchObject({
      covered: 3,
      required: 3,
      satisfied: true,
      description: "3 of at least 3 covered",
    });
    expect(c12.range?.items.slice(0, 3).map((i) => i.coveredBy)).toEqual([
      ["PROPOSED"],
      ["SUBMITTED", "PROPOSED"],
      ["SUBMITTED"],
    ]);
    expect(view.attachableEvidence.map((e) => e.id)).not.toContain(second.id);

    await state.db.mapping.updateMany({ where: { evidenceId: second.id }, data: { status: "ACCEPTED" } });
    view = await getGapView(state.db, candidate, enrolments.cs34.id);
    c12 = find(view, "1.2");
    expect(c12.status).toBe("accepted");
    expect(c12.range?.accepted.description).toBe("2 of at least 3 covered");

    // Referred: every mapping rejected, or a standing NOT_YET_MET decision.
    const cs13 = await criterion(enrolments.cs34, "1.3");
    const m13 = await proposeMapping(state.db, candidate, {
      evidenceId: first.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs13.id,
    });
    await state.db.mapping.update({
      where: { id: m13.mappingId },
      data: { status: "REJECTED", feedback: "Explain more than one strategy." },
    });
    const cs14 = await criterion(enrolments.cs34, "1.4");
    await state.db.decision.create({
      data: {
        centreId: enrolments.cs34.centreId,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs14.id,
        outcome: "NOT_YET_MET",
        signedById: people.assessor.id,
        evidenceSnapshot: [],
        signatureHash: "x",
      },
    });
    // Met: a standing MET decision wins over everything, and a revoked one counts for nothing.
    const cs15 = await criterion(enrolments.cs34, "1.5");
    await state.db.decision.create({
      data: {
        centreId: enrolments.cs34.centreId,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs12.id,
        outcome: "MET",
        signedById: people.assessor.id,
        evidenceSnapshot: [],
        signatureHash: "y",
      },
    });
    await state.db.decision.create({
      data: {
        centreId: enrolments.cs34.centreId,
        enrolmentId: enrolments.cs34.id,
        criterionId: cs15.id,
        outcome: "MET",
        signedById: people.assessor.id,
        evidenceSnapshot: [],
        signatureHash: "z",
        currentSlot: null,
        revokedAt: new Date(),
        revokedById: people.assessor.id,
        revokeReason: "Signed by mistake",
      },
    });

    view = await getGapView(state.db, candidate, enrolments.cs34.id);
    expect(find(view, "1.2").status).toBe("met");
    // The standing decision says who signed it and when; the revoked one on 1.5 is not shown.
    expect(find(view, "1.2").decision).toMatchObject({
      outcome: "MET",
      signedBy: "Asha Patel",
      signedAt: expect.any(Date),
    });
    expect(find(view, "1.5").decision).toBeNull();
    expect(find(view, "1.3")).toMatchObject({
      status: "referred",
      evidence: [{ feedback: "Explain more than one strategy.", status: "REJECTED" }],
    });
    expect(find(view, "1.4").status).toBe("referred");
    expect(find(view, "1.5").status).toBe("none");
    expect(view.counts).toMatchObject({ met: 1, accepted: 0, submitted: 0, referred: 2, mapped: 0, none: 25 });

    // 1.3 with a new proposal beside the referred one is "mapped" again.
    const third = await evidence("candidate");
    await proposeMapping(state.db, candidate, {
      evidenceId: third.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs13.id,
    });
    view = await getGapView(state.db, candidate, enrolments.cs34.id);
    expect(find(view, "1.3").status).toBe("mapped");
  });

  it("reads a whole unit in a fixed number of queries", async () => {
    const counting = countingDb();
    const view = await getGapView(counting.db, people.candidate.actor, enrolments.cs34.id);
    expect(view.total).toBe(28);
    expect(counting.count()).toBeLessThanOrEqual(7);
  });

  it("lists CU782's evidence requirements as an unchecked checklist", async () => {
    const view = await getGapView(state.db, people.candidate.actor, enrolments.cu782.id);
    expect(view.requirements.map((r) => r.ref)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(view.requirements[0]).toMatchObject({
      checks: { realWorkOnly: true, simulationAllowed: false },
      confirmed: false,
    });
    expect(view.requirements[3]?.items.map((i) => i.ref)).toEqual(["a", "b", "c"]);
  });

  it("is for those who may read the enrolment", async () => {
    expect((await refusal(getGapView(state.db, people.candidate2.actor, enrolments.cs34.id))).kind).toBe("forbidden");
    const asAssessor = await getGapView(state.db, people.assessor.actor, enrolments.cs34.id);
    expect(asAssessor.canPropose).toBe(false);
    expect(asAssessor.attachableEvidence).toEqual([]);
  });
});

describe("enrolment progress", () => {
  it("matches a naive count for every enrolment of the candidate", async () => {
    const progress = await getEnrolmentProgress(state.db, people.candidate.actor, people.candidate.id);
    expect(progress.map((p) => p.unitCode).sort()).toEqual(["CS34", "CU782"]);
    for (const p of progress) {
      const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: p.enrolmentId } });
      const criteria = await state.db.criterion.findMany({
        where: { unitVersionId: enrolment.unitVersionId },
        select: { id: true },
      });
      let met = 0;
      let evidenced = 0;
      for (const c of criteria) {
        const decision = await state.db.decision.findFirst({
          where: { enrolmentId: enrolment.id, criterionId: c.id, currentSlot: "current" },
        });
        const mappings = await state.db.mapping.count({ where: { enrolmentId: enrolment.id, criterionId: c.id } });
        if (decision?.outcome === "MET") met++;
        else if (mappings > 0) evidenced++;
      }
      expect({ total: p.total, met: p.met, evidenced: p.evidenced, none: p.none }).toEqual({
        total: criteria.length,
        met,
        evidenced,
        none: criteria.length - met - evidenced,
      });
      expect(p.proposedMappings).toBe(
        await state.db.mapping.count({ where: { enrolmentId: enrolment.id, status: "PROPOSED" } }),
      );
      expect(p.referredMappings).toBe(
        await state.db.mapping.count({ where: { enrolmentId: enrolment.id, status: "REJECTED" } }),
      );
    }
    const cs34 = progress.find((p) => p.unitCode === "CS34");
    expect(cs34?.met).toBe(1);
    expect(cs34?.evidenced).toBeGreaterThan(0);
  });

  it("counts every enrolment in two queries", async () => {
    const counting = countingDb();
    const progress = await getEnrolmentProgress(counting.db, people.candidate.actor, people.candidate.id);
    expect(progress).toHaveLength(2);
    expect(counting.count()).toBe(2);
  });

  it("shows another candidate's enrolments to nobody but those who may read them", async () => {
    expect(await getEnrolmentProgress(state.db, people.candidate.actor, people.candidate2.id)).toEqual([]);
    const asAssessor = await getEnrolmentProgress(state.db, people.assessor.actor, people.candidate.id);
    expect(asAssessor.map((p) => p.unitCode).sort()).toEqual(["CS34", "CU782"]);
  });
});

describe("searching criteria to map", () => {
  it("finds the candidate's criteria by words in any case or by reference, grouped by unit", async () => {
    const candidate = people.candidate.actor;
    const byWords = await searchMappableCriteria(state.db, candidate, { query: "MONITOR Customer" });
    // Stemmed, ranked, and matched in ranges and guidance too (tests/integration/standards-search.test.ts).
    expect(byWords.units.map((u) => u.unitCode)).toEqual(["CS34", "CU782"]);
    expect(byWords.units[0]?.criteria[0]?.ref).toBe("1.2");
    expect(byWords.units[1]?.criteria.map((c) => c.ref)).toEqual(expect.arrayContaining(["1.4", "4.4", "4.7"]));
    expect(byWords.units[0]?.criteria[0]?.rangeItems).toHaveLength(9);

    const byRef = await searchMappableCriteria(state.db, candidate, { query: "1.2" });
    expect(byRef.units.map((u) => [u.unitCode, u.criteria.map((c) => c.ref)])).toEqual([
      ["CS34", ["1.2"]],
      ["CU782", ["1.2"]],
    ]);
    const narrowed = await searchMappableCriteria(state.db, candidate, { query: "cs34 1.2" });
    expect(narrowed.units.map((u) => [u.unitCode, u.criteria.map((c) => c.ref)])).toEqual([["CS34", ["1.2"]]]);

    const everything = await searchMappableCriteria(state.db, candidate, { query: "" });
    expect(everything.total).toBe(28 + 27);
    expect(everything.units.flatMap((u) => u.criteria)).toHaveLength(Math.min(everything.total, everything.limit));

    const wildcard = await searchMappableCriteria(state.db, candidate, { query: "100%" });
    expect(wildcard.total).toBe(0);

    const other = await searchMappableCriteria(state.db, people.candidate2.actor, { query: "1.2" });
    expect(other.units.every((u) => u.unitCode === "INSCS042")).toBe(true);
  });

  it("shows this evidence's existing mappings and warnings", async () => {
    const observed = await evidence("candidate", { method: "observation" });
    const cs12 = await criterion(enrolments.cs34, "1.2");
    const first = cs12.rangeItems[0];
    if (!first) throw new Error("CS34 1.2 has range items");
    const mapped = await proposeMapping(state.db, people.candidate.actor, {
      evidenceId: observed.id,
      enrolmentId: enrolments.cs34.id,
      criterionId: cs12.id,
      rangeItemIds: [first.id],
    });
    const result = await searchMappableCriteria(state.db, people.candidate.actor, {
      query: "CS34 1.2",
      evidenceId: observed.id,
    });
    const hit = result.units[0]?.criteria[0];
    expect(hit?.mapping).toEqual({ id: mapped.mappingId, status: "PROPOSED", rangeItemIds: [first.id] });
    expect(hit?.warnings[0]).toContain("Observation is not among the methods");
    expect(
      (await refusal(searchMappableCriteria(state.db, people.candidate2.actor, { query: "", evidenceId: observed.id })))
        .kind,
    ).toBe("forbidden");
  });
});
