import fs from "node:fs";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { assertKey, keyPattern, newKey } from "./keys";
import type { ByteRange, CommittedObject, StorageProvider, WriteTarget } from "./storage-provider";

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await fs.promises.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

/** Resolves once the stream has released its file descriptor (or never had one). */
function closed(stream: Writable): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once("close", () => resolve()));
}

/** Flushes a file's bytes to disk, so that a commit means durable. */
async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** An object whose final name is linked and whose `.part` name is the pending mark. */
function committedObject(key: string, partPath: string, finalPath: string): CommittedObject {
  let state: "committed" | "recorded" | "aborted" = "committed";
  return {
    key,
    recorded: async () => {
      if (state !== "committed") throw new Error(`cannot mark a write target that is ${state} as recorded`);
      await unlinkIfPresent(partPath);
      state = "recorded";
    },
    abort: async () => {
      if (state !== "committed") return;
      state = "aborted";
      // The object first: a crash in between leaves the mark, and the sweep finishes the job.
      await unlinkIfPresent(finalPath);
      await unlinkIfPresent(partPath);
    },
  };
}

/**
 * Files under one root directory: `<root>/tmp/<key>.part` while being written, then linked
 * (atomic on one file system) to `<root>/<first two characters of key>/<key>`. The `.part` name
 * stays until the caller has recorded the key, so a crash in between leaves a mark the boot
 * sweep can act on (docs/decisions/0014-crash-safety.md).
 */
export class LocalDiskStorage implements StorageProvider {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, key.slice(0, 2), key);
  }

  private async newPart(): Promise<{ key: string; partPath: string; finalPath: string }> {
    const tmpDir = path.join(this.root, "tmp");
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const key = newKey();
    return { key, partPath: path.join(tmpDir, `${key}.part`), finalPath: this.pathOf(key) };
  }

  /** Links the object's final name: a second name for the same file, as the .part name is the pending mark. */
  private async linkFinal(partPath: string, finalPath: string): Promise<void> {
    await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
    await fs.promises.link(partPath, finalPath);
  }

  async createWriteTarget(): Promise<WriteTarget> {
    const { key, partPath, finalPath } = await this.newPart();
    // "wx": never reuse an existing file; flush: fsync before close, so a commit means durable.
    const stream = fs.createWriteStream(partPath, { flags: "wx", mode: 0o600, flush: true });
    // The pipeline reports write errors; this only stops an unhandled 'error' event when the
    // stream is destroyed outside one.
    stream.on("error", () => {});
    let state: "open" | "aborted" = "open";
    let committed: CommittedObject | undefined;

    return {
      key,
      stream,
      readWritten: () => fs.createReadStream(partPath),
      commit: async () => {
        if (committed || state !== "open")
          throw new Error(`cannot commit a write target that is ${committed ? "committed" : state}`);
        if (!stream.writableFinished) throw new Error("cannot commit before the stream has finished");
        await closed(stream);
        await this.linkFinal(partPath, finalPath);
        committed = committedObject(key, partPath, finalPath);
      },
      recorded: async () => {
        if (!committed) throw new Error(`cannot mark a write target that is ${state} as recorded`);
        await committed.recorded();
      },
      abort: async () => {
        if (committed) return committed.abort();
        if (state !== "open") return;
        state = "aborted";
        // Wait for the descriptor to close: a stream still opening would otherwise create the
        // .part file after we unlinked it.
        if (!stream.destroyed) stream.destroy();
        await closed(stream);
        await unlinkIfPresent(partPath);
      },
    };
  }

  /**
   * A staged resumable upload becomes an object by a second name for its file, instead of a
   * second write of every byte (docs/decisions/0027-adopting-staged-uploads.md). Needs the file
   * on the same file system as the root (a hard link); elsewhere (EXDEV) it answers undefined.
   */
  async adoptFile(file: string): Promise<CommittedObject | undefined> {
    const { key, partPath, finalPath } = await this.newPart();
    try {
      await fs.promises.link(file, partPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EXDEV") return undefined;
      throw error;
    }
    try {
      // The same file now has the mark's name; the staging side never flushed it.
      await fs.promises.chmod(partPath, 0o600);
      await fsyncFile(partPath);
      await this.linkFinal(partPath, finalPath);
    } catch (error) {
      await unlinkIfPresent(finalPath);
      await unlinkIfPresent(partPath);
      throw error;
    }
    return committedObject(key, partPath, finalPath);
  }

  openRead(key: string, range?: ByteRange): Readable {
    return fs.createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ size: number }> {
    const stats = await fs.promises.stat(this.pathOf(key));
    return { size: stats.size };
  }

  async delete(key: string): Promise<void> {
    await unlinkIfPresent(this.pathOf(key));
  }

  /**
   * Removes `.part` files left by uploads that were cut off by a crash or a restart (a normal
   * failure removes its own). Only those untouched for `olderThanMs`, so an upload still
   * streaming is never taken. A `.part` whose object was committed marks an upload that died
   * before its caller recorded the key: the object goes too, unless `isRecorded` says the
   * record was made after all (only the mark's removal was lost). Returns how many were removed.
   */
  async sweepAbandonedParts(
    olderThanMs: number,
    now = Date.now(),
    isRecorded: (key: string) => Promise<boolean> = async () => true,
  ): Promise<number> {
    const tmpDir = path.join(this.root, "tmp");
    let names: string[];
    try {
      names = await fs.promises.readdir(tmpDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(".part"))) {
      const file = path.join(tmpDir, name);
      const stats = await fs.promises.stat(file).catch(() => null);
      if (stats?.isFile() && now - stats.mtimeMs > olderThanMs) {
        const key = name.slice(0, -".part".length);
        if (keyPattern.test(key) && fs.existsSync(this.pathOf(key)) && !(await isRecorded(key))) {
          await unlinkIfPresent(this.pathOf(key));
        }
        await unlinkIfPresent(file);
        removed++;
      }
    }
    return removed;
  }
}
