import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { demoPassword, seedDemo } from "@/lib/demo/seed";
import { AppError, InputError } from "@/lib/errors";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { listEvidence } from "@/lib/evidence/list-evidence";
import { deleteEvidenceFile, receiveUpload, UploadError } from "@/lib/evidence/receive-upload";
import { getObservationRecord } from "@/lib/observation/get-observation";
import type { RecordObservationInput } from "@/lib/observation/input";
import { recordObservation } from "@/lib/observation/record-observation";
import { respondToObservation } from "@/lib/observation/respond-to-observation";
import { updateObservation } from "@/lib/observation/update-observation";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Observations recorded by the assessor (issue #16): the assigned assessor records what they
// watched as evidence in the candidate's portfolio, its mappings accepted at once; the candidate
// confirms or disputes it; it counts towards "met" only once confirmed. Real databases.

const state = useMigratedDb();
const ids = { centre: "", cara: "", dev: "", cs34: "", cu782: "", devEnrolment: "" };
const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cp-observations-"));
const store = new LocalDiskStorage(storageRoot);
afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));
const actors: Record<string, SessionActor> = {};

function as(key: string): SessionActor {
  const found = actors[key];
  if (!found) throw new Error(`no actor ${key}`);
  return found;
}

async function refusalMessage(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userMessage;
}

async function criterionOf(enrolmentId: string, ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    include: { rangeItems: { orderBy: { position: "asc" } } },
  });
}

beforeAll(async () => {
  const db = state.db;
  expect((await importStandards(db)).errors).toEqual([]);
  await seedDemo(db);
  for (const [key, email] of [
    ["cara", "candidate@northgate.example"],
    ["dev", "candidate2@northgate.example"],
    ["asha", "assessor@northgate.example"],
    ["ben", "assessor2@northgate.example"],
    ["iris", "iqa@northgate.example"],
    ["raj", "assessor@riverside.example"],
  ] as const) {
    actors[key] = await actorByEmail(db, email);
  }
  ids.cara = as("cara").userId;
  ids.dev = as("dev").userId;
  ids.centre = (await db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  const enrolment = (candidateId: string, code: string) =>
    db.enrolment.findFirstOrThrow({ where: { candidateId, unitVersion: { unit: { code } } } });
  ids.cs34 = (await enrolment(ids.cara, "CS34")).id;
  ids.cu782 = (await enrolment(ids.cara, "CU782")).id;
  ids.devEnrolment = (await enrolment(ids.dev, "INSCS042")).id;
}, 120_000);

describe("the met rule for an assessor's record", () => {
  it("refuses met while the only accepted evidence is an observation the candidate has not confirmed, then allows it", async () => {
    const db = state.db;
    const criterion = await criterionOf(ids.cs34, "4.2");
    // Written directly, as recordObservation would leave it: accepted at once, not yet confirmed.
    const observation = await db.evidence.create({
      data: {
        centreId: ids.centre,
        candidateId: ids.cara,
        authorId: as("asha").userId,
        title: "Training session for new starters",
        method: "observation",
        activityDate: new Date(),
        description: "Cara ran the session.",
        startTime: "09:00",
        endTime: "10:00",
        location: "Northgate contact centre",
        submittedAt: new Date(),
        mappings: {
          create: {
            enrolmentId: ids.cs34,
            criterionId: criterion.id,
            status: "ACCEPTED",
            reviewedById: as("asha").userId,
            reviewedAt: new Date(),
          },
        },
      },
    });
    const sign = () =>
      decideCriterion(db, as("asha"), {
        enrolmentId: ids.cs34,
        criterionId: criterion.id,
        outcome: "MET",
        password: demoPassword,
      });

    expect(await refusalMessage(sign())).toBe(
      "The candidate has not yet confirmed the observation “Training session for new starters” as an accurate record. Ask them to confirm it, or resolve their dispute.",
    );
    expect(await db.decision.count({ where: { enrolmentId: ids.cs34, criterionId: criterion.id } })).toBe(0);

    await db.evidence.update({ where: { id: observation.id }, data: { candidateResponse: "DISPUTED" } });
    expect(await refusalMessage(sign())).toContain("has not yet confirmed the observation");

    await db.evidence.update({
      where: { id: observation.id },
      data: { candidateResponse: "CONFIRMED", candidateRespondedAt: new Date() },
    });
    const signed = await sign();
    expect(signed.outcome).toBe("MET");
    expect(signed.evidenceCount).toBe(1);
  });
});

const baseObservation = {
  activityDate: "2026-01-15",
  startTime: "08:30",
  endTime: "09:15",
  location: "Northgate contact centre, briefing room",
  description: "Cara briefed six advisers on the **new complaints procedure**.",
};

/** An observation of Cara's CS34 4.1 with all its range items, as the form would send it. */
async function observationInput(overrides: Partial<RecordObservationInput> = {}): Promise<RecordObservationInput> {
  const criterion = await criterionOf(ids.cs34, "4.1");
  return {
    title: "Team briefing before the morning shift",
    activityDate: "2026-01-15",
    startTime: "08:30",
    endTime: "09:15",
    location: "Northgate contact centre, briefing room",
    description: "Cara briefed six advisers on the **new complaints procedure**.",
    criteria: [
      { enrolmentId: ids.cs34, criterionId: criterion.id, rangeItemIds: criterion.rangeItems.map((r) => r.id) },
    ],
    ...overrides,
  };
}

/** Row counts of everything recording an observation writes. */
async function counts() {
  const db = state.db;
  const [evidence, mappings, reviews, audit, notifications, comments] = await Promise.all([
    db.evidence.count(),
    db.mapping.count(),
    db.mappingReview.count(),
    db.auditEvent.count(),
    db.notification.count(),
    db.comment.count(),
  ]);
  return { evidence, mappings, reviews, audit, notifications, comments };
}

describe("recording an observation", () => {
  it("writes evidence in the candidate's portfolio, its mappings accepted with their range items and reviews, audited, and tells the candidate", async () => {
    const db = state.db;
    const input = await observationInput();
    const recorded = await recordObservation(db, as("asha"), input);

    const evidence = await db.evidence.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(evidence).toMatchObject({
      candidateId: ids.cara,
      centreId: ids.centre,
      authorId: as("asha").userId,
      method: "observation",
      simulated: false,
      startTime: "08:30",
      endTime: "09:15",
      location: "Northgate contact centre, briefing room",
      candidateResponse: null,
      round: 1,
    });
    expect(evidence.submittedAt).not.toBeNull();

    const mappings = await db.mapping.findMany({ where: { evidenceId: recorded.id }, include: { rangeItems: true } });
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({ status: "ACCEPTED", reviewedById: as("asha").userId, enrolmentId: ids.cs34 });
    const expectedItems = input.criteria[0]!.rangeItemIds!;
    expect(mappings[0]!.rangeItems.map((r) => r.rangeItemId).sort()).toEqual([...expectedItems].sort());

    const reviews = await db.mappingReview.findMany({ where: { evidenceId: recorded.id } });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ round: 1, status: "ACCEPTED", reviewerId: as("asha").userId });
    expect([...(reviews[0]!.rangeItemIds as string[])].sort()).toEqual([...expectedItems].sort());

    const audit = await db.auditEvent.findMany({ where: { entityId: { in: [recorded.id, mappings[0]!.id] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["mapping.accept", "observation.record"]);

    const notice = await db.notification.findFirstOrThrow({
      where: { userId: ids.cara, kind: "observation.recorded" },
    });
    expect(notice.title).toBe("Your assessor recorded an observation; confirm it or dispute it");
    expect(notice.link).toBe(`/candidate/evidence/${recorded.id}`);

    // Nothing waits for review: the assessor's own record needs no review round.
    expect(await db.mapping.count({ where: { evidenceId: recorded.id, status: "SUBMITTED" } })).toBe(0);
  });

  it("refuses anyone but the enrolment's assigned assessor, and writes nothing", async () => {
    const input = await observationInput();
    const before = await counts();
    for (const who of ["cara", "ben", "iris", "raj"]) {
      const error = await rejection(recordObservation(state.db, as(who), input));
      expect(error, who).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).userMessage).toBe(
        "Only the assessor assigned to this enrolment can do that. Ask your centre admin to assign you if you should be.",
      );
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses criteria of another candidate's enrolment in the same observation", async () => {
    const input = await observationInput();
    const other = await state.db.criterion.findFirstOrThrow({
      where: { unitVersion: { enrolments: { some: { id: ids.devEnrolment } } } },
    });
    const before = await counts();
    // Asha does not assess Dev: refused by the policy before anything else.
    const error = await rejection(
      recordObservation(state.db, as("asha"), {
        ...input,
        criteria: [...input.criteria, { enrolmentId: ids.devEnrolment, criterionId: other.id, rangeItemIds: [] }],
      }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });

  it("refuses a range item of another criterion, an end before the start, and no criteria, saying which field", async () => {
    const before = await counts();
    const other = await criterionOf(ids.cs34, "1.1");
    const foreignItem = other.rangeItems[0];
    if (!foreignItem) throw new Error("CS34 1.1 has no range items");
    const input = await observationInput();
    const badRange = await rejection(
      recordObservation(state.db, as("asha"), {
        ...input,
        criteria: [{ ...input.criteria[0]!, rangeItemIds: [foreignItem.id] }],
      }),
    );
    expect(badRange).toBeInstanceOf(InputError);
    expect((badRange as InputError).fieldErrors.rangeItemIds?.[0]).toContain("not part of criterion 4.1");

    const backwards = await rejection(
      recordObservation(state.db, as("asha"), await observationInput({ startTime: "10:00", endTime: "09:59" })),
    );
    expect((backwards as InputError).fieldErrors.endTime).toEqual(["The end time must be after the start time."]);

    const none = await rejection(recordObservation(state.db, as("asha"), await observationInput({ criteria: [] })));
    expect((none as InputError).fieldErrors.criteria).toEqual(["Choose at least one criterion you observed."]);

    const badTime = await rejection(
      recordObservation(state.db, as("asha"), await observationInput({ startTime: "25:00" })),
    );
    expect((badTime as InputError).fieldErrors.startTime?.[0]).toContain("24-hour clock");
    expect(await counts()).toEqual(before);
  });

  it("refuses an enrolment that is no longer active", async () => {
    const db = state.db;
    const criterion = await criterionOf(ids.cu782, "1.1");
    await db.enrolment.update({ where: { id: ids.cu782 }, data: { status: "WITHDRAWN" } });
    try {
      const before = await counts();
      const message = await refusalMessage(
        recordObservation(
          db,
          as("asha"),
          await observationInput({
            criteria: [{ enrolmentId: ids.cu782, criterionId: criterion.id, rangeItemIds: [] }],
          }),
        ),
      );
      expect(message).toBe(
        "This enrolment has been withdrawn, so you cannot record an observation for it. Its record is kept as it was.",
      );
      expect(await counts()).toEqual(before);
    } finally {
      await db.enrolment.update({ where: { id: ids.cu782 }, data: { status: "ACTIVE" } });
    }
  });
});

describe("the candidate's answer", () => {
  it("a dispute needs a comment, goes on the thread, and may be followed by a confirmation after a correction; a confirmation is final", async () => {
    const db = state.db;
    const { id } = await recordObservation(db, as("asha"), await observationInput({ title: "Handling a complaint" }));

    const noComment = await rejection(respondToObservation(db, as("cara"), { evidenceId: id, response: "DISPUTED" }));
    expect((noComment as InputError).fieldErrors.comment).toEqual([
      "Say what is wrong with the record, so your assessor can correct it.",
    ]);

    // Only the candidate it is about answers it.
    for (const who of ["asha", "dev", "iris"]) {
      const error = await rejection(respondToObservation(db, as(who), { evidenceId: id, response: "CONFIRMED" }));
      expect(error, who).toBeInstanceOf(ForbiddenError);
    }

    const disputed = await respondToObservation(db, as("cara"), {
      evidenceId: id,
      response: "DISPUTED",
      comment: "I briefed eight advisers, not six.",
    });
    expect(disputed.commentId).not.toBeNull();
    const comment = await db.comment.findUniqueOrThrow({ where: { id: disputed.commentId! } });
    expect(comment).toMatchObject({ evidenceId: id, authorId: ids.cara, body: "I briefed eight advisers, not six." });
    expect((await db.evidence.findUniqueOrThrow({ where: { id } })).candidateResponse).toBe("DISPUTED");
    expect(
      await db.notification.count({ where: { userId: as("asha").userId, kind: "observation.answered" } }),
    ).toBeGreaterThan(0);

    // The author corrects it: it waits for the candidate's answer again.
    await updateObservation(db, as("asha"), {
      evidenceId: id,
      title: "Handling a complaint",
      activityDate: "2026-01-15",
      startTime: "08:30",
      endTime: "09:15",
      location: "Northgate contact centre, briefing room",
      description: "Cara briefed eight advisers on the new complaints procedure.",
    });
    expect((await db.evidence.findUniqueOrThrow({ where: { id } })).candidateResponse).toBeNull();

    await respondToObservation(db, as("cara"), { evidenceId: id, response: "CONFIRMED" });
    const confirmed = await db.evidence.findUniqueOrThrow({ where: { id } });
    expect(confirmed.candidateResponse).toBe("CONFIRMED");
    expect(confirmed.candidateRespondedAt).not.toBeNull();

    expect(
      await refusalMessage(
        respondToObservation(db, as("cara"), { evidenceId: id, response: "DISPUTED", comment: "No." }),
      ),
    ).toContain("a confirmation is final");
    // Confirmed, it can no longer be corrected.
    expect(
      await refusalMessage(
        updateObservation(db, as("asha"), {
          evidenceId: id,
          title: "Changed",
          activityDate: "2026-01-15",
          startTime: "08:30",
          endTime: "09:15",
          location: "Elsewhere",
          description: "Changed.",
        }),
      ),
    ).toContain("The candidate confirmed this record as accurate");
    const audit = await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "observation.record",
      "observation.respond",
      "observation.update",
      "observation.respond",
    ]);
  });

  it("the candidate's own evidence cannot be confirmed or disputed", async () => {
    const own = await state.db.evidence.create({
      data: {
        centreId: ids.centre,
        candidateId: ids.cara,
        title: "My own",
        method: "product",
        activityDate: new Date(),
        description: "Mine.",
      },
    });
    const error = await rejection(
      respondToObservation(state.db, as("cara"), { evidenceId: own.id, response: "CONFIRMED" }),
    );
    expect((error as ForbiddenError).userMessage).toBe(
      "Only the candidate an assessor's record is about can confirm or dispute it.",
    );
  });
});

describe("the met rule with a recorded observation", () => {
  it("refuses 1.2 as met until Cara confirms the observation covering its range, says what else is short, then signs on it", async () => {
    const db = state.db;
    const criterion = await criterionOf(ids.cs34, "1.2");
    const items = criterion.rangeItems.map((r) => r.id);
    const observe = (title: string, rangeItemIds: string[]) =>
      recordObservation(db, as("asha"), {
        ...baseObservation,
        title,
        criteria: [{ enrolmentId: ids.cs34, criterionId: criterion.id, rangeItemIds }],
      });
    const sign = () =>
      decideCriterion(db, as("asha"), {
        enrolmentId: ids.cs34,
        criterionId: criterion.id,
        outcome: "MET",
        password: demoPassword,
      });

    // Two of the three range items needed, not confirmed: both shortfalls are said.
    const partial = await observe("Greeting customers", items.slice(0, 2));
    expect(await refusalMessage(sign())).toBe(
      "1.2 needs at least 3 of its 9 range items covered by accepted evidence; 0 are. The candidate has not yet confirmed the observation “Greeting customers” as an accurate record. Ask them to confirm it, or resolve their dispute.",
    );
    await respondToObservation(db, as("cara"), { evidenceId: partial.id, response: "DISPUTED", comment: "Not me." });

    const full = await observe("Serving customers at the counter", items.slice(0, 3));
    expect(await refusalMessage(sign())).toContain("has not yet confirmed the observation");
    expect(await db.decision.count({ where: { enrolmentId: ids.cs34, criterionId: criterion.id } })).toBe(0);

    await respondToObservation(db, as("cara"), { evidenceId: full.id, response: "CONFIRMED" });
    const signed = await sign();
    const decision = await db.decision.findUniqueOrThrow({ where: { id: signed.id } });
    const rests = (decision.evidenceSnapshot as { evidenceId: string }[]).map((e) => e.evidenceId);
    // The decision rests on what counts: the confirmed record, not the disputed one (which its
    // author may still correct without breaking the signature).
    expect(rests).toEqual([full.id]);
    expect((await getEvidence(db, as("asha"), partial.id)).canEdit).toBe(true);
  });
});

describe("files on an observation", () => {
  // A 1x1 PNG.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64",
  );
  const upload = (actor: SessionActor, evidenceId: string) =>
    receiveUpload({
      db: state.db,
      actor,
      evidenceId,
      fileName: "briefing.png",
      body: Readable.from([png]),
      declaredLength: png.length,
      maxBytes: 10_000_000,
      quotaBytes: 100_000_000,
      storage: store,
    });

  it("its author adds and removes files while it may change; the candidate cannot; after confirmation nobody can", async () => {
    const db = state.db;
    const { id } = await recordObservation(db, as("asha"), await observationInput({ title: "Photographed briefing" }));

    const file = await upload(as("asha"), id);
    expect(file).toMatchObject({ evidenceId: id, mimeType: "image/png" });

    const byCandidate = await rejection(upload(as("cara"), id));
    expect(byCandidate).toBeInstanceOf(ForbiddenError);
    // Ben does not assess Cara: to him it is as if it did not exist.
    const byOtherAssessor = await rejection(upload(as("ben"), id));
    expect((byOtherAssessor as UploadError).status).toBe(404);
    expect(
      await rejection(deleteEvidenceFile({ db, actor: as("cara"), fileId: file.id, storage: store })),
    ).toBeInstanceOf(ForbiddenError);

    // The pages render from the same answers.
    expect((await getEvidence(db, as("cara"), id)).canEdit).toBe(false);
    expect((await getEvidence(db, as("asha"), id)).canEdit).toBe(true);
    const seenByCara = await getObservationRecord(db, as("cara"), id);
    expect(seenByCara).toMatchObject({ canRespond: true, canChange: false, authorName: "Asha Patel" });

    const second = await upload(as("asha"), id);
    await deleteEvidenceFile({ db, actor: as("asha"), fileId: second.id, storage: store });
    expect(await db.evidenceFile.count({ where: { evidenceId: id } })).toBe(1);

    await respondToObservation(db, as("cara"), { evidenceId: id, response: "CONFIRMED" });
    const afterConfirm = await rejection(upload(as("asha"), id));
    expect(afterConfirm).toBeInstanceOf(UploadError);
    expect((afterConfirm as UploadError).status).toBe(409);
    expect((await getEvidence(db, as("asha"), id)).canEdit).toBe(false);
    expect(await getObservationRecord(db, as("cara"), id)).toMatchObject({ canRespond: false, response: "CONFIRMED" });
  });
});

describe("reading an observation", () => {
  it("is in the candidate's evidence list, and the IQA and a shared EQA read it on the review page", async () => {
    const db = state.db;
    const { id } = await recordObservation(db, as("asha"), await observationInput({ title: "Read by everyone" }));
    const list = await listEvidence(db, as("cara"), {
      centreId: ids.centre,
      candidateId: ids.cara,
      filters: { search: "Read by everyone" },
    });
    expect(list.items.map((i) => i.id)).toContain(id);

    const eqa = await actorByEmail(db, "eqa@awarding.example");
    await db.eqaShare.create({
      data: {
        centreId: ids.centre,
        enrolmentId: ids.cs34,
        eqaUserId: eqa.userId,
        sharedById: as("asha").userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    for (const reader of [as("iris"), eqa]) {
      const review = await getEvidenceReview(db, reader, id);
      expect(review.units.map((u) => u.unitCode)).toEqual(["CS34"]);
      expect(await getObservationRecord(db, reader, id)).toMatchObject({
        authorName: "Asha Patel",
        canRespond: false,
        canChange: false,
      });
    }
  });
});
