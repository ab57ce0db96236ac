import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readableCredential } from "@/lib/credentials/read-credentials";
import { isHiddenOrMissing } from "@/lib/authz/hidden-or-missing";
import { plainText } from "@/lib/http/downloads";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const notFound = "That credential was not found, or it is not yours to download.";

/**
 * GET /api/credentials/{id}/download?format=jwt|json: the holder's credential as a file, the
 * signed VC-JWT (.jwt, the one to verify) or its JSON. Only the candidate it was issued to and
 * their centre's admins (credential.read); a credential of someone else and a made-up id answer
 * the same 404.
 */
export const GET = withRouteLog("/api/credentials/[id]/download", async (request: Request, { params }: Params) => {
  const actor = await getActor();
  if (!actor) return plainText(401, "Sign in to download your credential.");
  const format = new URL(request.url).searchParams.get("format") ?? "jwt";
  if (format !== "jwt" && format !== "json") return plainText(400, "Ask for format=jwt or format=json.");
  let credential: Awaited<ReturnType<typeof readableCredential>>;
  try {
    credential = await readableCredential(db, actor, (await params).id);
  } catch (error) {
    if (isHiddenOrMissing(error)) return plainText(404, notFound);
    throw error;
  }
  const body = format === "jwt" ? credential.jwt : `${JSON.stringify(credential.json, null, 2)}\n`;
  return new Response(body, {
    headers: {
      "content-type": format === "jwt" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="credential-${credential.id}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
