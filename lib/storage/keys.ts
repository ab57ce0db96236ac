import crypto from "node:crypto";

// Keys are 32 random hex characters made here, never anything a user typed, so a key can
// always be used as a file or object name and can never climb out of its root or prefix.
export const keyPattern = /^[0-9a-f]{32}$/;

export function newKey(): string {
  return crypto.randomBytes(16).toString("hex");
}

export function assertKey(key: string): void {
  if (!keyPattern.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key).slice(0, 80)}`);
}
