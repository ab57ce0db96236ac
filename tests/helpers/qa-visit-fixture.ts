import { Readable } from "node:stream";
import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { createEvidence } from "@/lib/evidence/create-evidence";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { receiveUpload } from "@/lib/evidence/receive-upload";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { submitEvidence } from "@/lib/portfolio/submit-evidence";
import type { StorageProvider } from "@/lib/storage";
import { actorByEmail } from "./actors";

// The people and portfolio pieces the EQA visit and evidence pack tests share (demo seed).

export async function demoPeople(db: Db) {
  return {
    nadia: await actorByEmail(db, "admin@northgate.example"),
    asha: await actorByEmail(db, "assessor@northgate.example"),
    ben: await actorByEmail(db, "assessor2@northgate.example"),
    iris: await actorByEmail(db, "iqa@northgate.example"),
    cara: await actorByEmail(db, "candidate@northgate.example"),
    dev: await actorByEmail(db, "candidate2@northgate.example"),
    evan: await actorByEmail(db, "eqa@awarding.example"),
    rosa: await actorByEmail(db, "admin@riverside.example"),
    rhys: await actorByEmail(db, "candidate@riverside.example"),
  };
}

export async function enrolmentOf(db: Db, candidate: SessionActor, code: string): Promise<string> {
  return (
    await db.enrolment.findFirstOrThrow({ where: { candidateId: candidate.userId, unitVersion: { unit: { code } } } })
  ).id;
}

export async function criterionIdOf(db: Db, enrolmentId: string, ref: string): Promise<string> {
  const { unitVersionId } = await db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return (await db.criterion.findFirstOrThrow({ where: { unitVersionId, ref } })).id;
}

/** A small PDF whose bytes are unique to `text`. */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n${text}\n%%EOF\n`, "latin1");
}

/**
 * The candidate's evidence with the given files uploaded through the app's upload path, mapped
 * to each (enrolment, criterion ref), and submitted unless `draft`.
 */
export async function evidenceWithFiles(
  db: Db,
  store: StorageProvider,
  candidate: SessionActor,
  options: { title: string; files: { name: string; bytes: Buffer }[]; claims: [string, string][]; draft?: boolean },
) {
  const centreId = (await db.enrolment.findUniqueOrThrow({ where: { id: options.claims[0]![0] } })).centreId;
  const { id } = await createEvidence(db, candidate, centreId, {
    ...emptyEvidenceFormValues,
    title: options.title,
    method: "product",
    activityDate: "2026-03-02",
    description: "Made by the EQA visit tests.",
  });
  const files = [];
  for (const file of options.files) {
    files.push(
      await receiveUpload({
        db,
        actor: candidate,
        evidenceId: id,
        fileName: file.name,
        body: Readable.from([file.bytes]),
        maxBytes: 1e7,
        quotaBytes: 1e8,
        storage: store,
      }),
    );
  }
  const mappingIds: string[] = [];
  for (const [enrolmentId, ref] of options.claims) {
    const criterionId = await criterionIdOf(db, enrolmentId, ref);
    mappingIds.push((await proposeMapping(db, candidate, { evidenceId: id, enrolmentId, criterionId })).mappingId);
  }
  if (!options.draft) await submitEvidence(db, candidate, { evidenceId: id, declarationConfirmed: true });
  return { id, files, mappingIds };
}
