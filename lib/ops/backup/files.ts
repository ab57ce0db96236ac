import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// Streaming file helpers for backup and restore: bytes pass through a SHA-256 on their way to
// disk, so no file is ever held in memory whatever its size.

export type Digest = { sha256: string; size: number };

/** A pass-through that hashes and counts what goes through it (backups, evidence packs). */
export function hashingStream(): { stream: Transform; digest: () => Digest } {
  const hash = crypto.createHash("sha256");
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return { stream, digest: () => ({ sha256: hash.digest("hex"), size }) };
}

/**
 * Streams what `open` returns into a new file at `destination` (never over an existing one),
 * returning the bytes' SHA-256 and size. The file is fsynced before close; on failure it is
 * removed. The source is opened only once the pipeline can take its errors.
 */
export async function copyHashed(open: () => Readable, destination: string): Promise<Digest> {
  await fs.promises.mkdir(path.dirname(destination), { recursive: true });
  const { stream, digest } = hashingStream();
  const out = fs.createWriteStream(destination, { flags: "wx", mode: 0o600, flush: true });
  try {
    await pipeline(open(), stream, out);
  } catch (error) {
    // Only once its descriptor is closed: a stream still opening would create the file after the rm.
    if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
    await fs.promises.rm(destination, { force: true });
    throw error;
  }
  return digest();
}

/** A file's SHA-256 and size, read as a stream. */
export async function hashFile(file: string): Promise<Digest> {
  const { stream, digest } = hashingStream();
  stream.resume();
  await pipeline(fs.createReadStream(file), stream);
  return digest();
}

/** Every regular file under `root` (relative paths, sorted); none if it does not exist. */
export async function filesUnder(root: string): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}
