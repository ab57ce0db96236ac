import type { SignedFacts } from "./contents";

// The manifest.json of an evidence pack: what the pack holds and everything `npm run pack:verify`
// needs to check it without the app's database. Plain data, shared by the builder (./build.ts)
// and the verifier (./verify.ts, scripts/pack-verify.ts).

export const PACK_FORMAT = "competence-portfolio/evidence-pack";
export const PACK_FORMAT_VERSION = 1;
export const MANIFEST_PATH = "manifest.json";
export const INDEX_PATH = "index.pdf";

/** One entry of the ZIP other than the manifest: where it is, its SHA-256 and its size in bytes. */
export type ManifestFile = {
  path: string;
  sha256: string;
  size: number;
  /** "evidence": a stored evidence file; "index": index.pdf. */
  role: "evidence" | "index";
  evidenceId?: string;
  fileId?: string;
};

export type ManifestEvidenceFile = {
  id: string;
  name: string;
  mimeType: string;
  /** The size and SHA-256 the app recorded when the file was uploaded. */
  recordedSize: number;
  recordedSha256: string;
  /** Where the file is in the ZIP; null when it was missing from storage as the pack was made. */
  path: string | null;
  missing: boolean;
  /** False when the stored bytes no longer hash to what was recorded at upload. */
  matchesRecord: boolean | null;
};

export type ManifestDecision = {
  id: string;
  criterionId: string;
  criterionRef: string;
  /** The criterion's CASE CFItem identifier (lib/standards/case/identifiers.ts). */
  criterionCaseIdentifier: string;
  outcome: "MET" | "NOT_YET_MET";
  signedBy: { id: string; name: string };
  signedAt: string;
  standing: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
  signatureHash: string;
  /** The facts the hash is recomputed over (lib/assessment/signature.ts decisionSignature). */
  signed: SignedFacts;
  /** Whether the app found the stored hash still matches those facts when it made the pack. */
  signatureVerifies: boolean;
};

export type ManifestEnrolment = {
  id: string;
  status: string;
  candidate: { id: string; name: string };
  assessor: { id: string; name: string } | null;
  unit: {
    code: string;
    /** The app's version number of the unit (UnitVersion.number), as in CASE URLs and on the standards pages. */
    version: number;
    sourceVersion: string | null;
    title: string;
    /** The CASE CFDocument identifier of this unit version. */
    caseDocumentId: string;
  };
  criteria: { id: string; kind: string; ref: string; caseIdentifier: string; status: string; evidenceIds: string[] }[];
  evidenceIds: string[];
  decisions: ManifestDecision[];
};

export type ManifestEvidence = {
  id: string;
  candidateId: string;
  title: string;
  method: string;
  activityDate: string;
  submittedAt: string | null;
  version: number;
  files: ManifestEvidenceFile[];
};

export type Manifest = {
  format: typeof PACK_FORMAT;
  formatVersion: number;
  packId: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  scope: {
    kind: string;
    id: string;
    title: string;
    centre: { id: string; name: string; timeZone: string };
    startsAt: string | null;
    endsAt: string | null;
    /** "submitted": only evidence submitted for assessment (an EQA's sight); "whole": every claim. */
    sight: string;
  };
  /** How entries are stored in the ZIP: "store" (no compression; evidence is mostly media). */
  compression: "store";
  /** How decision signatures are computed, for a reader without the app's code. */
  signatureAlgorithm: string;
  enrolments: ManifestEnrolment[];
  evidence: ManifestEvidence[];
  /** Every entry of the ZIP except manifest.json itself. */
  files: ManifestFile[];
  /** Evidence files that were missing from storage when the pack was made. */
  missing: { evidenceId: string; fileId: string; name: string }[];
};

export const signatureAlgorithmText =
  "SHA-256 (hex) of the canonical JSON (object keys sorted, no spaces) of `signed`, with evidenceSnapshot entries sorted by mappingId, their rangeItemIds sorted and their files sorted by id (lib/assessment/signature.ts decisionSignature).";
