import type { Readable, Writable } from "node:stream";

/** Inclusive byte offsets, as in an HTTP Range. */
export type ByteRange = { start: number; end: number };

/**
 * Somewhere to keep uploaded bytes under keys the server makes up. Nothing here knows about
 * evidence, users or file names: a key is all a stored object has.
 */
export interface StorageProvider {
  /** Starts a new object under a fresh random key. Nothing is visible under the key until commit. */
  createWriteTarget(): Promise<WriteTarget>;
  openRead(key: string, range?: ByteRange): Readable;
  stat(key: string): Promise<{ size: number }>;
  /** Removes an object; removing one that is already gone is not an error. */
  delete(key: string): Promise<void>;
}

export interface WriteTarget {
  readonly key: string;
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
  /** The caller has recorded the key (its row is committed): the object is no longer pending. */
  recorded(): Promise<void>;
  /** Throws the object away, committed or not. Safe to call more than once, and after a failed commit. */
  abort(): Promise<void>;
}
