import { ForbiddenError } from "../authz/policy";

// The responses of the CSV download routes (progress, audit log): one place for their headers.

/** A plain-text answer for a refused or failed download: the browser shows it as the page. */
export function plainText(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Streams a CSV as an attachment; a ForbiddenError raised while starting becomes a 403 with its message. */
export async function csvDownload(
  start: () => Promise<{ filename: string; stream: ReadableStream<Uint8Array> }>,
): Promise<Response> {
  try {
    const { filename, stream } = await start();
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return plainText(403, error.userMessage);
    throw error;
  }
}
