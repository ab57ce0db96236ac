import { decodeJwt } from "jose";
import { credentialOf } from "./vc-jwt";

// What someone gives the verifier, read: a VC-JWT (the .jwt file's text), an enveloped
// credential holding one (VC-JOSE-COSE's JSON form), or a credential's JSON without proof.

export type CredentialText =
  | { kind: "jwt"; jwt: string }
  | { kind: "json"; json: Record<string, unknown>; uuid: string | null }
  | { kind: "invalid"; reason: string };

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const urnUuid = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const envelopePrefix = "data:application/vc+jwt,";

function fromJson(text: string): CredentialText {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "This is not a credential: it starts like JSON but is not valid JSON." };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    return { kind: "invalid", reason: "This is not a credential: the JSON is not an object." };
  const record = json as Record<string, unknown>;
  const types = Array.isArray(record.type) ? record.type : [record.type];
  if (types.includes("EnvelopedVerifiableCredential") && typeof record.id === "string") {
    const jwt = record.id.startsWith(envelopePrefix) ? record.id.slice(envelopePrefix.length) : "";
    return compactJws.test(jwt)
      ? { kind: "jwt", jwt }
      : { kind: "invalid", reason: "This enveloped credential does not hold a signed credential (a VC-JWT)." };
  }
  const uuid = typeof record.id === "string" ? (urnUuid.exec(record.id)?.[1]?.toLowerCase() ?? null) : null;
  return { kind: "json", json: record, uuid };
}

export function parseCredentialText(text: string): CredentialText {
  const trimmed = text.trim();
  if (trimmed === "")
    return { kind: "invalid", reason: "There is nothing to check: paste the credential, or choose its file." };
  if (compactJws.test(trimmed)) return { kind: "jwt", jwt: trimmed };
  if (trimmed.startsWith("{")) return fromJson(trimmed);
  return {
    kind: "invalid",
    reason:
      "This is not a credential: a signed credential (.jwt) is three parts separated by dots, and its JSON starts with {.",
  };
}

/** Keys sorted at every level, so two equal credentials compare equal whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  return value;
}

/** The first place two JSON values differ, as a path ("credentialSubject.achievement.name"), or null. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return path || "the whole";
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    );
    if (found) return found;
  }
  return path || "the whole";
}

/**
 * Why a credential's JSON is not the credential its issuer signed (the payload of `jwt`), or null
 * when it is the same. `jwt` is the issued credential as stored, whose proof is checked apart.
 */
export function matchesIssuedJson(json: Record<string, unknown>, jwt: string): string | null {
  const signed = credentialOf(decodeJwt(jwt) as Record<string, unknown>);
  const { proof: _proof, ...given } = json;
  const where = firstDifference(given, signed, "");
  return where
    ? `This JSON differs from the credential its issuer signed (at ${where}): it was changed after it was issued.`
    : null;
}
