import crypto from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import { ZipArchive } from "archiver";
import { recordAudit } from "../audit";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { calendarDateIn } from "../format/date";
import { hashingStream } from "../ops/backup/files";
import { visitDays } from "../qa/visits";
import type { StorageProvider } from "../storage/storage-provider";
import type { PackContents, PackEvidence } from "./contents";
import { loadPackContents } from "./contents";
import { writeIndexPdf } from "./index-pdf";
import {
  INDEX_PATH,
  MANIFEST_PATH,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  signatureAlgorithmText,
  type Manifest,
  type ManifestEvidence,
  type ManifestEvidenceFile,
  type ManifestFile,
} from "./manifest";
import { evidenceFilePaths, safePart } from "./paths";
import { resolvePackScope, type PackRequest, type PackScope } from "./scope";

// An evidence pack: a ZIP streamed to its reader, holding the evidence files under
// files/<candidate>/<evidence id>/<name>, then index.pdf and manifest.json (./manifest.ts).
//
// Constant memory whatever the files weigh: files go into the archive one at a time, each read
// from storage as a stream through a SHA-256 transform, and the next is only opened once the
// archive has taken the last; archiver's output is the response body, so a slow reader slows the
// reading of the file (backpressure), and nothing is ever held whole. Entries are stored, not
// deflated: evidence is mostly photos, audio, video and PDFs that do not shrink, and storing
// keeps the CPU at the disk's pace (the bench compares with `zip -0`). Only the metadata (the
// manifest, the criteria and decisions of the pack's enrolments) is held in memory, and it grows
// with the number of records, not with file sizes.
//
// A file missing from storage does not stop the pack: it is left out and named as missing in the
// manifest and the index. The download is audited once authorized, before the first byte; a
// refusal (./scope.ts) writes nothing.

export type PackOutcome = { packId: string; files: number; bytes: number; missing: number };

export type OpenedPack = {
  packId: string;
  fileName: string;
  /** The ZIP's bytes; pipe it to the response or a file. */
  stream: Readable;
  /** Settles when the whole ZIP has been written into `stream` (rejects if it could not be). */
  finished: Promise<PackOutcome>;
};

export type OpenPackOptions = { now?: Date; store: StorageProvider };

const entityTypes = { visit: "EqaVisit", samplingPlan: "SamplingPlan", enrolment: "Enrolment" } as const;

/**
 * Authorizes the pack (./scope.ts: NotFoundError or ForbiddenError, and nothing written), reads
 * what it says, audits the download and starts streaming the ZIP.
 */
export async function openPack(
  db: Db,
  actor: Actor,
  request: PackRequest,
  options: OpenPackOptions,
): Promise<OpenedPack> {
  const now = options.now ?? new Date();
  const scope = await resolvePackScope(db, actor, request, now);
  const contents = await loadPackContents(db, scope);
  const creator = await db.user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true } });
  const packId = crypto.randomUUID();
  const files = [...contents.evidence.values()].reduce((n, e) => n + e.files.length, 0);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.userId,
      centreId: scope.centreId,
      action: "pack.download",
      entityType: entityTypes[scope.kind],
      entityId: scope.id,
      after: {
        packId,
        scope: scope.kind,
        sight: scope.sight,
        enrolmentIds: scope.enrolmentIds,
        evidence: contents.evidence.size,
        files,
      },
      at: now,
    }),
  );
  const archive = new ZipArchive({ store: true });
  // Failures reach the reader through `finished` (which destroys the stream with the error), not
  // as an 'error' event that would otherwise stop the process when no one listens at that moment.
  archive.on("error", () => {});
  const finished = writePack(archive, {
    packId,
    now,
    scope,
    contents,
    createdBy: creator ?? { id: actor.userId, name: "Unknown" },
    store: options.store,
  });
  finished.catch((error: unknown) => archive.destroy(error instanceof Error ? error : new Error(String(error))));
  const day = calendarDateIn(now, contents.centre.timeZone);
  return {
    packId,
    fileName: `evidence-pack-${safePart(scope.title, "pack", 60)}-${day}.zip`,
    stream: archive,
    finished,
  };
}

type PackFacts = {
  packId: string;
  now: Date;
  scope: PackScope;
  contents: PackContents;
  createdBy: { id: string; name: string };
  store: StorageProvider;
};

/**
 * Appends one entry and waits until the archive has taken all of it, so only one source is open
 * at a time. Rejects if the archive fails or is closed first (its reader went away).
 */
function appendEntry(archive: ZipArchive, source: Readable, name: string, date: Date): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      archive.off("entry", onEntry);
      archive.off("error", onError);
      archive.off("close", onClose);
    };
    const onEntry = (entry: { name: string }) => {
      if (entry.name !== name) return;
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      source.destroy();
      reject(error);
    };
    const onClose = () => onError(new Error("the evidence pack's reader went away before it was complete"));
    archive.on("entry", onEntry);
    archive.once("error", onError);
    archive.once("close", onClose);
    archive.append(source, { name, date, store: true });
  });
}

/** Streams `source` into the archive as `name` through a hash; returns its SHA-256 and size. */
async function hashedEntry(archive: ZipArchive, source: Readable, name: string, date: Date) {
  const hashed = hashingStream();
  source.once("error", (error) => hashed.stream.destroy(error));
  source.pipe(hashed.stream);
  await appendEntry(archive, hashed.stream, name, date);
  return hashed.digest();
}

/** The pack's evidence in the order it is written: by enrolment (candidate, unit), then by date. */
function evidenceInOrder(
  contents: PackContents,
): { evidence: PackEvidence; candidate: { id: string; name: string } }[] {
  const seen = new Set<string>();
  const ordered: { evidence: PackEvidence; candidate: { id: string; name: string } }[] = [];
  for (const enrolment of contents.enrolments) {
    for (const id of enrolment.evidenceIds) {
      const evidence = contents.evidence.get(id);
      if (!evidence || seen.has(id)) continue;
      seen.add(id);
      ordered.push({ evidence, candidate: enrolment.candidate });
    }
  }
  return ordered;
}

async function storedSize(store: StorageProvider, key: string): Promise<number | null> {
  try {
    return (await store.stat(key)).size;
  } catch {
    return null;
  }
}

/** Every evidence file into the archive, one at a time; what the manifest says of each. */
async function writeEvidenceFiles(archive: ZipArchive, facts: PackFacts) {
  const entries: ManifestFile[] = [];
  const byEvidence = new Map<string, ManifestEvidenceFile[]>();
  for (const { evidence, candidate } of evidenceInOrder(facts.contents)) {
    const paths = evidenceFilePaths(candidate, evidence.id, evidence.files);
    const listed: ManifestEvidenceFile[] = [];
    for (const file of evidence.files) {
      const base = {
        id: file.id,
        name: file.originalName,
        mimeType: file.mimeType,
        recordedSize: file.size,
        recordedSha256: file.sha256,
      };
      const path = paths.get(file.id) as string;
      if ((await storedSize(facts.store, file.storageKey)) === null) {
        listed.push({ ...base, path: null, missing: true, matchesRecord: null });
        continue;
      }
      const { sha256, size } = await hashedEntry(archive, facts.store.openRead(file.storageKey), path, file.createdAt);
      entries.push({ path, sha256, size, role: "evidence", evidenceId: evidence.id, fileId: file.id });
      listed.push({ ...base, path, missing: false, matchesRecord: sha256 === file.sha256 && size === file.size });
    }
    byEvidence.set(evidence.id, listed);
  }
  return { entries, byEvidence };
}

function scopeWords(scope: PackScope, timeZone: string): string {
  const kind = { visit: "EQA visit", samplingPlan: "IQA sampling plan", enrolment: "One portfolio" }[scope.kind];
  const days = scope.window ? `, ${visitDays(scope.window, timeZone)}` : "";
  const sight = scope.sight === "submitted" ? " Only evidence submitted for assessment is included." : "";
  return `${kind}${days}: ${scope.enrolmentIds.length} enrolment${scope.enrolmentIds.length === 1 ? "" : "s"}.${sight}`;
}

async function writePack(archive: ZipArchive, facts: PackFacts): Promise<PackOutcome> {
  const { entries, byEvidence } = await writeEvidenceFiles(archive, facts);
  const words = scopeWords(facts.scope, facts.contents.centre.timeZone);
  const pdf = new PassThrough();
  (
    writeIndexPdf({
      packId: facts.packId,
      createdAt: facts.now,
      createdBy: facts.createdBy.name,
      scopeTitle: facts.scope.title,
      scopeWords: words,
      contents: facts.contents,
      files: byEvidence,
    }) as Readable
  ).pipe(pdf);
  const index = await hashedEntry(archive, pdf, INDEX_PATH, facts.now);
  entries.push({ path: INDEX_PATH, ...index, role: "index" });
  const manifest = manifestOf(facts, entries, byEvidence);
  archive.append(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"), {
    name: MANIFEST_PATH,
    date: facts.now,
    store: true,
  });
  await archive.finalize();
  return {
    packId: facts.packId,
    files: entries.length - 1,
    bytes: archive.pointer(),
    missing: manifest.missing.length,
  };
}

function manifestEvidence(evidence: PackEvidence, files: ManifestEvidenceFile[]): ManifestEvidence {
  return {
    id: evidence.id,
    candidateId: evidence.candidateId,
    title: evidence.title,
    method: evidence.method,
    activityDate: evidence.activityDate.toISOString(),
    submittedAt: evidence.submittedAt?.toISOString() ?? null,
    version: evidence.version,
    files,
  };
}

function manifestOf(
  facts: PackFacts,
  files: ManifestFile[],
  byEvidence: Map<string, ManifestEvidenceFile[]>,
): Manifest {
  const { scope, contents } = facts;
  const evidence = evidenceInOrder(contents).map(({ evidence: e }) => manifestEvidence(e, byEvidence.get(e.id) ?? []));
  return {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    packId: facts.packId,
    createdAt: facts.now.toISOString(),
    createdBy: facts.createdBy,
    scope: {
      kind: scope.kind,
      id: scope.id,
      title: scope.title,
      centre: contents.centre,
      startsAt: scope.window?.startsAt.toISOString() ?? null,
      endsAt: scope.window?.endsAt.toISOString() ?? null,
      sight: scope.sight,
    },
    compression: "store",
    signatureAlgorithm: signatureAlgorithmText,
    enrolments: contents.enrolments.map((e) => ({
      id: e.id,
      status: e.status,
      candidate: e.candidate,
      assessor: e.assessor,
      unit: {
        code: e.unit.code,
        version: e.unit.versionNumber,
        sourceVersion: e.unit.sourceVersion,
        title: e.unit.title,
        caseDocumentId: e.unit.caseDocumentId,
      },
      criteria: e.groups.flatMap((g) =>
        g.criteria.map((c) => ({
          id: c.id,
          kind: c.kind,
          ref: c.ref,
          caseIdentifier: c.caseIdentifier,
          status: c.status,
          evidenceIds: c.evidenceIds,
        })),
      ),
      evidenceIds: e.evidenceIds,
      decisions: e.decisions.map((d) => ({
        id: d.id,
        criterionId: d.criterionId,
        criterionRef: d.criterionRef,
        criterionCaseIdentifier: d.caseIdentifier,
        outcome: d.outcome,
        signedBy: d.signedBy,
        signedAt: d.signedAt.toISOString(),
        standing: d.standing,
        revokedAt: d.revokedAt?.toISOString() ?? null,
        revokeReason: d.revokeReason,
        signatureHash: d.signatureHash,
        signed: d.signed,
        signatureVerifies: d.signatureVerifies,
      })),
    })),
    evidence,
    files,
    missing: evidence.flatMap((e) =>
      e.files.filter((f) => f.missing).map((f) => ({ evidenceId: e.id, fileId: f.id, name: f.name })),
    ),
  };
}
