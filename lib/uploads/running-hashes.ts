import crypto from "node:crypto";

export type RunningHash = { hash: crypto.Hash; bytes: number };

/**
 * The SHA-256 of resumable uploads whose every byte, from the first, has passed through this
 * process in order: hashed as it is staged, so the finish need not read the whole file again
 * (docs/decisions/0027-adopting-staged-uploads.md). Only a shortcut: an upload that moved to
 * another server, restarted, lost bytes or is not known here is read again at its finish, so
 * nothing depends on this memory agreeing with any other process. Node cannot save a SHA-256's
 * state, so it cannot live in the database.
 */
export class RunningHashes {
  private readonly hashes = new Map<string, RunningHash>();

  /** At most `maxUploads` are kept (the least recently fed go first): abandoned ones are never taken. */
  constructor(private readonly maxUploads = 1000) {}

  /**
   * Where bytes written at `offset` are to be hashed, or undefined if this process has not
   * hashed every byte before `offset` (the upload is then forgotten here, and read at its finish).
   */
  continueAt(id: string, offset: number): RunningHash | undefined {
    const known = offset === 0 ? { hash: crypto.createHash("sha256"), bytes: 0 } : this.hashes.get(id);
    this.hashes.delete(id);
    if (!known || known.bytes !== offset) return undefined;
    this.hashes.set(id, known);
    for (const oldest of this.hashes.keys()) {
      if (this.hashes.size <= this.maxUploads) break;
      this.hashes.delete(oldest);
    }
    return known;
  }

  /** After a write: kept only if the hash saw exactly the bytes the file now holds. */
  written(id: string, running: RunningHash, fileLength: number): void {
    if (running.bytes !== fileLength || this.hashes.get(id) !== running) this.forget(id);
  }

  forget(id: string): void {
    this.hashes.delete(id);
  }

  /** The whole file's SHA-256 if this process hashed all `size` bytes of it; forgotten either way. */
  take(id: string, size: number): string | undefined {
    const running = this.hashes.get(id);
    this.hashes.delete(id);
    return running && running.bytes === size ? running.hash.digest("hex") : undefined;
  }
}
