import crypto from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";

// The key that encrypts the centres' private signing keys at rest, derived from
// CREDENTIAL_KEY_SECRET. Read at each use (not at import), so an operator's change and a test's
// both take effect without a restart of the module.

/**
 * Used when CREDENTIAL_KEY_SECRET is unset outside production, so `npm run dev` and the test
 * suites sign without configuration; next-auth does the same for NEXTAUTH_SECRET. It is public
 * (it is in this file), so keys stored with it are not protected: a production server never uses it.
 */
const developmentSecret = "development-only credential key secret; set CREDENTIAL_KEY_SECRET in production";

/** Signing is impossible as configured: the secret is missing, or not the one the key was stored with. */
export class CredentialKeyError extends AppError {
  override readonly status = 503;
}

export const missingSecretMessage =
  "Credentials cannot be signed on this server: CREDENTIAL_KEY_SECRET is not set. Nothing was signed; tell your administrator.";

/** The configured secret, the development secret outside production, or a CredentialKeyError. */
export function credentialKeySecret(): string {
  if (env.CREDENTIAL_KEY_SECRET) return env.CREDENTIAL_KEY_SECRET;
  if (env.NODE_ENV !== "production") return developmentSecret;
  throw new CredentialKeyError(missingSecretMessage, "CREDENTIAL_KEY_SECRET is not set");
}

/** The AES-256 key for private keys: HKDF-SHA256 of the secret, so the secret itself is never the key. */
export function keyEncryptionKey(secret: string = credentialKeySecret()): Buffer {
  return Buffer.from(
    crypto.hkdfSync("sha256", secret, Buffer.alloc(0), "competence-portfolio credential signing keys v1", 32),
  );
}
