import crypto from "node:crypto";

// One-time links (invitations, password resets) carry 32 random bytes; only their SHA-256 is
// stored, so a copy of the database cannot be used to open them.

export function newLinkToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** 32 bytes in base64url, as newLinkToken makes them. */
export const linkTokenPattern = /^[A-Za-z0-9_-]{43}$/;
