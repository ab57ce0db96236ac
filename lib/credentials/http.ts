import { CredentialKeyError } from "./key-secret";

// The answers of the credential route handlers: public documents cacheable for a minute (a
// rotation or revocation shows within that), refusals in words and never cached.

const publicCache = { "Cache-Control": "public, max-age=60" };
const noStore = { "Cache-Control": "no-store" };

export function publicJson(body: unknown, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { headers: { "content-type": contentType, ...publicCache } });
}

export function publicText(body: string, contentType: string): Response {
  return new Response(body, { headers: { "content-type": contentType, ...publicCache } });
}

export function jsonMessage(status: number, message: string): Response {
  return Response.json({ message }, { status, headers: noStore });
}

/** 503 when this server cannot sign (CREDENTIAL_KEY_SECRET missing or wrong); anything else is rethrown. */
export function signingUnavailable(error: unknown): Response {
  if (error instanceof CredentialKeyError) return jsonMessage(503, error.userMessage);
  throw error;
}
