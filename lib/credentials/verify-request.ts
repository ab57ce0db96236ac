import { z } from "zod";
import type { Db } from "../db/client";
import { credentialBaseUrl } from "./urls";
import { verifyCredential, type Verification } from "./verify-credential";

// What the verify page and POST /api/credentials/verify accept: one credential's text, bounded.
// The largest credential this app issues (a unit of 47 criteria, each aligned) is some 40 KB.

export const maxCredentialLength = 256 * 1024;

export const tooLongMessage = `That is too long to be a credential (over ${maxCredentialLength / 1024} KB). Paste the text of one .jwt or .json file.`;

export const VerifyRequest = z.object({
  credential: z
    .string({ error: 'Send the credential as text: { "credential": "<the .jwt text>" }.' })
    .max(maxCredentialLength, tooLongMessage),
});

/** Verifies with this server's base URL and the time now; anyone may ask. */
export function verifyHere(
  db: Pick<Db, "credential" | "centreSigningKey" | "centre">,
  text: string,
): Promise<Verification> {
  return verifyCredential(db, text, { baseUrl: credentialBaseUrl(), now: new Date() });
}

/** How the verifier finds one issued credential now (its public page shows this). */
export async function verifyIssued(
  db: Pick<Db, "credential" | "centreSigningKey" | "centre">,
  id: string,
): Promise<Verification> {
  const stored = await db.credential.findUniqueOrThrow({ where: { id }, select: { jwt: true } });
  return verifyHere(db, stored.jwt);
}
