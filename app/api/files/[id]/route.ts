import { Readable } from "node:stream";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { contentRangeHeader, parseRange, type RangeDecision } from "@/lib/evidence/http-range";
import { findReadableFile } from "@/lib/evidence/readable-file";
import { deleteEvidenceFile, uploadErrorResponse } from "@/lib/evidence/receive-upload";
import { downloadFileName, fileKindOf } from "@/lib/evidence/sniff-type";
import { logUnexpected } from "@/lib/ops/log";
import { withRouteLog } from "@/lib/ops/log-route";
import { storage } from "@/lib/storage";

// Downloads and previews of evidence files, and their removal. Outside proxy.ts's matcher like
// the upload route; every request authenticates and authorizes here.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

function fail(status: number, message: string) {
  return Response.json({ message }, { status, headers: { "Cache-Control": "no-store" } });
}

const notFoundMessage = "That file does not exist, has been removed, or is not shared with you.";

/** RFC 5987 encoding: encodeURIComponent leaves ' ( ) * alone, which attr-char does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Both forms of the name: an ASCII fallback (accents dropped, anything else, quotes,
 * backslashes, percent signs and line breaks replaced) and the exact name as filename*.
 */
function contentDisposition(type: "inline" | "attachment", name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/gu, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

async function serve(request: Request, { params }: Params, withBody: boolean): Promise<Response> {
  const actor = await getActor();
  if (!actor) return fail(401, "Your session has ended. Sign in again to see this file.");
  const { id } = await params;
  // Missing and not-yours answer alike (lib/evidence/readable-file.ts).
  const file = await findReadableFile(db, actor, id);
  if (!file) return fail(404, notFoundMessage);

  let size: number;
  try {
    size = (await storage().stat(file.storageKey)).size;
  } catch (error) {
    logUnexpected("evidence file has no stored object", error, { fileId: file.id, storageKey: file.storageKey });
    return fail(404, "This file's content is missing from storage. Tell your centre admin.");
  }

  const kind = fileKindOf(file.mimeType);
  const download = new URL(request.url).searchParams.get("download") === "1";
  const inline = !download && (kind === "image" || kind === "pdf" || kind === "audio" || kind === "video");
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "Content-Type": file.mimeType === "text/plain" ? "text/plain; charset=utf-8" : file.mimeType,
    "Content-Disposition": contentDisposition(
      inline ? "inline" : "attachment",
      downloadFileName(file.originalName, file.mimeType),
    ),
    "X-Content-Type-Options": "nosniff",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store",
    ETag: etag,
  });
  // The sandbox stops anything HTML-like (text, a crafted image) from running script on our
  // origin. Not for PDFs: browsers' PDF viewers refuse to render in a sandboxed document, and
  // a PDF cannot run script against the page. Next never replaces a header that
  // next.config.ts `headers()` already set, so its CSP and X-Frame-Options rules leave
  // /api/files/ out, as does proxy.ts's matcher.
  headers.set("Content-Security-Policy", kind === "pdf" ? "frame-ancestors 'none'" : "sandbox; frame-ancestors 'none'");
  headers.set("X-Frame-Options", "DENY");

  // Next gzips compressible responses (text/*), 206s included, while Content-Range still names
  // uncompressed offsets: a corrupt partial body. So a Range on text is answered with 200 and
  // the whole file, which the RFC allows. Text evidence is small; media is never compressed.
  // If-Range with a different validator also means "send it all".
  const ifRange = request.headers.get("if-range");
  const rangeIgnored = file.mimeType.startsWith("text/") || (ifRange !== null && ifRange !== etag);
  const range: RangeDecision = rangeIgnored ? { kind: "whole" } : parseRange(request.headers.get("range"), size);

  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", contentRangeHeader(range, size) ?? `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const contentRange = contentRangeHeader(range, size);
  if (contentRange) headers.set("Content-Range", contentRange);
  const status = range.kind === "partial" ? 206 : 200;
  // Next drops a Content-Length set here (every handler response is chunked), so none is set.
  if (!withBody) return new Response(null, { status, headers });

  const stream = storage().openRead(
    file.storageKey,
    range.kind === "partial" ? { start: range.start, end: range.end } : undefined,
  );
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}

const route = "/api/files/[id]";

export const GET = withRouteLog(route, (request: Request, context: Params) => serve(request, context, true));

export const HEAD = withRouteLog(route, (request: Request, context: Params) => serve(request, context, false));

export const DELETE = withRouteLog(route, async (_request: Request, { params }: Params) => {
  const actor = await getActor();
  if (!actor) return fail(401, "Your session has ended. Sign in again, then remove the file.");
  const { id } = await params;
  try {
    await deleteEvidenceFile({ db, actor, fileId: id });
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const { status, message } = uploadErrorResponse(error);
    if (status >= 500) logUnexpected("removing an evidence file failed", error, { fileId: id });
    return fail(status, message);
  }
});
