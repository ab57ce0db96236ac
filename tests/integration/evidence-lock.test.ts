import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/policy";
import { plannedPeriod } from "@/lib/enrolments/planned-period";
import { AppError } from "@/lib/errors";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { lockedMessages } from "@/lib/evidence/evidence-lock";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { deleteEvidenceFile, receiveUpload, uploadErrorResponse } from "@/lib/evidence/receive-upload";
import { updateEvidence } from "@/lib/evidence/update-evidence";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { useMigratedDb } from "../helpers/test-db";

// "Can this evidence still change?" has one answer (lib/evidence/evidence-lock.ts): the page's
// reason (getEvidence) and every server function that changes evidence or its files refuse
// with the same words, and the routes answer 409.

const state = useMigratedDb();

let candidate: Actor;
let centreId: string;
let enrolmentId: string;
let criterionIds: string[];
let root: string;
let store: LocalDiskStorage;

const pdf = () => Readable.from([Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\nthe call notes\n", "latin1")]);

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-evidence-lock-"));
  store = new LocalDiskStorage(root);
  const db = state.db;
  const centre = await db.centre.create({ data: { slug: "lock", name: "Lock Centre" } });
  centreId = centre.id;
  const user = await db.user.create({ data: { email: "cand@lock.example", name: "Cand" } });
  await db.membership.create({ data: { userId: user.id, centreId, role: "CANDIDATE" } });
  const unitVersion = await db.unitVersion.findFirstOrThrow({ select: { id: true } });
  const enrolment = await db.enrolment.create({
    data: {
      centreId,
      candidateId: user.id,
      unitVersionId: unitVersion.id,
      ...plannedPeriod(new Date("2026-01-05"), new Date("2026-12-18")),
    },
  });
  enrolmentId = enrolment.id;
  criterionIds = (
    await db.criterion.findMany({ where: { unitVersionId: unitVersion.id }, take: 2, select: { id: true } })
  ).map((c) => c.id);
  const loaded = await loadActor(db, user.id);
  if (!loaded) throw new Error("no actor");
  candidate = loaded;
});

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A draft with one file, then its mappings set to `statuses` (as an assessor's review leaves them). */
async function evidenceWith(statuses: ("ACCEPTED" | "REJECTED" | "SUBMITTED")[], submittedAt: Date | null = null) {
  const evidence = await state.db.evidence.create({
    data: {
      centreId,
      candidateId: candidate.userId,
      title: "Briefing",
      method: "product",
      activityDate: new Date("2026-03-01"),
      description: "Notes",
    },
  });
  const file = await receiveUpload({
    db: state.db,
    actor: candidate,
    evidenceId: evidence.id,
    fileName: "notes.pdf",
    body: pdf(),
    maxBytes: 1e6,
    quotaBytes: 1e7,
    storage: store,
  });
  for (const [i, status] of statuses.entries()) {
    await state.db.mapping.create({
      data: { evidenceId: evidence.id, criterionId: criterionIds[i] ?? "", enrolmentId, status },
    });
  }
  if (submittedAt) await state.db.evidence.update({ where: { id: evidence.id }, data: { submittedAt } });
  return { evidenceId: evidence.id, fileId: file.id };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return { message: (error as AppError).userMessage, route: uploadErrorResponse(error) };
}

const edit = {
  ...emptyEvidenceFormValues,
  title: "Briefing, revised",
  method: "product",
  activityDate: "2026-03-01",
  description: "Notes",
};

describe("one rule for whether evidence can still change", () => {
  for (const [name, statuses, submittedAt, reason] of [
    // Revised into a new version instead (tests/integration/evidence-revision.test.ts).
    ["referred back with one mapping still accepted", ["ACCEPTED", "REJECTED"], null, lockedMessages.partlyAccepted],
    ["with a mapping waiting for review", ["SUBMITTED"], null, lockedMessages.underReview],
    ["submitted", ["SUBMITTED"], new Date("2026-03-02"), lockedMessages.submitted],
  ] as const) {
    it(`evidence ${name}: the page's reason is what upload, file removal, update and delete all refuse with (409 on the routes)`, async () => {
      const { evidenceId, fileId } = await evidenceWith([...statuses], submittedAt);
      const detail = await getEvidence(state.db, candidate, evidenceId);
      expect(detail).toMatchObject({ lockedBecause: reason, canEdit: false, canDelete: false });

      const refusals = [
        await refusal(
          receiveUpload({
            db: state.db,
            actor: candidate,
            evidenceId,
            fileName: "more.pdf",
            body: pdf(),
            maxBytes: 1e6,
            quotaBytes: 1e7,
            storage: store,
          }),
        ),
        await refusal(deleteEvidenceFile({ db: state.db, actor: candidate, fileId, storage: store })),
        await refusal(updateEvidence(state.db, candidate, evidenceId, edit)),
        await refusal(deleteEvidence(state.db, candidate, evidenceId, store)),
      ];
      for (const r of refusals) expect(r).toEqual({ message: reason, route: { status: 409, message: reason } });

      // Nothing changed.
      expect(await state.db.evidenceFile.count({ where: { evidenceId } })).toBe(1);
      expect(await state.db.evidence.findUnique({ where: { id: evidenceId }, select: { title: true } })).toEqual({
        title: "Briefing",
      });
    });
  }

  it("evidence whose only mapping was referred back is the candidate's to change again, files included", async () => {
    const { evidenceId, fileId } = await evidenceWith(["REJECTED"]);
    expect(await getEvidence(state.db, candidate, evidenceId)).toMatchObject({ lockedBecause: null, canEdit: true });
    await receiveUpload({
      db: state.db,
      actor: candidate,
      evidenceId,
      fileName: "more.pdf",
      body: pdf(),
      maxBytes: 1e6,
      quotaBytes: 1e7,
      storage: store,
    });
    await deleteEvidenceFile({ db: state.db, actor: candidate, fileId, storage: store });
    await updateEvidence(state.db, candidate, evidenceId, edit);
    expect(await state.db.evidence.findUnique({ where: { id: evidenceId }, select: { title: true } })).toEqual({
      title: "Briefing, revised",
    });
  });
});
