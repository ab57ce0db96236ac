import { env } from "../env";
import { CredentialKeyError } from "./key-secret";

// Every URL a credential names: the issuer's profile, its keys, its status list, the public
// page of a credential and of the unit it is for. Signed into credentials that outlive any
// request, so they are built from NEXTAUTH_URL, never from a request's Host header (which a
// client chooses).

/** The app's public origin for credentials: NEXTAUTH_URL, else (outside production) localhost. */
export function credentialBaseUrl(): string {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/+$/, "");
  if (env.NODE_ENV !== "production") return `http://localhost:${env.PORT}`;
  throw new CredentialKeyError(
    "Credentials cannot be issued on this server: NEXTAUTH_URL, the address credentials point at, is not set. Nothing was signed; tell your administrator.",
    "NEXTAUTH_URL is not set",
  );
}

export function credentialUrls(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, "");
  const issuer = (centreId: string) => `${base}/issuers/${encodeURIComponent(centreId)}`;
  return {
    base,
    issuer,
    jwks: (centreId: string) => `${issuer(centreId)}/jwks`,
    /** The JWS `kid`: it dereferences to the public JWK. */
    key: (centreId: string, keyId: string) => `${issuer(centreId)}/keys/${encodeURIComponent(keyId)}`,
    statusList: (centreId: string) => `${issuer(centreId)}/status`,
    credentialPage: (credentialId: string) => `${base}/credentials/${encodeURIComponent(credentialId)}`,
    /** The public page of the unit version: a stable URL for the achievement. */
    unitVersion: (code: string, version: number) => `${base}/standards/${encodeURIComponent(code)}?version=${version}`,
  };
}

export type CredentialUrls = ReturnType<typeof credentialUrls>;

const idSegment = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The centre and key a `kid` names, when it is one of this app's key URLs; null for anything
 * else (another origin, another path). The verifier only ever looks such a key up in the
 * database: it never fetches a URL a credential names.
 */
export function parseKeyUrl(kid: string, baseUrl: string): { centreId: string; keyId: string } | null {
  const base = baseUrl.replace(/\/+$/, "");
  if (!kid.startsWith(`${base}/issuers/`)) return null;
  const [centreId, keys, keyId, ...rest] = kid.slice(`${base}/issuers/`.length).split("/");
  if (rest.length > 0 || keys !== "keys" || !centreId || !keyId) return null;
  return idSegment.test(centreId) && idSegment.test(keyId) ? { centreId, keyId } : null;
}

/** The centre whose issuer profile URL this is, or null. */
export function parseIssuerUrl(url: string, baseUrl: string): string | null {
  const prefix = `${baseUrl.replace(/\/+$/, "")}/issuers/`;
  if (!url.startsWith(prefix)) return null;
  const centreId = url.slice(prefix.length);
  return idSegment.test(centreId) ? centreId : null;
}
