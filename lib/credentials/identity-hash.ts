import crypto from "node:crypto";

// Open Badges 3.0 IdentityHash: "sha256$" and the hex SHA-256 of the identifier with the salt
// appended, both UTF-8. The recipient's email is in the credential only this way: whoever knows
// the email can check it; nobody can read it back.

export function identityHash(identifier: string, salt: string): string {
  return `sha256$${crypto
    .createHash("sha256")
    .update(identifier + salt, "utf8")
    .digest("hex")}`;
}

/** A fresh salt per credential, so one person's credentials cannot be linked by their hash. */
export function newSalt(): string {
  return crypto.randomBytes(16).toString("base64url");
}
