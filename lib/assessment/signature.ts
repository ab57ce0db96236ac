import crypto from "node:crypto";

// Signatures of decisions and unit sign-offs: a SHA-256 over a canonical JSON of what was
// signed, so the same facts always give the same hash whatever order keys were written in.

/** JSON with object keys sorted and undefined members left out; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** One accepted evidence item a decision rests on, with the hash of each of its files. */
export type SnapshotEntry = {
  evidenceId: string;
  mappingId: string;
  rangeItemIds: string[];
  files: { id: string; sha256: string }[];
};

/** Entries and files in a stable order, so the hash does not depend on query order. */
export function normaliseSnapshot(entries: readonly SnapshotEntry[]): SnapshotEntry[] {
  return entries
    .map((e) => ({
      evidenceId: e.evidenceId,
      mappingId: e.mappingId,
      rangeItemIds: [...e.rangeItemIds].sort(),
      files: [...e.files]
        .map((f) => ({ id: f.id, sha256: f.sha256 }))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    }))
    .sort((a, b) => (a.mappingId < b.mappingId ? -1 : a.mappingId > b.mappingId ? 1 : 0));
}

export type DecisionSigned = {
  enrolmentId: string;
  criterionId: string;
  outcome: "MET" | "NOT_YET_MET";
  signedById: string;
  signedAt: Date;
  evidenceSnapshot: readonly SnapshotEntry[];
};

export function decisionSignature(d: DecisionSigned): string {
  return sha256Hex(
    canonicalJson({
      enrolmentId: d.enrolmentId,
      criterionId: d.criterionId,
      outcome: d.outcome,
      signedById: d.signedById,
      signedAt: d.signedAt.toISOString(),
      evidenceSnapshot: normaliseSnapshot(d.evidenceSnapshot),
    }),
  );
}

export type UnitSignOffSigned = {
  enrolmentId: string;
  assessorId: string;
  signedAt: Date;
  assessorDeclaration: string;
  candidateDeclaredAt: Date;
  candidateDeclaration: string;
  decisions: { criterionId: string; decisionId: string; signatureHash: string }[];
  confirmations: { requirementId: string; evidenceIds: string[] }[];
};

export function unitSignOffSignature(s: UnitSignOffSigned): string {
  return sha256Hex(
    canonicalJson({
      enrolmentId: s.enrolmentId,
      assessorId: s.assessorId,
      signedAt: s.signedAt.toISOString(),
      assessorDeclaration: s.assessorDeclaration,
      candidateDeclaredAt: s.candidateDeclaredAt.toISOString(),
      candidateDeclaration: s.candidateDeclaration,
      decisions: [...s.decisions].sort((a, b) => (a.criterionId < b.criterionId ? -1 : 1)),
      confirmations: [...s.confirmations]
        .map((c) => ({ requirementId: c.requirementId, evidenceIds: [...c.evidenceIds].sort() }))
        .sort((a, b) => (a.requirementId < b.requirementId ? -1 : 1)),
    }),
  );
}
