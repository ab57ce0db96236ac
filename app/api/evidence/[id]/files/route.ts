import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { receiveUpload, uploadErrorResponse } from "@/lib/evidence/receive-upload";
import { log, logUnexpected } from "@/lib/ops/log";
import { withRouteLog } from "@/lib/ops/log-route";
import { recordUpload } from "@/lib/ops/metrics";

// The raw file is the request body (not multipart): the browser sends the File with XHR so
// it can show progress and cancel. This path is outside proxy.ts's matcher on purpose: a
// proxy buffers request bodies and silently truncates them (docs/decisions/0004-evidence-files.md).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

type Params = { params: Promise<{ id: string }> };

function fail(status: number, message: string) {
  return Response.json({ message }, { status, headers: noStore });
}

function contentLength(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

export const POST = withRouteLog("/api/evidence/[id]/files", async (request: Request, { params }: Params) => {
  const actor = await getActor();
  if (!actor) return fail(401, "Your session has ended. Sign in again, then add the file.");
  const { id } = await params;

  const encodedName = request.headers.get("x-file-name");
  if (!encodedName)
    return fail(400, "The upload did not say the file's name (X-File-Name header). Reload the page and try again.");
  let fileName: string;
  try {
    fileName = decodeURIComponent(encodedName);
  } catch {
    return fail(400, "The file name could not be read. Rename the file and try again.");
  }
  if (!request.body) return fail(400, "The upload had no file in it. Choose the file again.");

  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
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
    recordUpload("stored", seconds(), file.size);
    log.info({ evidenceId: id, fileId: file.id, bytes: file.size, mimeType: file.mimeType }, "upload stored");
    return Response.json(file, { status: 201, headers: noStore });
  } catch (error) {
    const { status, message } = uploadErrorResponse(error);
    recordUpload(status >= 500 ? "failed" : "refused", seconds());
    if (status >= 500) logUnexpected("upload failed", error, { evidenceId: id });
    else log.info({ evidenceId: id, status, reason: message }, "upload refused");
    return fail(status, message);
  }
});
