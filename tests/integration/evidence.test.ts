import { beforeAll, describe, expect, it } from "vitest";

import { loadActor, type SessionActor } from "@/lib/auth/actor";

import { ForbiddenError } from "@/lib/authz/policy";

import { seedDemo } from "@/lib/demo/seed";

import { AppError, InputError } from "@/lib/errors";

import { createEvidence } from "@/lib/evidence/create-evidence";

import { deleteEvidence } from "@/lib/evidence/delete-evidence";

import { emptyEvidenceFormValues, type EvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { getEvidence, lockedMessages } from "@/lib/evidence/get-evidence";

import { EVIDENCE_PAGE_SIZE, evidenceListQueryFrom, listEvidence } from "@/lib/evidence/list-evidence";

import { updateEvidence } from "@/lib/evidence/update-evidence";

import { startOfDayIn } from "@/lib/format/date";

import { importStandards } from "@/lib/standards/import";

import { useMigratedDb } from "../helpers/test-db";

import { plannedPeriod } from "@/lib/enrolments/planned-period";

const state = useMigratedDb();

const people: Record<string, SessionActor> = {};
const centres: Record<string, string> = {};

async function actor(email: string): Promise<SessionActor> {
  const found = people[email];
  if (!found) throw new Error(`no demo person ${email}`);
  return found;
}

const valid = (overrides: Partial<EvidenceFormValues> = {}): EvidenceFormValues => ({
  ...emptyEvidenceFormValues,
  title: "Handled a complaint about a late delivery",
  method: "reflectiveAccount",
  activityDate: "2026-01-15",
  description: "I listened to the customer, **apologised**, and arranged a redelivery.",
  ...overrides,
});

function isoDaysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The error a promise rejects with, so its type and fields can be checked. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the operation to be refused, but it succeeded");
}

async function northgateEvidence(title = "Evidence of Cara") {
  const cara = await actor("candidate@northgate.example");
  return createEvidence(state.db, cara, centres.northgate ?? "", valid({ title }));
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db);
  for (const user of await state.db.user.findMany({ select: { id: true, email: true } })) {
    const loaded = await loadActor(state.db, user.id);
    if (loaded) people[user.email] = loaded;
  }
  for (const centre of await state.db.centre.findMany()) centres[centre.slug] = centre.id;
});

describe("creating evidence", () => {
  it("saves valid evidence in the candidate's library, dated at midnight in the centre's time zone, with an audit event", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await createEvidence(
      state.db,
      cara,
      centres.northgate ?? "",
      valid({ title: "  Trimmed title  ", simulated: true, activityDate: "2025-07-01" }),
    );
    const row = await state.db.evidence.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      candidateId: cara.userId,
      centreId: centres.northgate,
      title: "Trimmed title",
      method: "reflectiveAccount",
      simulated: true,
      submittedAt: null,
      workplaceDocument: null,
    });
    // 1 July is in British Summer Time: midnight in London is 23:00 UTC the day before.
    expect(row.activityDate.toISOString()).toBe("2025-06-30T23:00:00.000Z");
    expect(row.activityDate).toEqual(startOfDayIn("2025-07-01", "Europe/London"));
    const events = await state.db.auditEvent.findMany({ where: { entityType: "Evidence", entityId: id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "evidence.create", actorId: cara.userId, centreId: centres.northgate });
    expect(events[0]?.after).toMatchObject({ title: "Trimmed title", method: "reflectiveAccount", simulated: true });

    const detail = await getEvidence(state.db, cara, id);
    expect(detail).toMatchObject({
      activityCalendarDate: "2025-07-01",
      methodLabel: "Reflective account",
      canEdit: true,
      lockedBecause: null,
      statusText: "Draft (not submitted)",
    });
  });

  it("accepts today's date but refuses a future one with a field error, saving nothing", async () => {
    const cara = await actor("candidate@northgate.example");
    await expect(
      createEvidence(
        state.db,
        cara,
        centres.northgate ?? "",
        valid({ activityDate: isoDaysFromToday(0), title: "Today" }),
      ),
    ).resolves.toMatchObject({
      id: expect.any(String),
    });
    const before = await state.db.evidence.count();
    const error = await failure(
      createEvidence(state.db, cara, centres.northgate ?? "", valid({ activityDate: isoDaysFromToday(2) })),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors).toEqual({
      activityDate: ["The activity date cannot be in the future."],
    });
    expect((error as InputError).userMessage).toBe("The activity date cannot be in the future.");
    expect(await state.db.evidence.count()).toBe(before);
  });

  it("reports every missing or invalid field at once", async () => {
    const cara = await actor("candidate@northgate.example");
    const error = await failure(
      createEvidence(state.db, cara, centres.northgate ?? "", {
        ...emptyEvidenceFormValues,
        title: " ",
        method: "telepathy",
        activityDate: "2026-02-30",
        description: "x".repeat(20_001),
      }),
    );
    expect(error).toBeInstanceOf(InputError);
    const fieldErrors = (error as InputError).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(["activityDate", "description", "method", "title"]);
    expect(fieldErrors.activityDate).toEqual(["Enter a real date, for example 2026-03-01."]);
    expect((error as InputError).userMessage).toBe("There are problems with 4 answers. Correct them and try again.");
  });

  it("needs all four parts of a workplace document reference for that method or when the box is ticked", async () => {
    const cara = await actor("candidate@northgate.example");
    const fourFields = ["workplaceHeldBy", "workplaceRelevance", "workplaceWhat", "workplaceWhereKept"];

    const byMethod = await failure(
      createEvidence(state.db, cara, centres.northgate ?? "", valid({ method: "workplaceDocument" })),
    );
    expect(byMethod).toBeInstanceOf(InputError);
    expect(Object.keys((byMethod as InputError).fieldErrors).sort()).toEqual(fourFields);

    const byBox = await failure(
      createEvidence(
        state.db,
        cara,
        centres.northgate ?? "",
        valid({ isWorkplaceDocument: true, workplaceWhat: "Rota", workplaceWhereKept: "  " }),
      ),
    );
    expect(Object.keys((byBox as InputError).fieldErrors).sort()).toEqual([
      "workplaceHeldBy",
      "workplaceRelevance",
      "workplaceWhereKept",
    ]);
    expect((byBox as InputError).fieldErrors.workplaceHeldBy).toEqual(["Say who holds the document."]);

    const reference = {
      what: "Complaints log, March",
      whereKept: "Shop office, blue binder",
      heldBy: "Sam Lee, store manager",
      relevance: "Shows complaints I resolved (1.2, 1.3)",
    };
    const { id } = await createEvidence(
      state.db,
      cara,
      centres.northgate ?? "",
      valid({
        method: "workplaceDocument",
        workplaceWhat: reference.what,
        workplaceWhereKept: reference.whereKept,
        workplaceHeldBy: reference.heldBy,
        workplaceRelevance: reference.relevance,
      }),
    );
    expect((await getEvidence(state.db, cara, id)).workplaceDocument).toEqual(reference);

    // Unticked, with another method: the fields are not needed and nothing is kept.
    const { id: plain } = await createEvidence(
      state.db,
      cara,
      centres.northgate ?? "",
      valid({ workplaceWhat: "left over" }),
    );
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id: plain } })).workplaceDocument).toBeNull();
  });

  it("is only for candidates, in a centre where they are one", async () => {
    const cara = await actor("candidate@northgate.example");
    const assessor = await actor("assessor@northgate.example");
    expect(await failure(createEvidence(state.db, cara, centres.riverside ?? "", valid()))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await failure(createEvidence(state.db, assessor, centres.northgate ?? "", valid()))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("who may read, change and delete evidence", () => {
  it("refuses another candidate, in the same centre or another one, for read, update and delete", async () => {
    const { id } = await northgateEvidence("Cara's private evidence");
    for (const email of ["candidate2@northgate.example", "candidate@riverside.example"]) {
      const other = await actor(email);
      expect(await failure(getEvidence(state.db, other, id))).toBeInstanceOf(ForbiddenError);
      expect(await failure(updateEvidence(state.db, other, id, valid({ title: "Hijacked" })))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await failure(deleteEvidence(state.db, other, id, { delete: async () => {} }))).toBeInstanceOf(
        ForbiddenError,
      );
      const list = listEvidence(state.db, other, {
        centreId: centres.northgate ?? "",
        candidateId: (await actor("candidate@northgate.example")).userId,
      });
      expect(await failure(list)).toBeInstanceOf(ForbiddenError);
    }
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id } })).title).toBe("Cara's private evidence");
  });

  it("lets the candidate's assessor read it but not change it, and refuses an assessor the candidate is not enrolled with", async () => {
    const { id } = await northgateEvidence("Seen by my assessor");
    const assessor = await actor("assessor@northgate.example");
    const otherAssessor = await actor("assessor2@northgate.example");
    const riversideAssessor = await actor("assessor@riverside.example");
    expect((await getEvidence(state.db, assessor, id)).title).toBe("Seen by my assessor");
    expect((await getEvidence(state.db, assessor, id)).canEdit).toBe(false);
    expect(await failure(updateEvidence(state.db, assessor, id, valid()))).toBeInstanceOf(ForbiddenError);
    expect(await failure(getEvidence(state.db, otherAssessor, id))).toBeInstanceOf(ForbiddenError);
    expect(await failure(getEvidence(state.db, riversideAssessor, id))).toBeInstanceOf(ForbiddenError);

    // Ben Morgan does assess Dev Shah, so he may read Dev's evidence.
    const dev = await actor("candidate2@northgate.example");
    const { id: devsEvidence } = await createEvidence(
      state.db,
      dev,
      centres.northgate ?? "",
      valid({ title: "Dev's evidence" }),
    );
    expect((await getEvidence(state.db, otherAssessor, devsEvidence)).title).toBe("Dev's evidence");
    expect(await failure(getEvidence(state.db, assessor, devsEvidence))).toBeInstanceOf(ForbiddenError);
  });

  it("says so when the evidence does not exist", async () => {
    const cara = await actor("candidate@northgate.example");
    const error = await failure(getEvidence(state.db, cara, "no-such-evidence"));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe("That evidence does not exist or has been removed.");
  });
});

describe("changing evidence", () => {
  it("saves changes with an audit event holding before and after, and clears a workplace reference", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await createEvidence(
      state.db,
      cara,
      centres.northgate ?? "",
      valid({
        title: "Before",
        isWorkplaceDocument: true,
        workplaceWhat: "a",
        workplaceWhereKept: "b",
        workplaceHeldBy: "c",
        workplaceRelevance: "d",
      }),
    );
    await updateEvidence(
      state.db,
      cara,
      id,
      valid({ title: "After", method: "observation", activityDate: "2026-01-20" }),
    );
    const row = await state.db.evidence.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: "After", method: "observation", workplaceDocument: null });
    expect(row.activityDate).toEqual(startOfDayIn("2026-01-20", "Europe/London"));
    const event = await state.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "evidence.update" } });
    expect(event).toMatchObject({ actorId: cara.userId, centreId: centres.northgate });
    expect(event.before).toMatchObject({
      title: "Before",
      method: "reflectiveAccount",
      workplaceDocument: { what: "a", whereKept: "b", heldBy: "c", relevance: "d" },
    });
    expect(event.after).toMatchObject({ title: "After", method: "observation", workplaceDocument: null });
  });

  it("refuses invalid changes with field errors and leaves the evidence as it was", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await northgateEvidence("Unchanged");
    const error = await failure(
      updateEvidence(state.db, cara, id, valid({ title: "", activityDate: isoDaysFromToday(3) })),
    );
    expect((error as InputError).fieldErrors).toEqual({
      title: ["Enter a title."],
      activityDate: ["The activity date cannot be in the future."],
    });
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id } })).title).toBe("Unchanged");
    expect(await state.db.auditEvent.count({ where: { entityId: id, action: "evidence.update" } })).toBe(0);
  });

  it("refuses changes and deletion once the evidence is submitted", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await northgateEvidence("Submitted evidence");
    await state.db.evidence.update({
      where: { id },
      data: { submittedAt: new Date(), declaration: "This is my own work." },
    });
    const update = await failure(updateEvidence(state.db, cara, id, valid()));
    expect(update).toBeInstanceOf(AppError);
    expect((update as AppError).userMessage).toBe(lockedMessages.submitted);
    expect(
      ((await failure(deleteEvidence(state.db, cara, id, { delete: async () => {} }))) as AppError).userMessage,
    ).toBe(lockedMessages.submitted);
    expect(await getEvidence(state.db, cara, id)).toMatchObject({
      canEdit: false,
      lockedBecause: lockedMessages.submitted,
      statusText: "Submitted",
    });
  });
});

describe("deleting evidence", () => {
  it("deletes the evidence with its files and proposed mappings, removes the stored files, and records it", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await northgateEvidence("To be deleted");
    await state.db.evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: "0123456789abcdef0123456789abcdef",
        originalName: "rota.pdf",
        size: 1234n,
        sha256: "a".repeat(64),
        mimeType: "application/pdf",
      },
    });
    const enrolment = await state.db.enrolment.findFirstOrThrow({ where: { candidateId: cara.userId } });
    const criterion = await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId } });
    await state.db.mapping.create({ data: { evidenceId: id, criterionId: criterion.id, enrolmentId: enrolment.id } });

    const removed: string[] = [];
    await deleteEvidence(state.db, cara, id, { delete: async (key) => void removed.push(key) });

    expect(await state.db.evidence.findUnique({ where: { id } })).toBeNull();
    expect(await state.db.evidenceFile.count({ where: { evidenceId: id } })).toBe(0);
    expect(await state.db.mapping.count({ where: { evidenceId: id } })).toBe(0);
    expect(removed).toEqual(["0123456789abcdef0123456789abcdef"]);
    const event = await state.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "evidence.delete" } });
    expect(event).toMatchObject({ actorId: cara.userId, centreId: centres.northgate });
    expect(event.before).toMatchObject({
      title: "To be deleted",
      files: [{ originalName: "rota.pdf", size: 1234 }],
      mappings: [{ criterionId: criterion.id, status: "PROPOSED" }],
    });
  });

  it("refuses while a mapping is accepted", async () => {
    const cara = await actor("candidate@northgate.example");
    const { id } = await northgateEvidence("Accepted evidence");
    const enrolment = await state.db.enrolment.findFirstOrThrow({ where: { candidateId: cara.userId } });
    const criterion = await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId } });
    await state.db.mapping.create({
      data: { evidenceId: id, criterionId: criterion.id, enrolmentId: enrolment.id, status: "ACCEPTED" },
    });
    const error = await failure(deleteEvidence(state.db, cara, id, { delete: async () => {} }));
    expect((error as AppError).userMessage).toBe(lockedMessages.underReview);
    expect(await state.db.evidence.count({ where: { id } })).toBe(1);
    expect(await state.db.auditEvent.count({ where: { entityId: id, action: "evidence.delete" } })).toBe(0);
  });
});

describe("the evidence library list", () => {
  // A candidate of their own, so the other tests' evidence does not get in the way.
  let candidate: SessionActor;
  let centreId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    centreId = centres.northgate ?? "";
    const user = await state.db.user.create({ data: { email: "lister@northgate.example", name: "Lee Lister" } });
    await state.db.membership.create({ data: { userId: user.id, centreId, role: "CANDIDATE" } });
    const loaded = await loadActor(state.db, user.id);
    if (!loaded) throw new Error("candidate not loaded");
    candidate = loaded;

    // 22 of the same kind, on 1..22 February, plus a few that the filters pick out.
    for (let day = 1; day <= 22; day++) {
      const date = `2026-02-${String(day).padStart(2, "0")}`;
      ids[date] = (
        await createEvidence(
          state.db,
          candidate,
          centreId,
          valid({
            title: `Routine call ${day}`,
            method: "observation",
            activityDate: date,
            description: "A routine call.",
          }),
        )
      ).id;
    }
    ids.fire = (
      await createEvidence(
        state.db,
        candidate,
        centreId,
        valid({
          title: "Fire drill",
          method: "witnessTestimony",
          activityDate: "2026-01-10",
          description: "Led the evacuation.",
        }),
      )
    ).id;
    ids.drill = (
      await createEvidence(
        state.db,
        candidate,
        centreId,
        valid({
          title: "Team briefing",
          method: "product",
          activityDate: "2026-01-11",
          description: "Explained the FIRE Drill procedure to 100% of new starters.",
        }),
      )
    ).id;
    ids.underscore = (
      await createEvidence(
        state.db,
        candidate,
        centreId,
        valid({ title: "Notes_v2", method: "product", activityDate: "2025-12-01", description: "Plain." }),
      )
    ).id;

    const unitVersion = await state.db.unitVersion.findFirstOrThrow({ where: { unit: { code: "CS34" } } });
    const enrolment = await state.db.enrolment.create({
      data: {
        centreId,
        candidateId: candidate.userId,
        unitVersionId: unitVersion.id,
        ...plannedPeriod(new Date("2025-11-01"), new Date("2026-11-01")),
      },
    });
    const criteria = await state.db.criterion.findMany({
      where: { unitVersionId: unitVersion.id },
      take: 2,
      orderBy: { position: "asc" },
    });
    const [first, second] = criteria;
    if (!first || !second) throw new Error("CS34 has no criteria");
    await state.db.mapping.createMany({
      data: [
        { evidenceId: ids.fire, criterionId: first.id, enrolmentId: enrolment.id, status: "ACCEPTED" },
        { evidenceId: ids.fire, criterionId: second.id, enrolmentId: enrolment.id, status: "REJECTED" },
        { evidenceId: ids.drill, criterionId: first.id, enrolmentId: enrolment.id, status: "REJECTED" },
      ],
    });
    await state.db.evidence.updateMany({
      where: { id: { in: [ids.fire, ids.drill] } },
      data: { submittedAt: new Date("2026-01-12T10:00:00Z") },
    });
    await state.db.evidenceFile.create({
      data: {
        evidenceId: ids.fire,
        storageKey: "fedcba9876543210fedcba9876543210",
        originalName: "statement.pdf",
        size: 10n,
        sha256: "b".repeat(64),
        mimeType: "application/pdf",
      },
    });
  });

  const list = (filters: Parameters<typeof listEvidence>[2]["filters"] = {}, page = 1) =>
    listEvidence(state.db, candidate, { centreId, candidateId: candidate.userId, filters, page });

  it("pages 20 at a time, newest activity first, with the total", async () => {
    const first = await list();
    expect(first).toMatchObject({ total: 25, page: 1, pageCount: 2, pageSize: EVIDENCE_PAGE_SIZE });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]?.title).toBe("Routine call 22");
    const second = await list({}, 2);
    expect(second.items.map((i) => i.title)).toEqual([
      "Routine call 2",
      "Routine call 1",
      "Team briefing",
      "Fire drill",
      "Notes_v2",
    ]);
    expect((await list({}, 99)).page).toBe(2);
  });

  it("counts files and mappings and says the status in words", async () => {
    const { items } = await list({ method: "witnessTestimony" });
    expect(items).toEqual([
      expect.objectContaining({
        title: "Fire drill",
        methodLabel: "Witness testimony",
        fileCount: 1,
        mappingCount: 2,
        submitted: true,
        statusText: "Submitted. Mappings: 1 accepted, 1 referred back",
      }),
    ]);
  });

  it("filters by method", async () => {
    const { items, total } = await list({ method: "product" });
    expect(total).toBe(2);
    expect(items.map((i) => i.title)).toEqual(["Team briefing", "Notes_v2"]);
  });

  it("filters by a date range, both ends included", async () => {
    const { items, total } = await list({ from: "2026-01-11", to: "2026-02-02" });
    expect(total).toBe(3);
    expect(items.map((i) => i.title)).toEqual(["Routine call 2", "Routine call 1", "Team briefing"]);
    expect((await list({ to: "2025-12-31" })).items.map((i) => i.title)).toEqual(["Notes_v2"]);
  });

  it("searches titles and descriptions ignoring case, every word, with LIKE wildcards taken literally", async () => {
    expect((await list({ search: "fire DRILL" })).items.map((i) => i.title)).toEqual(["Team briefing", "Fire drill"]);
    expect((await list({ search: "evacuation" })).items.map((i) => i.title)).toEqual(["Fire drill"]);
    expect((await list({ search: "%" })).items.map((i) => i.title)).toEqual(["Team briefing"]);
    expect((await list({ search: "_" })).items.map((i) => i.title)).toEqual(["Notes_v2"]);
    expect((await list({ search: "nothing like this" })).total).toBe(0);
  });

  it("filters by unit and by status", async () => {
    expect((await list({ unit: "CS34" })).items.map((i) => i.title)).toEqual(["Team briefing", "Fire drill"]);
    expect((await list({ unit: "CU782" })).total).toBe(0);
    expect((await list({ status: "accepted" })).items.map((i) => i.title)).toEqual(["Fire drill"]);
    expect((await list({ status: "rejected" })).items.map((i) => i.title)).toEqual(["Team briefing", "Fire drill"]);
    expect((await list({ status: "submitted" })).total).toBe(2);
    expect((await list({ status: "draft" })).total).toBe(23);
    expect((await list({ status: "draft", method: "product" })).items.map((i) => i.title)).toEqual(["Notes_v2"]);
  });

  it("tells evidence referred back to the candidate from drafts, and says which round a resubmission is in", async () => {
    // As review-mapping.ts leaves it when a round refers something back: with the candidate, round 2 next.
    await state.db.evidence.update({ where: { id: ids.drill }, data: { submittedAt: null, round: 2 } });
    try {
      expect((await list({ status: "referred" })).items.map((i) => i.title)).toEqual(["Team briefing"]);
      expect((await list({ status: "draft" })).total).toBe(23);
      expect((await list({ status: "submitted" })).items.map((i) => i.title)).toEqual(["Fire drill"]);
      const statusText = async () => (await list({ search: "briefing" })).items[0]?.statusText;
      expect(await statusText()).toBe("Referred back. Mappings: 1 referred back");
      await state.db.evidence.update({
        where: { id: ids.drill },
        data: { submittedAt: new Date("2026-02-03T10:00:00Z") },
      });
      expect(await statusText()).toBe("Resubmitted (round 2). Mappings: 1 referred back");
    } finally {
      await state.db.evidence.update({
        where: { id: ids.drill },
        data: { submittedAt: new Date("2026-01-12T10:00:00Z"), round: 1 },
      });
    }
  });

  it("offers the candidate's units for the unit filter", async () => {
    expect((await list()).units.map((u) => u.code)).toEqual(["CS34"]);
  });

  it("reads filters from a query string, dropping what it cannot use", () => {
    expect(
      evidenceListQueryFrom({
        method: "product",
        status: "weird",
        from: "2026-02-30",
        to: "2026-02-01",
        q: "  fire ",
        page: "2",
      }),
    ).toEqual({
      filters: { method: "product", to: "2026-02-01", search: "fire" },
      page: 2,
      ignored: [
        {
          param: "from",
          value: "2026-02-30",
          message: "The “Activity from” date must be a real date, for example 2026-03-01.",
        },
      ],
    });
    expect(evidenceListQueryFrom({ page: "-3", method: "" })).toEqual({ filters: {}, page: 1, ignored: [] });
  });
});

describe("the audit trail", () => {
  it("has an AuditEvent for every evidence write", async () => {
    const evidence = await state.db.evidence.findMany({ select: { id: true } });
    const created = await state.db.auditEvent.findMany({
      where: { action: "evidence.create" },
      select: { entityId: true },
    });
    const createdIds = new Set(created.map((e) => e.entityId));
    for (const row of evidence) expect(createdIds.has(row.id)).toBe(true);
    const updates = await state.db.auditEvent.count({ where: { action: "evidence.update" } });
    const deletes = await state.db.auditEvent.count({ where: { action: "evidence.delete" } });
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(deletes).toBeGreaterThanOrEqual(1);
  });
});
