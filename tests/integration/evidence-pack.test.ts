import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { NotFoundError } from "@/lib/errors";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { openPack } from "@/lib/packs/build";
import type { Manifest } from "@/lib/packs/manifest";
import type { PackRequest } from "@/lib/packs/scope";
import { verifyPack } from "@/lib/packs/verify";
import { createVisit } from "@/lib/qa/visits";
import { findCaseItem } from "@/lib/standards/case/store";
import { importStandards } from "@/lib/standards/import";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import type { SessionActor } from "@/lib/auth/actor";
import { rejection } from "../helpers/actors";
import { demoPeople, enrolmentOf, evidenceWithFiles, pdfBytes, criterionIdOf } from "../helpers/qa-visit-fixture";
import { useMigratedDb } from "../helpers/test-db";

// An EQA visit's evidence pack (lib/packs): a ZIP with every file the EQA may see (submitted
// evidence only, never a draft), index.pdf and manifest.json with each file's SHA-256, the CASE
// identifiers of the criteria, and each decision's signature facts. A file missing from storage
// does not stop the pack; it is named. `npm run pack:verify` passes on the pack and names the
// file when one byte inside it is changed. Refusals (another centre, outside the visit's days,
// an EQA asking for a portfolio's own pack) write nothing.

const state = useMigratedDb();
const now = new Date();
const password = "demo-password-2026";
let people: Awaited<ReturnType<typeof demoPeople>>;
let root: string;
let store: LocalDiskStorage;
let work: string;
let visitId = "";
let enrolments: { cs34: string; cu782: string; dev: string };
const bytes = {
  briefing: pdfBytes("Briefing notes for the team, March"),
  rota: pdfBytes("The weekly rota"),
  lost: pdfBytes("Lost file"),
};
let signed: { evidenceId: string; decisionId: string; briefingFileId: string };
let missingFileId = "";
let draftEvidenceId = "";

const sha = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

async function buildPack(actor: SessionActor, request: PackRequest, file: string, at = now) {
  const pack = await openPack(state.db, actor, request, { store, now: at });
  await Promise.all([pipeline(pack.stream, fs.createWriteStream(file)), pack.finished]);
  return pack;
}

/** Every entry of a ZIP, read whole (the test packs are small). */
async function entriesOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return entries;
}

async function footprint() {
  return { audit: await state.db.auditEvent.count(), notifications: await state.db.notification.count() };
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  people = await demoPeople(state.db);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-pack-store-"));
  work = fs.mkdtempSync(path.join(os.tmpdir(), "cp-pack-"));
  store = new LocalDiskStorage(root);
  const { cara, asha, nadia, evan, dev } = people;
  enrolments = {
    cs34: await enrolmentOf(state.db, cara, "CS34"),
    cu782: await enrolmentOf(state.db, cara, "CU782"),
    dev: await enrolmentOf(state.db, dev, "INSCS042"),
  };
  // Signed: two files, accepted for CU782 1.1 and signed as met.
  const briefing = await evidenceWithFiles(state.db, store, cara, {
    title: "Team briefing",
    files: [
      { name: "Briefing – équipe.pdf", bytes: bytes.briefing },
      { name: "rota.pdf", bytes: bytes.rota },
    ],
    claims: [[enrolments.cu782, "1.1"]],
  });
  await reviewMapping(state.db, asha, { mappingId: briefing.mappingIds[0]!, decision: "accept" });
  const decision = await decideCriterion(state.db, asha, {
    enrolmentId: enrolments.cu782,
    criterionId: await criterionIdOf(state.db, enrolments.cu782, "1.1"),
    outcome: "MET",
    password,
  });
  signed = { evidenceId: briefing.id, decisionId: decision.id, briefingFileId: briefing.files[0]!.id };
  // Submitted to CS34, then its stored object is lost.
  const lost = await evidenceWithFiles(state.db, store, cara, {
    title: "Monitoring log",
    files: [{ name: "log.pdf", bytes: bytes.lost }],
    claims: [[enrolments.cs34, "3.5"]],
  });
  missingFileId = lost.files[0]!.id;
  const { storageKey } = await state.db.evidenceFile.findUniqueOrThrow({ where: { id: missingFileId } });
  await store.delete(storageKey);
  // A draft: Cara's business, never an EQA's.
  draftEvidenceId = (
    await evidenceWithFiles(state.db, store, cara, {
      title: "Draft notes",
      files: [{ name: "draft.pdf", bytes: pdfBytes("draft") }],
      claims: [[enrolments.cs34, "3.6"]],
      draft: true,
    })
  ).id;
  const timeZone = (await state.db.centre.findFirstOrThrow({ where: { slug: "northgate" } })).timeZone;
  const today = calendarDateIn(now, timeZone);
  visitId = (
    await createVisit(
      state.db,
      nadia,
      {
        centreId: nadia.memberships[0]!.centreId,
        eqaUserId: evan.userId,
        title: "Spring sampling visit",
        firstDay: today,
        lastDay: addDays(today, 1),
        scopeKind: "units",
        unitCodes: ["CU782", "CS34"],
      },
      now,
    )
  ).id;
}, 120_000);

afterAll(() => {
  for (const dir of [root, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a visit's evidence pack", () => {
  let zipFile = "";
  let manifest: Manifest;
  let entries: Map<string, Buffer>;

  beforeAll(async () => {
    zipFile = path.join(work, "visit.zip");
    const before = await state.db.auditEvent.count();
    const pack = await buildPack(people.evan, { kind: "visit", id: visitId }, zipFile);
    entries = await entriesOf(zipFile);
    manifest = JSON.parse(entries.get("manifest.json")!.toString("utf8")) as Manifest;
    expect(manifest.packId).toBe(pack.packId);
    // The download is audited once: who, and what scope.
    expect(await state.db.auditEvent.count()).toBe(before + 1);
    const event = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "pack.download" },
      orderBy: { at: "desc" },
    });
    expect(event).toMatchObject({ actorId: people.evan.userId, entityType: "EqaVisit", entityId: visitId });
    expect(event.after).toMatchObject({ packId: pack.packId, scope: "visit", sight: "submitted" });
  }, 60_000);

  it("holds each submitted file under files/<candidate>/<evidence>/ with the SHA-256 the manifest gives, and index.pdf", () => {
    const evidenceFiles = manifest.files.filter((f) => f.role === "evidence");
    expect(evidenceFiles.map((f) => f.path).sort()).toEqual(
      [
        expect.stringMatching(new RegExp(`^files/cara_jones-[^/]+/${signed.evidenceId}/Briefing_equipe\\.pdf$`)),
        expect.stringMatching(new RegExp(`^files/cara_jones-[^/]+/${signed.evidenceId}/rota\\.pdf$`)),
      ].sort(),
    );
    for (const file of manifest.files) {
      const data = entries.get(file.path);
      expect(data, file.path).toBeDefined();
      expect(sha(data!)).toBe(file.sha256);
      expect(data!.length).toBe(file.size);
    }
    const briefing = evidenceFiles.find((f) => f.fileId === signed.briefingFileId)!;
    expect(entries.get(briefing.path)!.equals(bytes.briefing)).toBe(true);
    expect(entries.get("index.pdf")!.subarray(0, 5).toString()).toBe("%PDF-");
    expect([...entries.keys()].sort()).toEqual([...manifest.files.map((f) => f.path), "manifest.json"].sort());
  });

  it("names a file missing from storage, and leaves drafts and other units' evidence out", async () => {
    expect(manifest.missing).toEqual([expect.objectContaining({ fileId: missingFileId, name: "log.pdf" })]);
    const lost = manifest.evidence.flatMap((e) => e.files).find((f) => f.id === missingFileId);
    expect(lost).toMatchObject({ missing: true, path: null, recordedSha256: sha(bytes.lost) });
    expect(manifest.evidence.map((e) => e.id)).not.toContain(draftEvidenceId);
    // The visit's scope is every Northgate enrolment on CS34 and CU782 (Cara's, and the demo's others).
    const inScope = await state.db.enrolment.findMany({
      where: { centre: { slug: "northgate" }, unitVersion: { unit: { code: { in: ["CS34", "CU782"] } } } },
      select: { id: true },
    });
    expect(manifest.enrolments.map((e) => e.id)).toEqual(expect.arrayContaining([enrolments.cs34, enrolments.cu782]));
    expect(manifest.enrolments.map((e) => e.id).sort()).toEqual(inScope.map((e) => e.id).sort());
    expect(manifest.scope).toMatchObject({ kind: "visit", id: visitId, sight: "submitted" });
  });

  it("gives each unit's version and the CASE identifier of every criterion, as the CASE endpoints serve them", async () => {
    const cu782 = manifest.enrolments.find((e) => e.id === enrolments.cu782)!;
    expect(cu782.unit).toMatchObject({ code: "CU782", version: 1 });
    expect(cu782.criteria.length).toBeGreaterThan(10);
    const oneOne = cu782.criteria.find((c) => c.ref === "1.1")!;
    expect(oneOne.status).toBe("met");
    const item = await findCaseItem(state.db, oneOne.caseIdentifier, "http://localhost");
    expect(item).toMatchObject({
      identifier: oneOne.caseIdentifier,
      humanCodingScheme: expect.stringContaining("1.1"),
    });
  });

  it("carries each decision with its signer, time and signature facts, and whether it verifies", () => {
    const decisions = manifest.enrolments.flatMap((e) => e.decisions);
    expect(decisions).toEqual([
      expect.objectContaining({
        id: signed.decisionId,
        criterionRef: "1.1",
        outcome: "MET",
        signedBy: { id: people.asha.userId, name: "Asha Patel" },
        standing: true,
        signatureVerifies: true,
      }),
    ]);
    expect(decisions[0]!.signed.evidenceSnapshot[0]!.files.map((f) => f.sha256).sort()).toEqual(
      [sha(bytes.briefing), sha(bytes.rota)].sort(),
    );
  });

  it("passes pack:verify, which names the file once one byte inside it is changed", async () => {
    const check = await verifyPack(zipFile);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.summary).toMatch(/^OK: 3 files .* 1 decision signature \(1 verifying\)/);
    expect(check.notes.join("\n")).toContain("log.pdf");

    const zip = fs.readFileSync(zipFile);
    const at = zip.indexOf(bytes.rota);
    expect(at).toBeGreaterThan(0);
    zip[at + 12] = zip[at + 12]! ^ 0x01;
    const tampered = path.join(work, "tampered.zip");
    fs.writeFileSync(tampered, zip);
    const rotaPath = manifest.files.find((f) => f.path.endsWith("/rota.pdf"))!.path;
    const failed = await verifyPack(tampered);
    expect(failed.ok).toBe(false);
    expect(failed.problems.join("\n")).toContain(`${rotaPath}: its SHA-256 is`);
    // The decision was signed over the original bytes: that is named too.
    expect(failed.problems.join("\n")).toContain(`${rotaPath}: is not the file decision ${signed.decisionId}`);

    // The script itself, once each way.
    const run = promisify(execFile);
    const ok = await run("npx", ["tsx", "scripts/pack-verify.ts", zipFile], { cwd: process.cwd() });
    expect(ok.stdout.trim()).toMatch(/^OK: /);
    const bad = await run("npx", ["tsx", "scripts/pack-verify.ts", tampered], { cwd: process.cwd() }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(bad?.code).toBe(1);
    expect(bad?.stderr).toContain(rotaPath);
  }, 60_000);

  it("fails pack:verify naming a file taken out of the manifest's list or added to the pack", async () => {
    const edited = { ...manifest, files: manifest.files.filter((f) => !f.path.endsWith("/rota.pdf")) };
    const file = path.join(work, "extra.zip");
    const { ZipArchive } = await import("archiver");
    const archive = new ZipArchive({ store: true });
    const written = pipeline(archive, fs.createWriteStream(file));
    for (const [name, data] of entries) {
      archive.append(name === "manifest.json" ? Buffer.from(JSON.stringify(edited)) : data, { name });
    }
    await archive.finalize();
    await written;
    const check = await verifyPack(file);
    expect(check.ok).toBe(false);
    expect(check.problems.join("\n")).toMatch(/rota\.pdf: is in the pack but not in the manifest/);
  });
});

describe("refused packs", () => {
  it("answer as missing to another centre and to people with no part in the visit, and write nothing", async () => {
    const before = await footprint();
    for (const actor of [people.rosa, people.dev, people.asha]) {
      expect(await rejection(openPack(state.db, actor, { kind: "visit", id: visitId }, { store }))).toBeInstanceOf(
        NotFoundError,
      );
    }
    expect(
      await rejection(openPack(state.db, people.rosa, { kind: "enrolment", id: enrolments.cs34 }, { store })),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(openPack(state.db, people.evan, { kind: "enrolment", id: enrolments.dev }, { store })),
    ).toBeInstanceOf(NotFoundError);
    expect(
      await rejection(openPack(state.db, people.evan, { kind: "visit", id: "no-such-visit" }, { store })),
    ).toBeInstanceOf(NotFoundError);
    expect(await footprint()).toEqual(before);
  });

  it("refuse the visit's own EQA once its days are over, its admin (who reads the portfolios themselves), and an EQA asking for one portfolio's pack; nothing is written", async () => {
    const before = await footprint();
    const later = new Date(now.getTime() + 3 * 86_400_000);
    expect(
      await rejection(openPack(state.db, people.evan, { kind: "visit", id: visitId }, { store, now: later })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(openPack(state.db, people.nadia, { kind: "visit", id: visitId }, { store }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      await rejection(openPack(state.db, people.evan, { kind: "enrolment", id: enrolments.cs34 }, { store })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await footprint()).toEqual(before);
  });
});

describe("a portfolio's own pack and a sampling plan's pack", () => {
  it("gives the candidate their whole portfolio at any time, drafts included", async () => {
    const file = path.join(work, "own.zip");
    await buildPack(
      people.cara,
      { kind: "enrolment", id: enrolments.cs34 },
      file,
      new Date(now.getTime() + 400 * 86_400_000),
    );
    const manifest = JSON.parse((await entriesOf(file)).get("manifest.json")!.toString()) as Manifest;
    expect(manifest.scope).toMatchObject({ kind: "enrolment", sight: "whole" });
    expect(manifest.evidence.map((e) => e.id)).toContain(draftEvidenceId);
    expect((await verifyPack(file)).ok).toBe(true);
  });

  it("gives a plan's IQA the enrolments of its items, and refuses an assessor", async () => {
    const centreId = people.nadia.memberships[0]!.centreId;
    const plan = await state.db.samplingPlan.create({
      data: {
        centreId,
        iqaId: people.iris.userId,
        title: "Spring plan",
        periodStart: now,
        periodEnd: new Date(now.getTime() + 30 * 86_400_000),
        seed: 1,
        items: {
          create: {
            decisionId: signed.decisionId,
            enrolmentId: enrolments.cu782,
            assessorId: people.asha.userId,
            unitCode: "CU782",
            method: "product",
            stage: "interim",
            dueDate: now,
          },
        },
      },
    });
    const file = path.join(work, "plan.zip");
    await buildPack(people.iris, { kind: "samplingPlan", id: plan.id }, file);
    const manifest = JSON.parse((await entriesOf(file)).get("manifest.json")!.toString()) as Manifest;
    expect(manifest.enrolments.map((e) => e.id)).toEqual([enrolments.cu782]);
    expect((await verifyPack(file)).ok).toBe(true);
    expect(
      await rejection(openPack(state.db, people.asha, { kind: "samplingPlan", id: plan.id }, { store })),
    ).toBeInstanceOf(NotFoundError);
  });
});
