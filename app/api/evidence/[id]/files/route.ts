import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { receiveUpload, uploadErrorResponse } from "@/lib/evidence/receive-upload";

// The raw file is the request body (not multipart): the browser sends the File with XHR so
// it can show progress and cancel. This path is outside proxy.ts's matcher on purpose: a
// proxy buffers request bodies and silently truncates them (docs/decisions/0004-evidence-files.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

function fail(status: number, message: string) {
  return Response.json({ message }, { status, headers: noStore });
}

function contentLength(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return fail(401, "Your session has ended. Sign in again, then add the file.");
  const { id } = await params;

  const encodedName = request.headers.get("x-file-name");
  if (!encodedName) return fail(400, "The upload did not say the file's name (X-File-Name header). Reload the page and try again.");
  let fileName: string;
  try {
    fileName = decodeURIComponent(encodedName);
  } catch {
    return fail(400, "The file name could not be read. Rename the file and try again.");
  }
  if (!request.body) return fail(400, "The upload had no file in it. Choose the file again.");

  try {
    const file = await receiveUpload({
      db,
      actor,
      evidenceId: id,
      fileName,
      body: request.body,
      declaredLength: contentLength(request.headers.get("content-length")),
      maxBytes: env.UPLOAD_MAX_BYTES,
      quotaBytes: env.CANDIDATE_QUOTA_BYTES,
      signal: request.signal,
    });
    return Response.json(file, { status: 201, headers: noStore });
  } catch (error) {
    const { status, message } = uploadErrorResponse(error);
    if (status >= 500) console.error("upload failed", error);
    return fail(status, message);
  }
}
