import type { VerificationResult } from "./verify-credential";

// A verification result in words, for people: a short label (what a status tag says) and its
// tone. The words carry the meaning; the tone's colour only repeats it.

export const resultWords: Record<VerificationResult, { label: string; tone: "positive" | "negative" | "warning" }> = {
  valid: { label: "Valid", tone: "positive" },
  revoked: { label: "Revoked", tone: "negative" },
  expired: { label: "Expired", tone: "warning" },
  tampered: { label: "Tampered: changed after it was signed", tone: "negative" },
  "unknown-issuer": { label: "Unknown issuer: not checkable here", tone: "warning" },
  malformed: { label: "Not a valid credential", tone: "negative" },
  "invalid-schema": { label: "Not a valid Open Badge", tone: "negative" },
};
