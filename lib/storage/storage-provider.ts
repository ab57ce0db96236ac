import type { Readable, Writable } from "node:stream";

/** Inclusive byte offsets, as in an HTTP Range. */
export type ByteRange = { start: number; end: number };

/**
 * Somewhere to keep uploaded bytes under keys the server makes up. Nothing here knows about
 * evidence, users or file names: a key is all a stored object has.
 */
export interface StorageProvider {
  /**
   * Starts a new object under a fresh random key, marked as pending before its first byte. An
   * object under the key is never partial: it appears whole or not at all (at commit on local
   * disk; on S3 when the stream finishes, as an upload completes), and nothing reads a key before
   * its caller has recorded it.
   */
  createWriteTarget(): Promise<WriteTarget>;
  /**
   * Takes a complete file on this server's disk as a new object without copying its bytes, if
   * the provider can (local disk, same file system: a second name for the file). Committed but
   * pending, like a write target after commit; the file itself stays the caller's to remove.
   * Undefined (or absent) where it cannot, and the caller copies the file through a write target.
   */
  adoptFile?(file: string): Promise<CommittedObject | undefined>;
  openRead(key: string, range?: ByteRange): Readable;
  stat(key: string): Promise<{ size: number }>;
  /** Removes an object; removing one that is already gone is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes the pending marks of uploads a crash or restart cut off, if untouched for
   * `olderThanMs`, with their objects unless `isRecorded` says a record names the key after all
   * (docs/decisions/0014-crash-safety.md). Returns how many marks were removed.
   */
  sweepAbandonedParts(olderThanMs: number, now?: number, isRecorded?: (key: string) => Promise<boolean>): Promise<number>;
}

/** An object under its key, still marked as pending until `recorded`. */
export interface CommittedObject {
  readonly key: string;
  /** The caller has recorded the key (its row is committed): the object is no longer pending. */
  recorded(): Promise<void>;
  /** Throws the object away. Safe to call more than once; does nothing once recorded. */
  abort(): Promise<void>;
}

export interface WriteTarget extends CommittedObject {
  /** Pipe the bytes here; commit or abort only once the pipeline has settled. */
  readonly stream: Writable;
  /**
   * Reads back what has been written so far, before commit. Used to sniff ZIP-based office
   * files whose telling entry lies past the first few KiB. Only valid after the stream finished.
   */
  readWritten(): Readable;
  /**
   * Makes the object durable under `key`. Until `recorded`, it stays marked as pending: if the
   * process dies before the caller records the key, the boot sweep removes it.
   */
  commit(): Promise<void>;
  /** Throws the object away, committed or not. Safe to call more than once, and after a failed commit. */
  abort(): Promise<void>;
}
