import crypto from "node:crypto";
import type { Db } from "../db/client";
import { keyEncryptionKey } from "./key-secret";
import { openPrivateKey, sealPrivateKey } from "./private-key-box";
import { credentialUrls } from "./urls";

// A centre's Ed25519 signing keys: made on first use, the private key sealed with the key from
// CREDENTIAL_KEY_SECRET. Rotation retires a key rather than deleting it: its public half stays in
// the centre's JWKS, so credentials it signed keep verifying.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type KeyReader = Pick<Db, "centreSigningKey">;

export type StoredSigningKey = {
  id: string;
  centreId: string;
  publicJwk: unknown;
  privateKeyEnc: string;
  createdAt: Date;
  retiredAt: Date | null;
};

/** The public key as published (JWKS entry, and the document its kid URL serves). */
export type PublicSigningJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };

/** The centre's current key (newest not retired), or null before its first credential. */
export function currentSigningKey(db: KeyReader, centreId: string): Promise<StoredSigningKey | null> {
  return db.centreSigningKey.findFirst({
    where: { centreId, retiredAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** Makes a new key for the centre; the caller retires the old one when rotating. */
export async function createSigningKey(tx: Pick<Tx, "centreSigningKey">, centreId: string, now: Date) {
  // Before generating anything: a missing secret refuses here, writing nothing.
  const encryptionKey = keyEncryptionKey();
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const { x } = publicKey.export({ format: "jwk" });
  if (!x) throw new Error("Ed25519 public key without x");
  const id = crypto.randomUUID();
  const der = privateKey.export({ format: "der", type: "pkcs8" });
  return tx.centreSigningKey.create({
    data: {
      id,
      centreId,
      publicJwk: { kty: "OKP", crv: "Ed25519", x },
      privateKeyEnc: sealPrivateKey(der, id, encryptionKey),
      createdAt: now,
    },
  });
}

/** The current key, made now if the centre has none yet. */
export async function signingKeyFor(tx: Pick<Tx, "centreSigningKey">, centreId: string, now: Date) {
  return (await currentSigningKey(tx, centreId)) ?? createSigningKey(tx, centreId, now);
}

export type Signer = { kid: string; keyId: string; privateKey: crypto.KeyObject };

/** The key ready to sign with; a CredentialKeyError when CREDENTIAL_KEY_SECRET cannot unlock it. */
export function signerOf(key: StoredSigningKey, baseUrl: string): Signer {
  const der = openPrivateKey(key.privateKeyEnc, key.id, keyEncryptionKey());
  return {
    kid: credentialUrls(baseUrl).key(key.centreId, key.id),
    keyId: key.id,
    privateKey: crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" }),
  };
}

export function publicJwkOf(
  key: Pick<StoredSigningKey, "id" | "centreId" | "publicJwk">,
  baseUrl: string,
): PublicSigningJwk {
  const { x } = key.publicJwk as { x: string };
  return {
    kty: "OKP",
    crv: "Ed25519",
    x,
    kid: credentialUrls(baseUrl).key(key.centreId, key.id),
    alg: "EdDSA",
    use: "sig",
  };
}

/** Every key of the centre, current and retired, oldest first: its JWKS. */
export function centreKeys(db: KeyReader, centreId: string): Promise<StoredSigningKey[]> {
  return db.centreSigningKey.findMany({ where: { centreId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
