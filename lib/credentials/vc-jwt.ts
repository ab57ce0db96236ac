import { SignJWT } from "jose";
import type { Signer } from "./signing-keys";

// VC-JWT: a compact JWS (EdDSA) whose payload is the credential itself plus the registered JWT
// claims that repeat it: iss (the issuer's id), jti (the credential's id), nbf (validFrom as a
// NumericDate), sub (the subject's id), and exp when the credential has a validUntil. The header
// is exactly alg, kid (the URL of the public JWK) and typ.

export type SignableCredential = {
  id: string;
  issuer: string | { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
};

const numericDate = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export const issuerIdOf = (issuer: unknown): string | undefined =>
  typeof issuer === "string"
    ? issuer
    : typeof issuer === "object" && issuer !== null && typeof (issuer as { id?: unknown }).id === "string"
      ? (issuer as { id: string }).id
      : undefined;

/** The claims a credential's JWT must carry, from the credential. */
export function jwtClaimsOf(credential: SignableCredential): Record<string, string | number> {
  return {
    iss: issuerIdOf(credential.issuer) ?? "",
    jti: credential.id,
    nbf: numericDate(credential.validFrom),
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
    ...(credential.validUntil ? { exp: numericDate(credential.validUntil) } : {}),
  };
}

export async function signVcJwt(credential: SignableCredential, signer: Signer): Promise<string> {
  return new SignJWT({ ...credential, ...jwtClaimsOf(credential) })
    .setProtectedHeader({ alg: "EdDSA", kid: signer.kid, typ: "JWT" })
    .sign(signer.privateKey);
}

/**
 * Where a verified payload's JWT claims disagree with the credential inside it, in words; null
 * when they agree. A signed token whose claims say something else than its credential is not
 * the issuer's credential as issued.
 */
export function claimsMismatch(payload: Record<string, unknown>): string | null {
  const credential = payload as unknown as SignableCredential;
  if (typeof credential.validFrom !== "string" || Number.isNaN(Date.parse(credential.validFrom)))
    return "it has no valid validFrom date";
  if (typeof credential.credentialSubject !== "object" || credential.credentialSubject === null)
    return "it has no credentialSubject";
  const expected = jwtClaimsOf(credential);
  for (const claim of ["iss", "jti", "nbf", "sub", "exp"] as const) {
    if (payload[claim] !== expected[claim])
      return `its JWT claim ${claim} (${JSON.stringify(payload[claim]) ?? "missing"}) does not match the credential (${JSON.stringify(expected[claim]) ?? "missing"})`;
  }
  return null;
}

/** The credential inside a VC-JWT payload: the payload without the JWT's own claims. */
export function credentialOf(payload: Record<string, unknown>): Record<string, unknown> {
  const { iss: _iss, jti: _jti, nbf: _nbf, sub: _sub, exp: _exp, iat: _iat, ...credential } = payload;
  return credential;
}
