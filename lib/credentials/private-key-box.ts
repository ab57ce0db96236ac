import crypto from "node:crypto";
import { CredentialKeyError } from "./key-secret";

// A private key's PKCS#8 DER encrypted with AES-256-GCM, stored as "iv.tag.ciphertext" (each
// base64url). The key's id is the additional authenticated data, so a ciphertext copied onto
// another key's row (another centre's) does not decrypt there.

const b64 = (buffer: Buffer) => buffer.toString("base64url");

export function sealPrivateKey(der: Buffer, keyId: string, encryptionKey: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey, iv);
  cipher.setAAD(Buffer.from(keyId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  return [b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(".");
}

export const wrongSecretMessage =
  "The centre's credential signing key cannot be unlocked: CREDENTIAL_KEY_SECRET is not the secret it was stored with. Nothing was signed. Tell your administrator: set the previous secret again, or have a centre admin rotate the signing key (credentials already issued stay verifiable).";

/** The DER back, or a CredentialKeyError when the secret (or the row) is not the one it was sealed with. */
export function openPrivateKey(sealed: string, keyId: string, encryptionKey: Buffer): Buffer {
  const [iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (!iv || !tag || !ciphertext || rest.length > 0)
    throw new CredentialKeyError(wrongSecretMessage, `signing key ${keyId}: stored key is not iv.tag.ciphertext`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(keyId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  } catch {
    throw new CredentialKeyError(wrongSecretMessage, `signing key ${keyId}: decryption failed (wrong secret)`);
  }
}
