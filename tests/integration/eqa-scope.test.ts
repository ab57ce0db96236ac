import { beforeAll, describe, expect, it } from "vitest";
import { addComment } from "@/lib/assessment/add-comment";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { shareWithEqa } from "@/lib/enrolments/share-with-eqa";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { findReadableFile } from "@/lib/evidence/readable-file";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { removeMapping } from "@/lib/mapping/remove-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { getGapView } from "@/lib/portfolio/gap-view";
import { useMigratedDb } from "../helpers/test-db";

// Sharing one enrolment with an external quality assurer opens what was submitted for
// assessment in it, and nothing else of the candidate's: not their drafts, not evidence of their
// other units, not the claims, reviews and comments of those units on evidence they share, and
// nothing once the share has ended. Cara has CS34 (shared) and CU782 (not shared; assessed by
// Ben here, so that his part is told apart from Asha's).

const state = useMigratedDb();
const now = new Date();
let cara: SessionActor;
let asha: SessionActor;
let ben: SessionActor;
let evan: SessionActor;
let cs34 = "";
let cu782 = "";
let shareEnds = new Date(0);

async function criterionIdOf(enrolmentId: string, position: number) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  const criteria = await state.db.criterion.findMany({
    where: { unitVersionId: enrolment.unitVersionId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  const found = criteria[position];
  if (!found) throw new Error(`no criterion ${position} in ${enrolmentId}`);
  return found.id;
}

/** Cara's new evidence with one stored file, mapped to the given (enrolment, criterion position) pairs. */
async function evidenceMappedTo(title: string, claims: [string, number][]) {
  const centreId = (await state.db.enrolment.findUniqueOrThrow({ where: { id: cs34 } })).centreId;
  const { id } = await createEvidence(state.db, cara, centreId, {
    ...emptyEvidenceFormValues,
    title,
    method: "reflectiveAccount",
    activityDate: "2026-01-15",
    description: "What I did at work.",
  });
  // The file row as an upload leaves it; who may read it is all that is asked of it here.
  const file = await state.db.evidenceFile.create({
    data: {
      evidenceId: id,
      storageKey: `test/${id}`,
      originalName: "notes.pdf",
      size: 10n,
      sha256: "0".repeat(64),
      mimeType: "application/pdf",
    },
  });
  const mappingIds: string[] = [];
  for (const [enrolmentId, position] of claims) {
    mappingIds.push(
      (
        await proposeMapping(state.db, cara, {
          evidenceId: id,
          enrolmentId,
          criterionId: await criterionIdOf(enrolmentId, position),
        })
      ).mappingId,
    );
  }
  return { id, fileId: file.id, mappingIds };
}

async function submit(evidenceId: string) {
  await submitEvidence(state.db, cara, { evidenceId, declarationConfirmed: true });
}

async function refusedToEvan(evidence: { id: string; fileId: string }, at = now) {
  expect(await rejection(getEvidenceReview(state.db, evan, evidence.id, at))).toBeInstanceOf(ForbiddenError);
  expect(await findReadableFile(state.db, evan, evidence.fileId, at)).toBeNull();
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  ben = await actorByEmail(state.db, "assessor2@northgate.example");
  evan = await actorByEmail(state.db, "eqa@awarding.example");
  const admin = await actorByEmail(state.db, "admin@northgate.example");
  const enrolmentOf = async (code: string) =>
    (
      await state.db.enrolment.findFirstOrThrow({
        where: { candidateId: cara.userId, unitVersion: { unit: { code } } },
      })
    ).id;
  cs34 = await enrolmentOf("CS34");
  cu782 = await enrolmentOf("CU782");
  await state.db.enrolment.update({ where: { id: cu782 }, data: { assessorId: ben.userId } });
  const centre = await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } });
  const share = await shareWithEqa(
    state.db,
    admin,
    { enrolmentId: cs34, eqaUserId: evan.userId, lastDay: addDays(calendarDateIn(now, centre.timeZone), 14) },
    now,
  );
  shareEnds = share.expiresAt;
}, 60_000);

describe("an EQA with a share of one enrolment", () => {
  it("cannot read evidence submitted only to the candidate's other unit, nor its files", async () => {
    const otherUnit = await evidenceMappedTo("For CU782 only", [[cu782, 0]]);
    await submit(otherUnit.id);
    await refusedToEvan(otherUnit);
    // Its assessor still can.
    expect((await getEvidenceReview(state.db, ben, otherUnit.id, now)).units.map((u) => u.unitCode)).toEqual(["CU782"]);
    expect(await findReadableFile(state.db, ben, otherUnit.fileId, now)).not.toBeNull();
  });

  it("cannot read a draft mapped to the shared enrolment, nor its files", async () => {
    const draft = await evidenceMappedTo("Draft for CS34", [[cs34, 0]]);
    await refusedToEvan(draft);
    // The candidate's assessor reads drafts as before.
    expect(await findReadableFile(state.db, asha, draft.fileId, now)).not.toBeNull();
    // Nor does the shared unit's gap view name the draft to the EQA; the assessor's still does.
    const titles = async (actor: SessionActor) =>
      (await getGapView(state.db, actor, cs34, now)).groups.flatMap((g) =>
        g.criteria.flatMap((c) => c.evidence.map((e) => e.title)),
      );
    expect(await titles(asha)).toContain("Draft for CS34");
    expect(await titles(evan)).not.toContain("Draft for CS34");
  });

  it("reads evidence submitted to both units, with only the shared unit's claims and its people's comments", async () => {
    const both = await evidenceMappedTo("For CS34 and CU782", [
      [cs34, 1],
      [cu782, 1],
    ]);
    await submit(both.id);
    await reviewMapping(state.db, asha, { mappingId: both.mappingIds[0] as string, decision: "accept" });
    // A claim on the shared unit that Cara adds after submitting is her draft until she submits it.
    await proposeMapping(state.db, cara, {
      evidenceId: both.id,
      enrolmentId: cs34,
      criterionId: await criterionIdOf(cs34, 2),
    });
    await addComment(state.db, asha, { evidenceId: both.id, body: "Accepted for CS34." }, now);
    await addComment(state.db, ben, { evidenceId: both.id, body: "About CU782: what did the customer ask for?" }, now);
    await addComment(state.db, cara, { evidenceId: both.id, body: "Thank you." }, now);

    const seen = await getEvidenceReview(state.db, evan, both.id, now);
    expect(seen.whole).toBe(false);
    expect(seen.units.map((u) => [u.unitCode, u.mappings.map((m) => m.status)])).toEqual([["CS34", ["ACCEPTED"]]]);
    expect(seen.thread.comments.map((c) => c.body)).toEqual(["Accepted for CS34.", "Thank you."]);
    expect(seen.thread.canComment).toBe(false);
    expect(seen.canReviewAny).toBe(false);
    expect(await findReadableFile(state.db, evan, both.fileId, now)).not.toBeNull();

    // The assessor still sees every unit, draft claim and comment.
    const assessed = await getEvidenceReview(state.db, asha, both.id, now);
    expect(assessed.whole).toBe(true);
    expect(assessed.units.map((u) => [u.unitCode, u.mappings.map((m) => m.status)])).toEqual([
      ["CS34", ["ACCEPTED", "PROPOSED"]],
      ["CU782", ["SUBMITTED"]],
    ]);
    expect(assessed.thread.comments).toHaveLength(3);
  });

  it("still reads evidence returned to the candidate after review, without the other unit's withdrawn claim", async () => {
    const returned = await evidenceMappedTo("Returned after review", [
      [cs34, 3],
      [cu782, 3],
    ]);
    await submit(returned.id);
    await reviewMapping(state.db, asha, { mappingId: returned.mappingIds[0] as string, decision: "accept" });
    await reviewMapping(state.db, ben, {
      mappingId: returned.mappingIds[1] as string,
      decision: "reject",
      feedback: "Say what you did for CU782.",
    });
    await removeMapping(state.db, cara, { mappingId: returned.mappingIds[1] as string });
    expect(await state.db.evidence.findUniqueOrThrow({ where: { id: returned.id } })).toMatchObject({
      submittedAt: null,
      round: 2,
    });

    const seen = await getEvidenceReview(state.db, evan, returned.id, now);
    expect(seen.units.map((u) => u.unitCode)).toEqual(["CS34"]);
    expect(seen.withdrawn).toEqual([]);
    expect((await getEvidenceReview(state.db, asha, returned.id, now)).withdrawn.map((c) => c.unitCode)).toEqual([
      "CU782",
    ]);
  });

  it("reads nothing once the share has ended", async () => {
    const both = await evidenceMappedTo("Submitted to CS34, read after the share", [[cs34, 4]]);
    await submit(both.id);
    expect(
      (await getEvidenceReview(state.db, evan, both.id, new Date(shareEnds.getTime() - 1))).units.map(
        (u) => u.unitCode,
      ),
    ).toEqual(["CS34"]);
    expect(await findReadableFile(state.db, evan, both.fileId, new Date(shareEnds.getTime() - 1))).not.toBeNull();
    await refusedToEvan(both, shareEnds);
  });
});
