import { Readable } from "node:stream";
import { getActor } from "../auth/session";
import { db } from "../db";
import { AppError, ForbiddenError } from "../errors";
import { plainText } from "../http/downloads";
import { logUnexpected } from "../ops/log";
import { storage } from "../storage";
import { openPack } from "./build";
import type { PackRequest } from "./scope";

// The GET of the evidence pack routes (app/api/packs/...): outside proxy.ts's matcher like every
// /api route, so each request authenticates and authorizes here. A pack the actor may not see
// answers 404 with the same words as a missing one; a refusal they can act on (their visit has
// ended) answers 403 with the policy's words; neither writes anything.

/** RFC 5987 encoding for filename*. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function packResponse(request: PackRequest): Promise<Response> {
  const actor = await getActor();
  if (!actor) return plainText(401, "Your session has ended. Sign in again, then download the evidence pack.");
  let pack;
  try {
    pack = await openPack(db, actor, request, { store: storage() });
  } catch (error) {
    if (error instanceof ForbiddenError) return plainText(403, error.userMessage);
    if (error instanceof AppError) return plainText(404, error.userMessage);
    throw error;
  }
  const { packId } = pack;
  pack.finished.catch((error: unknown) =>
    logUnexpected("building an evidence pack failed", error, { packId, ...request }),
  );
  return new Response(Readable.toWeb(pack.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${pack.fileName}"; filename*=UTF-8''${encodeRfc5987(pack.fileName)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
