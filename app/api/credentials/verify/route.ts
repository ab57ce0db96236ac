import { db } from "@/lib/db";
import { signingUnavailable } from "@/lib/credentials/http";
import { maxCredentialLength, tooLongMessage, verifyHere, VerifyRequest } from "@/lib/credentials/verify-request";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

const malformed = (reason: string) =>
  Response.json({ result: "malformed", reason }, { status: 400, headers: { "Cache-Control": "no-store" } });

/**
 * POST /api/credentials/verify with { "credential": "<VC-JWT or credential JSON>" }: answers
 * { result, reason }. Public on purpose (an employer checks a credential without an account); it
 * reads only this app's own keys and status lists and changes nothing.
 */
export const POST = withRouteLog("/api/credentials/verify", async (request: Request) => {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxCredentialLength * 2) return malformed(tooLongMessage);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return malformed('Send JSON: { "credential": "<the .jwt text>" }.');
  }
  const parsed = VerifyRequest.safeParse(body);
  if (!parsed.success) return malformed(parsed.error.issues[0]?.message ?? "Send the credential as text.");
  try {
    const { result, reason } = await verifyHere(db, parsed.data.credential);
    return Response.json({ result, reason }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return signingUnavailable(error);
  }
});
