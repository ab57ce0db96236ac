import crypto from "node:crypto";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { decisionSignature } from "../assessment/signature";
import { MANIFEST_PATH, PACK_FORMAT, type Manifest, type ManifestDecision } from "./manifest";

// `npm run pack:verify <zip>` (scripts/pack-verify.ts): checks an evidence pack with nothing but
// the pack. It reads every entry of the ZIP (streaming, one at a time), re-hashes it and compares
// it with manifest.json: a file changed, missing or extra is named. It recomputes every
// decision's signature hash from the facts the manifest carries, as the app does
// (lib/assessment/signature.ts), and checks the result is the one the app recorded when it made
// the pack; and it checks that each file a decision was signed over is, byte for byte, the file
// in the pack. Files that were missing from storage when the pack was made are listed in the
// manifest; they are reported as notes, not failures: the pack says so itself.

export type PackCheck = {
  ok: boolean;
  /** What differs: each names the file or decision. Empty when ok. */
  problems: string[];
  /** What the pack itself records (files missing from storage, signatures the app found invalid). */
  notes: string[];
  summary: string;
};

type Hashed = { sha256: string; size: number };

async function hashStream(stream: Readable): Promise<Hashed> {
  const hash = crypto.createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry's hash and size, and the manifest's text. An entry that cannot be read is a problem. */
async function readPack(
  zipPath: string,
  problems: string[],
): Promise<{ entries: Map<string, Hashed>; manifest: Buffer | null }> {
  const zip = await yauzl.openPromise(zipPath, {
    lazyEntries: true,
    autoClose: true,
    validateEntrySizes: true,
    strictFileNames: true,
  });
  const entries = new Map<string, Hashed>();
  let manifest: Buffer | null = null;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (entries.has(entry.fileName) || (entry.fileName === MANIFEST_PATH && manifest)) {
        problems.push(`${entry.fileName}: is in the pack twice.`);
        continue;
      }
      try {
        const stream = await zip.openReadStreamPromise(entry);
        if (entry.fileName === MANIFEST_PATH) manifest = await readAll(stream);
        else entries.set(entry.fileName, await hashStream(stream));
      } catch (error) {
        problems.push(
          `${entry.fileName}: cannot be read from the ZIP (${error instanceof Error ? error.message : String(error)}).`,
        );
      }
    }
  } finally {
    zip.close();
  }
  return { entries, manifest };
}

function parseManifest(text: Buffer | null, problems: string[]): Manifest | null {
  if (!text) {
    problems.push(`${MANIFEST_PATH}: is not in the pack.`);
    return null;
  }
  try {
    const manifest = JSON.parse(text.toString("utf8")) as Manifest;
    if (manifest.format !== PACK_FORMAT || !Array.isArray(manifest.files) || !Array.isArray(manifest.enrolments)) {
      problems.push(`${MANIFEST_PATH}: is not an evidence pack manifest (format ${JSON.stringify(manifest.format)}).`);
      return null;
    }
    return manifest;
  } catch (error) {
    problems.push(`${MANIFEST_PATH}: is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    return null;
  }
}

function compareFiles(manifest: Manifest, entries: Map<string, Hashed>, problems: string[]): void {
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const found = entries.get(file.path);
    if (!found) {
      problems.push(`${file.path}: is listed in the manifest but missing from the pack.`);
      continue;
    }
    if (found.sha256 !== file.sha256)
      problems.push(
        `${file.path}: its SHA-256 is ${found.sha256}, but the manifest says ${file.sha256} (the file was changed).`,
      );
    else if (found.size !== file.size)
      problems.push(`${file.path}: it is ${found.size} bytes, but the manifest says ${file.size}.`);
  }
  for (const name of entries.keys())
    if (!listed.has(name)) problems.push(`${name}: is in the pack but not in the manifest.`);
}

function decisionName(manifest: Manifest, decision: ManifestDecision): string {
  const enrolment = manifest.enrolments.find((e) => e.id === decision.signed.enrolmentId);
  const where = enrolment
    ? `${enrolment.candidate.name}, ${enrolment.unit.code} ${decision.criterionRef}`
    : decision.criterionRef;
  return `decision ${decision.id} (${where})`;
}

/** Recomputes each signature; returns how many verify. */
function checkDecisions(
  manifest: Manifest,
  entries: Map<string, Hashed>,
  problems: string[],
  notes: string[],
): { total: number; verifying: number } {
  const pathOfFile = new Map(
    manifest.evidence.flatMap((e) => e.files.filter((f) => f.path).map((f) => [f.id, f.path as string])),
  );
  let total = 0;
  let verifying = 0;
  for (const decision of manifest.enrolments.flatMap((e) => e.decisions)) {
    total++;
    const name = decisionName(manifest, decision);
    const recomputed = decisionSignature({ ...decision.signed, signedAt: new Date(decision.signed.signedAt) });
    const verifies = recomputed === decision.signatureHash;
    if (verifies) verifying++;
    if (verifies !== decision.signatureVerifies)
      problems.push(
        `${name}: its signature ${verifies ? "verifies" : "does not verify"} from the manifest's facts, but the app recorded that it ${decision.signatureVerifies ? "verifies" : "does not"} (the manifest was changed).`,
      );
    else if (!verifies)
      notes.push(`${name}: the app found its signature no longer verifies (the evidence changed after signing).`);
    for (const file of decision.signed.evidenceSnapshot.flatMap((e) => e.files)) {
      const path = pathOfFile.get(file.id);
      const inPack = path ? entries.get(path) : undefined;
      if (path && inPack && inPack.sha256 !== file.sha256)
        problems.push(
          `${path}: is not the file ${name} was signed over (SHA-256 ${inPack.sha256}, signed ${file.sha256}).`,
        );
    }
  }
  return { total, verifying };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Checks the pack at `zipPath`; never throws for a bad pack, only for a path that cannot be opened. */
export async function verifyPack(zipPath: string): Promise<PackCheck> {
  const problems: string[] = [];
  const notes: string[] = [];
  const { entries, manifest: text } = await readPack(zipPath, problems);
  const manifest = parseManifest(text, problems);
  if (!manifest) return { ok: false, problems, notes, summary: `FAILED: ${plural(problems.length, "problem")}.` };
  compareFiles(manifest, entries, problems);
  const decisions = checkDecisions(manifest, entries, problems, notes);
  for (const missing of manifest.missing ?? [])
    notes.push(
      `${missing.name} (file ${missing.fileId} of evidence ${missing.evidenceId}) was missing from storage when the pack was made.`,
    );
  for (const file of manifest.evidence.flatMap((e) => e.files).filter((f) => f.matchesRecord === false))
    notes.push(`${file.path}: the stored bytes did not match the hash recorded at upload when the pack was made.`);
  const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  const what = `${plural(manifest.files.length, "file")} (${(bytes / 1e6).toFixed(1)} MB) and ${plural(decisions.total, "decision signature")} (${decisions.verifying} verifying) in pack ${manifest.packId}`;
  const summary =
    problems.length === 0
      ? `OK: ${what} match the manifest${manifest.missing?.length ? `; ${plural(manifest.missing.length, "file")} recorded as missing from storage` : ""}.`
      : `FAILED: ${plural(problems.length, "problem")} in ${what}.`;
  return { ok: problems.length === 0, problems, notes, summary };
}
