import fs from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { RunningHash } from "./running-hashes";

/** tus's answer to a body longer than the upload has left (its own wording and status). */
export const sizeExceeded = { status_code: 413, body: "upload's size exceeded\n" } as const;

export type Append = {
  /** The staged file, written from `offset` on. */
  path: string;
  offset: number;
  /** A PATCH's body: the request itself (node) or its web stream made a Readable. */
  body: Readable;
  /** What the upload has left: a longer body is refused, and what came before it kept. */
  maxBytes: number;
  /** Fed every byte on its way to the file, when this process has hashed all before `offset`. */
  running?: RunningHash;
  /** Aborted when another request needs the upload: stop reading, keep what arrived. */
  stop: AbortSignal;
};

/**
 * Appends a PATCH's body to the staged file in one hop (count, limit, hash) and answers the
 * file's new length. The body ending early (the client went away, or `stop`) is not an error:
 * what arrived is written, and the client's next HEAD learns where to go on from. This is the
 * whole of the bytes' path for resumable uploads (docs/decisions/0028-upload-bytes-on-node-streams.md):
 * tus's own PATCH puts three more streams and a web stream between the socket and the file.
 */
export async function appendStaged({ path, offset, body, maxBytes, running, stop }: Append): Promise<number> {
  let bytes = 0;
  let tooLong = false;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        tooLong = true;
        return done(new Error("body longer than the upload"));
      }
      if (running) {
        running.hash.update(chunk);
        running.bytes += chunk.length;
      }
      done(null, chunk);
    },
  });
  const target = fs.createWriteStream(path, { flags: "r+", start: offset });
  // Not pipeline for the body: its failure must end the file gracefully, not destroy it.
  const endEarly = () => {
    body.unpipe(meter);
    if (!meter.writableEnded) meter.end();
  };
  body.once("error", endEarly);
  body.once("close", () => {
    if (!body.readableEnded) endEarly();
  });
  stop.addEventListener("abort", endEarly, { once: true });
  body.pipe(meter);
  try {
    await pipeline(meter, target);
  } catch (error) {
    // tus's errors are plain objects with a status (lib/uploads/tus-server.ts answers them as they are).
    throw tooLong ? sizeExceeded : error;
  } finally {
    stop.removeEventListener("abort", endEarly);
    body.unpipe(meter);
  }
  return offset + target.bytesWritten;
}
