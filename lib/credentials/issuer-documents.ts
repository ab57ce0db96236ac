import type { Db } from "../db/client";
import { credentialContexts } from "./open-badge";
import { centreKeys, publicJwkOf, type PublicSigningJwk } from "./signing-keys";
import { credentialUrls } from "./urls";

// The public documents of an issuer: its Profile, its JWKS and each key. Public on purpose, so
// anyone can check a credential; they exist only for centres that have issued (that have a key),
// and say nothing a credential does not already say (the centre's name and its public keys).

type Reader = Pick<Db, "centre" | "centreSigningKey">;

export type IssuerProfile = {
  "@context": typeof credentialContexts;
  id: string;
  type: ["Profile"];
  name: string;
  url: string;
};

async function issuingCentre(db: Reader, centreId: string) {
  const hasKey = await db.centreSigningKey.findFirst({ where: { centreId }, select: { id: true } });
  return hasKey ? db.centre.findUnique({ where: { id: centreId }, select: { id: true, name: true } }) : null;
}

export async function issuerProfile(db: Reader, centreId: string, baseUrl: string): Promise<IssuerProfile | null> {
  const centre = await issuingCentre(db, centreId);
  if (!centre) return null;
  const urls = credentialUrls(baseUrl);
  return {
    "@context": credentialContexts,
    id: urls.issuer(centre.id),
    type: ["Profile"],
    name: centre.name,
    url: urls.base,
  };
}

/** Every key the centre has signed with, current and retired, or null when it has none. */
export async function issuerJwks(
  db: Reader,
  centreId: string,
  baseUrl: string,
): Promise<{ keys: PublicSigningJwk[] } | null> {
  const keys = await centreKeys(db, centreId);
  return keys.length > 0 ? { keys: keys.map((key) => publicJwkOf(key, baseUrl)) } : null;
}

/** One key, the document its kid URL names. */
export async function issuerKey(
  db: Reader,
  centreId: string,
  keyId: string,
  baseUrl: string,
): Promise<PublicSigningJwk | null> {
  const key = await db.centreSigningKey.findFirst({ where: { id: keyId, centreId } });
  return key ? publicJwkOf(key, baseUrl) : null;
}
