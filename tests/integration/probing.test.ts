import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionActor } from "@/lib/auth/actor";
import { getEnrolmentAssessment } from "@/lib/assessment/get-enrolment-assessment";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import { orNotFound } from "@/lib/authz/hidden-or-missing";
import { seedDemo } from "@/lib/demo/seed";
import { getEnrolment } from "@/lib/enrolments/get-enrolment";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { deleteEvidenceFile, receiveUpload, uploadErrorResponse } from "@/lib/evidence/receive-upload";
import { getPerson } from "@/lib/people/get-person";
import { getGapView } from "@/lib/portfolio/gap-view";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Someone who may not see a record named by an id must get exactly the answer a made-up id
// gets: otherwise anyone signed in could try ids and learn which exist. Pages turn both into
// Next's 404 with orNotFound; the upload and file routes answer with uploadErrorResponse.

const state = useMigratedDb();

type Ids = { caraId: string; enrolmentId: string; evidenceId: string; fileId: string };
let ids: Ids;
let rosa: SessionActor; // centre admin at Riverside: sees nothing of Northgate
let dev: SessionActor; // another Northgate candidate
let cara: SessionActor; // the owner

/** An id of the same shape (a cuid) that names nothing. */
function madeUp(id: string): string {
  return `${id.slice(0, 1)}${"0".repeat(id.length - 1)}`;
}

beforeAll(async () => {
  const db = state.db;
  expect((await importStandards(db)).errors).toEqual([]);
  await seedDemo(db);
  rosa = await actorByEmail(db, "admin@riverside.example");
  dev = await actorByEmail(db, "candidate2@northgate.example");
  cara = await actorByEmail(db, "candidate@northgate.example");
  const enrolment = await db.enrolment.findFirstOrThrow({
    where: { candidateId: cara.userId },
    select: { id: true, centreId: true },
  });
  const evidence = await db.evidence.create({
    data: {
      centreId: enrolment.centreId,
      candidateId: cara.userId,
      title: "Rota I planned",
      method: "product",
      activityDate: new Date("2026-03-01"),
      description: "The weekly rota.",
    },
  });
  const file = await db.evidenceFile.create({
    data: {
      evidenceId: evidence.id,
      storageKey: "probing/rota.png",
      originalName: "rota.png",
      size: 68n,
      sha256: "0".repeat(64),
      mimeType: "image/png",
    },
  });
  ids = { caraId: cara.userId, enrolmentId: enrolment.id, evidenceId: evidence.id, fileId: file.id };
});

/** What a page shows for `id`: the record, or what orNotFound threw (Next's 404). */
async function pageAnswer(load: (id: string) => Promise<unknown>, id: string) {
  const error = await rejection(orNotFound(load(id)));
  const { message, digest } = error as { message: string; digest?: string };
  return { message, digest };
}

describe("pages named by an id answer a record the viewer may not see exactly as a missing one", () => {
  const notFound = { message: "NEXT_HTTP_ERROR_FALLBACK;404", digest: "NEXT_HTTP_ERROR_FALLBACK;404" };
  const pages: {
    name: string;
    who: () => SessionActor;
    id: (ids: Ids) => string;
    load: (actor: SessionActor, id: string) => Promise<unknown>;
  }[] = [
    {
      name: "admin enrolment",
      who: () => rosa,
      id: (i) => i.enrolmentId,
      load: (a, id) => getEnrolment(state.db, a, id),
    },
    { name: "admin person", who: () => rosa, id: (i) => i.caraId, load: (a, id) => getPerson(state.db, a, id) },
    {
      name: "assessment record",
      who: () => rosa,
      id: (i) => i.enrolmentId,
      load: (a, id) => getEnrolmentAssessment(state.db, a, id),
    },
    {
      name: "evidence review",
      who: () => rosa,
      id: (i) => i.evidenceId,
      load: (a, id) => getEvidenceReview(state.db, a, id),
    },
    {
      name: "unit progress (other centre)",
      who: () => rosa,
      id: (i) => i.enrolmentId,
      load: (a, id) => getGapView(state.db, a, id),
    },
    {
      name: "unit progress (other candidate)",
      who: () => dev,
      id: (i) => i.enrolmentId,
      load: (a, id) => getGapView(state.db, a, id),
    },
    {
      name: "candidate's evidence (other candidate)",
      who: () => dev,
      id: (i) => i.evidenceId,
      load: (a, id) => getEvidence(state.db, a, id),
    },
  ];

  for (const page of pages) {
    it(`${page.name}: 404 for a real id and a made-up one alike`, async () => {
      const real = page.id(ids);
      const load = (id: string) => page.load(page.who(), id);
      expect(await pageAnswer(load, real)).toEqual(notFound);
      expect(await pageAnswer(load, madeUp(real))).toEqual(notFound);
    });
  }

  it("still shows the record to someone who may see it", async () => {
    const evidence = await orNotFound(getEvidence(state.db, cara, ids.evidenceId));
    expect(evidence.title).toBe("Rota I planned");
    const gap = await orNotFound(getGapView(state.db, cara, ids.enrolmentId));
    expect(gap.enrolment.id).toBe(ids.enrolmentId);
  });
});

describe("the upload and file routes answer another's id and a made-up id with the same status and message", () => {
  const storage = new LocalDiskStorage("/nonexistent/probing-never-written");

  /** The status and message the route would send, from what the operation threw. */
  async function routeAnswer(operation: Promise<unknown>) {
    return uploadErrorResponse(await rejection(operation));
  }

  function upload(actor: SessionActor, evidenceId: string) {
    return receiveUpload({
      db: state.db,
      actor,
      evidenceId,
      fileName: "rota.png",
      body: Readable.from([Buffer.from("x")]),
      maxBytes: 1024,
      quotaBytes: 4096,
      storage,
    });
  }

  for (const [who, actor] of [
    ["an admin of another centre", () => rosa],
    ["another candidate of the same centre", () => dev],
  ] as const) {
    it(`adding a file to evidence, for ${who}`, async () => {
      const foreign = await routeAnswer(upload(actor(), ids.evidenceId));
      expect(foreign.status).toBe(404);
      expect(foreign).toEqual(await routeAnswer(upload(actor(), madeUp(ids.evidenceId))));
    });

    it(`removing a file, for ${who}`, async () => {
      const foreign = await routeAnswer(
        deleteEvidenceFile({ db: state.db, actor: actor(), fileId: ids.fileId, storage }),
      );
      expect(foreign.status).toBe(404);
      expect(foreign).toEqual(
        await routeAnswer(deleteEvidenceFile({ db: state.db, actor: actor(), fileId: madeUp(ids.fileId), storage })),
      );
      expect(await state.db.evidenceFile.count({ where: { id: ids.fileId } })).toBe(1);
    });
  }
});
