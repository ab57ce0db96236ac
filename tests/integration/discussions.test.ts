import { beforeAll, describe, expect, it } from "vitest";
import type { SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { getObservationRecord } from "@/lib/observation/get-observation";
import { recordObservation } from "@/lib/observation/record-observation";
import { addRecordingMarker, removeRecordingMarker, secondsOf } from "@/lib/observation/recording-markers";
import { respondToObservation } from "@/lib/observation/respond-to-observation";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Professional discussions (issue #16): the assessor records a planned conversation with its
// agenda and summary, then marks moments of its recording against the criteria it covers
// ("12:30 covers 1.1"), while the candidate has not confirmed the record. Real databases.

const state = useMigratedDb();
let cara: SessionActor;
let asha: SessionActor;
let ben: SessionActor;
let cs34 = "";

async function criterionId(ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } });
  return (await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } })).id;
}

async function discussion(title: string) {
  return recordObservation(state.db, asha, {
    kind: "professionalDiscussion",
    title,
    activityDate: "2026-11-20",
    startTime: "10:00",
    endTime: "11:00",
    location: "By video call",
    agenda: "1. How do you monitor service quality?\n2. How do you act on what you find?",
    description: "Cara explained the three ways her team monitors service, and what she changed after a dip.",
    criteria: [
      { enrolmentId: cs34, criterionId: await criterionId("1.1") },
      { enrolmentId: cs34, criterionId: await criterionId("1.3") },
    ],
  });
}

async function refusalMessage(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userMessage;
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  ben = await actorByEmail(state.db, "assessor2@northgate.example");
  cs34 = (
    await state.db.enrolment.findFirstOrThrow({
      where: { candidateId: cara.userId, unitVersion: { unit: { code: "CS34" } } },
    })
  ).id;
}, 120_000);

describe("a professional discussion", () => {
  it("is recorded with its agenda, as a discussion, and read as one by the candidate", async () => {
    const { id } = await discussion("Monitoring discussion");
    const row = await state.db.evidence.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ method: "professionalDiscussion", authorId: asha.userId, location: "By video call" });
    expect(row.agenda).toContain("How do you act on what you find?");
    const seen = await getObservationRecord(state.db, cara, id);
    expect(seen).toMatchObject({ kind: "professionalDiscussion", canRespond: true, canChange: false, markers: [] });
    const notice = await state.db.notification.findFirstOrThrow({
      where: { userId: cara.userId, link: `/candidate/evidence/${id}` },
    });
    expect(notice.title).toBe("Your assessor recorded a professional discussion; confirm it or dispute it");
  });

  it("has moments of its recording marked against its criteria, in order, by its author only", async () => {
    const { id } = await discussion("Marked discussion");
    const k11 = await criterionId("1.1");
    const k13 = await criterionId("1.3");
    await addRecordingMarker(state.db, asha, {
      evidenceId: id,
      criterionId: k13,
      at: "1:02:03",
      note: "Acting on a dip",
    });
    await addRecordingMarker(state.db, asha, { evidenceId: id, criterionId: k11, at: "12:30" });
    const record = await getObservationRecord(state.db, cara, id);
    expect(record?.markers.map((m) => [m.at, m.atSeconds, m.criterion.ref, m.note])).toEqual([
      ["12:30", 750, "1.1", null],
      ["1:02:03", 3723, "1.3", "Acting on a dip"],
    ]);

    // Nobody but its author, and only on criteria the record is mapped to, at a real time.
    const count = await state.db.recordingMarker.count();
    for (const outsider of [cara, ben])
      expect(
        await rejection(addRecordingMarker(state.db, outsider, { evidenceId: id, criterionId: k11, at: "1:00" })),
      ).toMatchObject({ status: 403 });
    expect(
      await rejection(
        addRecordingMarker(state.db, asha, { evidenceId: id, criterionId: await criterionId("2.1"), at: "1:00" }),
      ),
    ).toMatchObject({ fieldErrors: { criterionId: ["Choose one of the criteria this record is mapped to."] } });
    expect(
      await rejection(addRecordingMarker(state.db, asha, { evidenceId: id, criterionId: k11, at: "12:75" })),
    ).toMatchObject({
      fieldErrors: {
        at: ["Enter the time as minutes and seconds (12:30) or hours, minutes and seconds (1:02:03)."],
      },
    });
    expect(await state.db.recordingMarker.count()).toBe(count);

    const first = record?.markers[0];
    if (!first) throw new Error("no marker");
    await removeRecordingMarker(state.db, asha, { markerId: first.id });
    expect((await getObservationRecord(state.db, asha, id))?.markers.map((m) => m.at)).toEqual(["1:02:03"]);
  });

  it("keeps its markers as they were once the candidate confirms it", async () => {
    const { id } = await discussion("Confirmed discussion");
    await addRecordingMarker(state.db, asha, { evidenceId: id, criterionId: await criterionId("1.1"), at: "5:00" });
    await respondToObservation(state.db, cara, { evidenceId: id, response: "CONFIRMED" });
    const message = await refusalMessage(
      addRecordingMarker(state.db, asha, { evidenceId: id, criterionId: await criterionId("1.1"), at: "6:00" }),
    );
    expect(message).toMatch(/confirmed/i);
    const [marker] = (await getObservationRecord(state.db, asha, id))?.markers ?? [];
    expect(await refusalMessage(removeRecordingMarker(state.db, asha, { markerId: marker?.id ?? "" }))).toMatch(
      /confirmed/i,
    );
  });

  it("reads times as a person writes them", () => {
    expect(["12:30", "0:05", "1:02:03", "750", "99:00"].map(secondsOf)).toEqual([750, 5, 3723, 750, 5940]);
    expect(["12:60", "1:2:3", "", "ten", "-5"].map(secondsOf)).toEqual([null, null, null, null, null]);
  });

  it("applies a unit's rule against simulation to an assessor's record as to any evidence", async () => {
    const cu782 = await state.db.enrolment.findFirstOrThrow({
      where: { candidateId: cara.userId, unitVersion: { unit: { code: "CU782" } } },
    });
    const [criterion] = await state.db.criterion.findMany({ where: { unitVersionId: cu782.unitVersionId }, take: 1 });
    const rolePlay = {
      kind: "observation",
      title: "Role-played appraisal",
      activityDate: "2026-11-20",
      startTime: "10:00",
      endTime: "10:30",
      location: "Training room",
      description: "A role-play of an appraisal with a colleague playing the team member.",
      simulated: true,
    };
    const before = await state.db.evidence.count();
    expect(
      await rejection(
        recordObservation(state.db, asha, {
          ...rolePlay,
          criteria: [{ enrolmentId: cu782.id, criterionId: criterion!.id }],
        }),
      ),
    ).toMatchObject({
      fieldErrors: {
        simulated: [expect.stringMatching(/^This evidence is marked as simulated, and CU782 does not accept/)],
      },
    });
    expect(await state.db.evidence.count()).toBe(before);
    // CS34 names no such rule: the role-play is recorded, marked as simulated.
    const { id } = await recordObservation(state.db, asha, {
      ...rolePlay,
      criteria: [{ enrolmentId: cs34, criterionId: await criterionId("1.1") }],
    });
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id } })).simulated).toBe(true);
  });

  it("offers the candidate no mapping tools on an assessor's record: they answer it instead", async () => {
    const { id } = await discussion("Record with no tools");
    const seen = await getEvidence(state.db, cara, id);
    expect(seen).toMatchObject({ canEdit: false, canMap: false, canDelete: false, canRevise: false });
    const authored = await getEvidence(state.db, asha, id);
    expect(authored.canMap).toBe(true);
  });
});
