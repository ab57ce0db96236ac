import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideCriterion, verifyDecisionSignature } from "@/lib/assessment/decide-criterion";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { getReviewHistory } from "@/lib/assessment/review-history";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { ForbiddenError } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { lockedMessages, supersededMessage } from "@/lib/evidence/evidence-lock";
import { listEvidenceVersions } from "@/lib/evidence/evidence-versions";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { deleteEvidenceFile, receiveUpload, uploadErrorResponse } from "@/lib/evidence/receive-upload";
import { reviseEvidence } from "@/lib/evidence/revise-evidence";
import { updateEvidence } from "@/lib/evidence/update-evidence";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Issue #15 item 1 (docs/decisions/0017): evidence with one mapping accepted (and signed) and
// another referred back could not be fixed. Revising it makes a new version that carries the
// referred mapping and the same files; the accepted mapping and the signed decision stay on the
// old version, whose files are untouched, so the decision still verifies.

const state = useMigratedDb();
const password = "demo-password-2026";
let cara: SessionActor;
let asha: SessionActor;
let dev: SessionActor;
let rhys: SessionActor;
let enrolments: { cu782: string; cs34: string };
let root: string;
let store: LocalDiskStorage;

const pdf = (text: string) => Readable.from([Buffer.from(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n${text}\n`, "latin1")]);

async function criterionId(enrolmentId: string, ref: string) {
  const { unitVersionId } = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return (await state.db.criterion.findFirstOrThrow({ where: { unitVersionId, ref } })).id;
}

function upload(db: Db, actor: SessionActor, evidenceId: string, fileName: string) {
  return receiveUpload({
    db,
    actor,
    evidenceId,
    fileName,
    body: pdf(fileName),
    maxBytes: 1e6,
    quotaBytes: 1e7,
    storage: store,
  });
}

/**
 * Cara's evidence with a file, mapped to CU782 `cuRef` and CS34 `csRef`, submitted; Asha accepts
 * the CU782 mapping and refers the CS34 one back, so the evidence is back with Cara.
 */
async function partlyAccepted(title: string, cuRef: string, csRef: string) {
  const centreId = (await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolments.cu782 } })).centreId;
  const { id } = await createEvidence(state.db, cara, centreId, {
    ...emptyEvidenceFormValues,
    title,
    method: "product",
    activityDate: "2026-03-02",
    description: "The briefing notes I wrote for the team.",
  });
  const file = await upload(state.db, cara, id, "briefing.pdf");
  const accepted = await proposeMapping(state.db, cara, {
    evidenceId: id,
    enrolmentId: enrolments.cu782,
    criterionId: await criterionId(enrolments.cu782, cuRef),
  });
  const referred = await proposeMapping(state.db, cara, {
    evidenceId: id,
    enrolmentId: enrolments.cs34,
    criterionId: await criterionId(enrolments.cs34, csRef),
  });
  await submitEvidence(state.db, cara, { evidenceId: id, declarationConfirmed: true });
  await reviewMapping(state.db, asha, { mappingId: accepted.mappingId, decision: "accept" });
  await reviewMapping(state.db, asha, {
    mappingId: referred.mappingId,
    decision: "reject",
    feedback: "Add the standards and procedures you communicated.",
  });
  return { id, fileId: file.id, acceptedMappingId: accepted.mappingId, referredMappingId: referred.mappingId };
}

/** Every table a revision writes, counted, to show a refused or failed one wrote nothing. */
async function footprint() {
  return {
    evidence: await state.db.evidence.count(),
    files: await state.db.evidenceFile.count(),
    audit: await state.db.auditEvent.count(),
    mappings: (await state.db.mapping.findMany({ select: { id: true, evidenceId: true }, orderBy: { id: "asc" } }))
      .map((m) => `${m.id}:${m.evidenceId}`)
      .join(","),
  };
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-evidence-revision-"));
  store = new LocalDiskStorage(root);
  cara = await actorByEmail(state.db, "candidate@northgate.example");
  asha = await actorByEmail(state.db, "assessor@northgate.example");
  dev = await actorByEmail(state.db, "candidate2@northgate.example");
  rhys = await actorByEmail(state.db, "candidate@riverside.example");
  const enrolmentOf = async (code: string) =>
    (
      await state.db.enrolment.findFirstOrThrow({
        where: { candidateId: cara.userId, unitVersion: { unit: { code } } },
      })
    ).id;
  enrolments = { cu782: await enrolmentOf("CU782"), cs34: await enrolmentOf("CS34") };
}, 60_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("evidence with one mapping accepted and another referred back", () => {
  it("is offered a revision, not a dead end: the page's answer says revise, in words that do not send the candidate back to the assessor", async () => {
    const { id } = await partlyAccepted("Briefing, offered a revision", "2.1", "2.1");
    expect(await getEvidence(state.db, cara, id)).toMatchObject({
      canEdit: false,
      canRevise: true,
      lockedBecause: lockedMessages.partlyAccepted,
    });
    // The assessor reads it, but may not revise it.
    expect(await getEvidence(state.db, asha, id)).toMatchObject({ canRevise: false });
  });

  it("revises into a new version that carries the referred mapping and the files; the accepted mapping and its signed decision stay, and the decision still verifies after the candidate adds a file and resubmits", async () => {
    const { id, fileId, acceptedMappingId, referredMappingId } = await partlyAccepted(
      "Briefing to revise",
      "2.4",
      "2.5",
    );
    const decision = await decideCriterion(state.db, asha, {
      enrolmentId: enrolments.cu782,
      criterionId: await criterionId(enrolments.cu782, "2.4"),
      outcome: "MET",
      password,
    });
    expect((await verifyDecisionSignature(state.db, decision.id)).valid).toBe(true);
    const original = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });

    const revised = await reviseEvidence(state.db, cara, id);
    expect(revised).toMatchObject({ version: 2, revisionOfId: id, movedMappingIds: [referredMappingId] });

    // The mappings: the referred one moved with its range items and reviews; the accepted one stayed.
    expect(await state.db.mapping.findUniqueOrThrow({ where: { id: referredMappingId } })).toMatchObject({
      evidenceId: revised.id,
      status: "REJECTED",
    });
    expect(await state.db.mapping.findUniqueOrThrow({ where: { id: acceptedMappingId } })).toMatchObject({
      evidenceId: id,
      status: "ACCEPTED",
    });
    // The files: the same stored object and hash, by reference; the old version's row untouched.
    const copies = await state.db.evidenceFile.findMany({ where: { evidenceId: revised.id } });
    expect(copies).toEqual([
      expect.objectContaining({
        storageKey: original.storageKey,
        sha256: original.sha256,
        originalName: "briefing.pdf",
        copiedFromId: original.id,
      }),
    ]);
    expect(await state.db.evidenceFile.findMany({ where: { evidenceId: id } })).toEqual([original]);

    // The pages: the old version is read-only for good and points at the new one; the new one is Cara's to change.
    const oldDetail = await getEvidence(state.db, cara, id);
    expect(oldDetail).toMatchObject({
      canEdit: false,
      canRevise: false,
      canDelete: false,
      revisedAs: { id: revised.id, version: 2 },
      lockedBecause: supersededMessage(1, 2),
    });
    expect(oldDetail.statusText).toBe("Version 1, revised as version 2. Mappings: 1 accepted");
    expect(await getEvidence(state.db, cara, revised.id)).toMatchObject({
      canEdit: true,
      canRevise: false,
      // Its moved mapping carries reviews: it stays on the record.
      canDelete: false,
      version: 2,
      revisionOf: { id, version: 1 },
      title: "Briefing to revise",
    });
    expect(
      (await listEvidenceVersions(state.db, asha, revised.id)).map((v) => [v.id, v.version, v.latest, v.readable]),
    ).toEqual([
      [id, 1, false, true],
      [revised.id, 2, true, true],
    ]);
    // The referred mapping's round-1 review shows in the new version's history.
    const history = await getReviewHistory(state.db, cara, revised.id);
    expect(history.mappings.map((m) => [m.criterionRef, m.status, m.reviews.map((r) => r.status)])).toEqual([
      ["2.5", "REJECTED", ["REJECTED"]],
    ]);

    // The revision is audited, in its transaction, with what moved and what stayed.
    const event = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "evidence.revise", entityId: revised.id },
    });
    expect(event).toMatchObject({ actorId: cara.userId });
    expect(event.before).toMatchObject({
      evidenceId: id,
      keptMappings: [{ id: acceptedMappingId, status: "ACCEPTED" }],
    });
    expect(event.after).toMatchObject({
      revisionOfId: id,
      version: 2,
      movedMappings: [{ id: referredMappingId, status: "REJECTED" }],
    });

    // Cara changes the new version: details, a file added, the carried-over copy removed (its object stays: version 1 uses it).
    await updateEvidence(state.db, cara, revised.id, {
      ...emptyEvidenceFormValues,
      title: "Briefing to revise",
      method: "product",
      activityDate: "2026-03-02",
      description: "The briefing notes, with the standards and procedures I communicated.",
    });
    await upload(state.db, cara, revised.id, "procedures.pdf");
    await deleteEvidenceFile({ db: state.db, actor: cara, fileId: copies[0]?.id ?? "", storage: store });
    expect(await store.stat(original.storageKey)).toBeTruthy();
    await submitEvidence(state.db, cara, { evidenceId: revised.id, declarationConfirmed: true });
    expect(await state.db.mapping.findUniqueOrThrow({ where: { id: referredMappingId } })).toMatchObject({
      status: "SUBMITTED",
    });
    const review = await getEvidenceReview(state.db, asha, revised.id);
    expect(review.units.flatMap((u) => u.mappings.map((m) => [m.criterion.ref, m.status]))).toEqual([
      ["2.5", "SUBMITTED"],
    ]);

    // The decision still verifies: it rests on version 1 and its files, which nothing changed.
    expect(await verifyDecisionSignature(state.db, decision.id)).toMatchObject({ valid: true });

    // Version 1 refuses every change, in the words its page shows (409 on the routes).
    const reason = supersededMessage(1, 2);
    const cs34Criterion = await criterionId(enrolments.cs34, "2.1");
    for (const attempt of [
      () => upload(state.db, cara, id, "late.pdf"),
      () => deleteEvidenceFile({ db: state.db, actor: cara, fileId: original.id, storage: store }),
      () =>
        updateEvidence(state.db, cara, id, {
          ...emptyEvidenceFormValues,
          title: "Changed",
          method: "product",
          activityDate: "2026-03-02",
          description: "Changed.",
        }),
      () => reviseEvidence(state.db, cara, id),
      () =>
        proposeMapping(state.db, cara, { evidenceId: id, enrolmentId: enrolments.cs34, criterionId: cs34Criterion }),
    ]) {
      const error = await rejection(attempt());
      expect(uploadErrorResponse(error)).toEqual({ status: 409, message: reason });
    }
    expect(await state.db.evidenceFile.findMany({ where: { evidenceId: id } })).toEqual([original]);
  });

  it("counts a file shared by two versions once against the candidate's storage allowance", async () => {
    const { id } = await partlyAccepted("Briefing, allowance", "2.2", "2.2");
    const before = await state.db.evidenceFile.findMany({ where: { evidence: { candidateId: cara.userId } } });
    const used = before.reduce((sum, f) => sum + Number(f.size), 0);
    const revised = await reviseEvidence(state.db, cara, id);
    // An allowance of exactly what was used before the revision, plus one more small file: it fits
    // only if the copy is not counted again.
    const extra = Buffer.byteLength("%PDF-1.4\n%\xe2\xe3\xcf\xd3\nmore.pdf\n", "latin1");
    await receiveUpload({
      db: state.db,
      actor: cara,
      evidenceId: revised.id,
      fileName: "more.pdf",
      body: pdf("more.pdf"),
      maxBytes: 1e6,
      quotaBytes: used + extra,
      storage: store,
    });
  });
});

describe("refusals: nothing is written", () => {
  it("a candidate cannot revise someone else's evidence, at their centre or another", async () => {
    const { id } = await partlyAccepted("Briefing, not theirs", "2.3", "2.3");
    const before = await footprint();
    for (const attacker of [dev, rhys, asha]) {
      expect(await rejection(reviseEvidence(state.db, attacker, id))).toBeInstanceOf(ForbiddenError);
    }
    expect(await footprint()).toEqual(before);
  });

  it("evidence with nothing referred back, or still waiting for review, or a draft, cannot be revised, and says why", async () => {
    const centreId = (await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolments.cu782 } })).centreId;
    const draft = await createEvidence(state.db, cara, centreId, {
      ...emptyEvidenceFormValues,
      title: "A draft",
      method: "product",
      activityDate: "2026-03-02",
      description: "Notes.",
    });
    const acceptedOnly = await createEvidence(state.db, cara, centreId, {
      ...emptyEvidenceFormValues,
      title: "Accepted only",
      method: "product",
      activityDate: "2026-03-02",
      description: "Notes.",
    });
    const mapping = await proposeMapping(state.db, cara, {
      evidenceId: acceptedOnly.id,
      enrolmentId: enrolments.cu782,
      criterionId: await criterionId(enrolments.cu782, "3.1"),
    });
    await submitEvidence(state.db, cara, { evidenceId: acceptedOnly.id, declarationConfirmed: true });
    const waiting = await partlyAccepted("Resubmitted unchanged", "3.2", "3.2");
    await submitEvidence(state.db, cara, { evidenceId: waiting.id, declarationConfirmed: true });

    /** Refused with `message`, and nothing written. */
    const refusedWith = async (evidenceId: string, message: string) => {
      const before = await footprint();
      const error = await rejection(reviseEvidence(state.db, cara, evidenceId));
      expect((error as AppError).userMessage).toBe(message);
      expect(await footprint()).toEqual(before);
    };
    // Submitted, waiting for review.
    await refusedWith(acceptedOnly.id, lockedMessages.nothingToRevise);
    await refusedWith(waiting.id, lockedMessages.nothingToRevise);
    // Accepted, nothing referred back.
    await reviewMapping(state.db, asha, { mappingId: mapping.mappingId, decision: "accept" });
    expect(await getEvidence(state.db, cara, acceptedOnly.id)).toMatchObject({ canRevise: false });
    await refusedWith(acceptedOnly.id, lockedMessages.nothingToRevise);
    // A draft is changed as it is.
    await refusedWith(draft.id, lockedMessages.noRevisionNeeded);
  });

  it("a revision that fails part-way leaves no new version, no file rows, no moved mapping and no audit event", async () => {
    const { id, referredMappingId } = await partlyAccepted("Briefing, failing revision", "3.3", "3.3");
    const before = await footprint();
    const error = await rejection(reviseEvidence(failingOnMappingMove(state.db), cara, id));
    expect(String(error)).toContain("disk full");
    expect(await footprint()).toEqual(before);
    expect(await state.db.mapping.findUniqueOrThrow({ where: { id: referredMappingId } })).toMatchObject({
      evidenceId: id,
    });
    // And it can be revised once the fault is gone.
    expect((await reviseEvidence(state.db, cara, id)).version).toBe(2);
  });
});

/** The real database, except that moving mappings inside a transaction fails (as a full disk would). */
function failingOnMappingMove(db: Db): Db {
  const bound = <T extends object>(target: T, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  const mappingThatFails = (mapping: Db["mapping"]) =>
    new Proxy(mapping, {
      get: (target, prop) =>
        prop === "updateMany" ? () => Promise.reject(new Error("disk full")) : bound(target, prop),
    });
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== "$transaction") return bound(target, prop);
      return (fn: (tx: unknown) => Promise<unknown>) =>
        target.$transaction((tx) =>
          fn(new Proxy(tx, { get: (t, p) => (p === "mapping" ? mappingThatFails(t.mapping) : bound(t, p)) })),
        );
    },
  });
}
