import { compactVerify, decodeProtectedHeader, errors, importJWK, type JWK } from "jose";
import type { Db } from "../db/client";
import { achievementCredentialProblems } from "./achievement-credential-schema";
import { isBitSet } from "./bitstring-status-list";
import { matchesIssuedJson, parseCredentialText } from "./credential-text";
import { centreStatusBits } from "./status-list-credential";
import { credentialUrls, parseIssuerUrl, parseKeyUrl } from "./urls";
import { claimsMismatch, credentialOf, issuerIdOf } from "./vc-jwt";

// Verifying a credential pasted or uploaded by anyone: its proof, its claims, the published
// schema, its status and its dates. Only credentials issued here can be checked: keys and status
// lists are read from this app's database, never fetched from a URL a credential names (a
// verifier that fetched them would let anyone make this server request any address).

type Reader = Pick<Db, "credential" | "centreSigningKey" | "centre">;

export const verificationResults = [
  "valid",
  "revoked",
  "expired",
  "tampered",
  "unknown-issuer",
  "malformed",
  "invalid-schema",
] as const;
export type VerificationResult = (typeof verificationResults)[number];

export type VerifiedSummary = {
  name: string;
  issuerName: string;
  validFrom: string;
  /** The credential's public page here, when it is one of ours with a row. */
  page: string | null;
};

export type Verification = { result: VerificationResult; reason: string; summary?: VerifiedSummary };

type Options = { baseUrl: string; now: Date };
type Credential = Record<string, unknown>;
type Signed = { payload: Credential; centreId: string };

const verdict = (result: VerificationResult, reason: string): Verification => ({ result, reason });
const shown = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** The JWT's proof, checked with the key its kid names, looked up here: the payload, or why not. */
async function checkProof(db: Reader, jwt: string, baseUrl: string): Promise<Signed | Verification> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return verdict("malformed", "This is not a signed credential: its header cannot be read.");
  }
  if (typeof header.kid !== "string")
    return verdict("unknown-issuer", "It names no signing key (its header has no kid), so its issuer cannot be found.");
  const named = parseKeyUrl(header.kid, baseUrl);
  const key = named
    ? await db.centreSigningKey.findFirst({ where: { id: named.keyId, centreId: named.centreId } })
    : null;
  if (!named || !key)
    return verdict(
      "unknown-issuer",
      `It was signed with the key ${shown(header.kid)}, which is not a key of an issuer on this service. Only credentials issued here can be checked here; this service does not fetch keys from other sites.`,
    );
  if (header.alg !== "EdDSA")
    return verdict("malformed", `It is signed with ${String(header.alg)}, but this issuer signs with EdDSA.`);
  try {
    const publicKey = await importJWK({ ...(key.publicJwk as JWK), alg: "EdDSA" }, "EdDSA");
    const { payload } = await compactVerify(jwt, publicKey, { algorithms: ["EdDSA"] });
    const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return verdict("malformed", "Its signed content is not a credential (not a JSON object).");
    return { payload: parsed as Credential, centreId: named.centreId };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return verdict(
        "tampered",
        "Its signature does not match its content: it was changed after its issuer signed it.",
      );
    return verdict("malformed", "Its signed content cannot be read as a credential.");
  }
}

/** Claims, issuer and schema: why a genuinely signed payload is still not a valid credential, or null. */
function checkContent(signed: Signed, baseUrl: string): Verification | null {
  const mismatch = claimsMismatch(signed.payload);
  if (mismatch) return verdict("malformed", `It is signed, but ${mismatch}.`);
  if (parseIssuerUrl(issuerIdOf(signed.payload.issuer) ?? "", baseUrl) !== signed.centreId)
    return verdict("malformed", "It is signed with the key of another issuer than the one it names.");
  const problems = achievementCredentialProblems(credentialOf(signed.payload));
  if (problems.length > 0)
    return verdict(
      "invalid-schema",
      `It does not match the Open Badges 3.0 AchievementCredential schema: ${problems.join("; ")}.`,
    );
  return null;
}

/** Its bit in the issuer's status list, read from this app's own records (never fetched). */
async function checkStatus(db: Reader, signed: Signed, baseUrl: string): Promise<Verification | null> {
  const status = signed.payload.credentialStatus as Record<string, unknown> | undefined;
  const list = credentialUrls(baseUrl).statusList(signed.centreId);
  const index = Number(status?.statusListIndex);
  if (
    status?.type !== "BitstringStatusListEntry" ||
    status.statusPurpose !== "revocation" ||
    status.statusListCredential !== list ||
    !Number.isInteger(index) ||
    index < 0
  )
    return verdict("malformed", "It does not point at its issuer's revocation list, so its status cannot be checked.");
  if (isBitSet(await centreStatusBits(db, signed.centreId), index))
    return verdict("revoked", `Its issuer has revoked it: its bit (${index}) in the issuer's status list is set.`);
  return null;
}

function checkDates(payload: Credential, now: Date): Verification | null {
  const from = Date.parse(String(payload.validFrom));
  if (from > now.getTime())
    return verdict("malformed", `It is not valid yet: it is valid from ${String(payload.validFrom)}.`);
  if (typeof payload.validUntil === "string" && Date.parse(payload.validUntil) <= now.getTime())
    return verdict("expired", `It expired: it was valid until ${payload.validUntil}.`);
  return null;
}

async function summaryOf(db: Reader, payload: Credential, baseUrl: string): Promise<VerifiedSummary> {
  const issuer = payload.issuer as { name?: unknown };
  const id = String(payload.id ?? "").replace(/^urn:uuid:/, "");
  const row = await db.credential.findUnique({ where: { id }, select: { id: true } });
  return {
    name: String(payload.name ?? ""),
    issuerName: typeof issuer?.name === "string" ? issuer.name : "",
    validFrom: String(payload.validFrom),
    page: row ? credentialUrls(baseUrl).credentialPage(row.id) : null,
  };
}

/** Verifies one signed credential (a VC-JWT). */
export async function verifyJwt(db: Reader, jwt: string, options: Options): Promise<Verification> {
  const signed = await checkProof(db, jwt, options.baseUrl);
  if ("result" in signed) return signed;
  const failed =
    checkContent(signed, options.baseUrl) ??
    (await checkStatus(db, signed, options.baseUrl)) ??
    checkDates(signed.payload, options.now);
  const summary = await summaryOf(db, signed.payload, options.baseUrl);
  if (failed) return { ...failed, summary };
  return {
    result: "valid",
    reason: `Signed by ${summary.issuerName || "its issuer"}, unchanged since, not revoked, and it matches the Open Badges 3.0 schema.`,
    summary,
  };
}

/**
 * Verifies what someone pasted or uploaded: the signed credential (.jwt), or its JSON, which is
 * checked against the signed credential it claims to be (the JSON alone carries no proof).
 */
export async function verifyCredential(db: Reader, text: string, options: Options): Promise<Verification> {
  const parsed = parseCredentialText(text);
  if (parsed.kind === "invalid") return verdict("malformed", parsed.reason);
  if (parsed.kind === "jwt") return verifyJwt(db, parsed.jwt, options);
  const issued = parsed.uuid
    ? await db.credential.findUnique({ where: { id: parsed.uuid }, select: { jwt: true } })
    : null;
  if (!issued)
    return verdict(
      "unknown-issuer",
      "This JSON carries no proof, and no credential with its id was issued here, so it cannot be checked here. Check it with its issuer, or use the signed .jwt file.",
    );
  const verification = await verifyJwt(db, issued.jwt, options);
  const difference = matchesIssuedJson(parsed.json, issued.jwt);
  if (difference) return { result: "tampered", reason: difference, summary: verification.summary };
  return verification;
}
