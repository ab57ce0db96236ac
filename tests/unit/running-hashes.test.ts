import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { RunningHashes } from "@/lib/uploads/running-hashes";

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Feeds bytes as the staging store does: continueAt, update, written with the file's new length. */
function feed(hashes: RunningHashes, id: string, offset: number, bytes: Buffer, fileLength = offset + bytes.length) {
  const running = hashes.continueAt(id, offset);
  if (running) {
    running.hash.update(bytes);
    running.bytes += bytes.length;
    hashes.written(id, running, fileLength);
  }
  return running !== undefined;
}

const file = crypto.randomBytes(3000);

describe("running hashes of staged uploads", () => {
  it("gives the whole file's SHA-256 when every byte came through in order, once", () => {
    const hashes = new RunningHashes();
    expect(feed(hashes, "u", 0, file.subarray(0, 1000))).toBe(true);
    expect(feed(hashes, "u", 1000, file.subarray(1000))).toBe(true);
    expect(hashes.take("u", file.length)).toBe(sha256(file));
    expect(hashes.take("u", file.length)).toBeUndefined();
  });

  it("forgets an upload whose bytes before the offset were written elsewhere", () => {
    const hashes = new RunningHashes();
    feed(hashes, "u", 0, file.subarray(0, 1000));
    // Bytes 1000..2000 went to another server; this one is asked to continue at 2000.
    expect(feed(hashes, "u", 2000, file.subarray(2000))).toBe(false);
    expect(hashes.take("u", file.length)).toBeUndefined();
  });

  it("forgets an upload whose file does not hold exactly the bytes hashed", () => {
    const hashes = new RunningHashes();
    // The write stopped short of what passed through the hash.
    feed(hashes, "u", 0, file.subarray(0, 1000), 900);
    expect(hashes.continueAt("u", 1000)).toBeUndefined();
    expect(hashes.take("u", 1000)).toBeUndefined();
  });

  it("gives nothing for a size other than the bytes hashed", () => {
    const hashes = new RunningHashes();
    feed(hashes, "u", 0, file.subarray(0, 1000));
    expect(hashes.take("u", file.length)).toBeUndefined();
  });

  it("starts again from the first byte", () => {
    const hashes = new RunningHashes();
    feed(hashes, "u", 0, Buffer.from("something else entirely"));
    feed(hashes, "u", 0, file);
    expect(hashes.take("u", file.length)).toBe(sha256(file));
  });

  it("keeps at most its limit, dropping the upload fed least recently", () => {
    const hashes = new RunningHashes(2);
    feed(hashes, "a", 0, file.subarray(0, 10));
    feed(hashes, "b", 0, file.subarray(0, 10));
    feed(hashes, "a", 10, file.subarray(10, 20));
    feed(hashes, "c", 0, file.subarray(0, 10));
    expect(hashes.take("b", 10)).toBeUndefined();
    expect(hashes.take("a", 20)).toBe(sha256(file.subarray(0, 20)));
    expect(hashes.take("c", 10)).toBe(sha256(file.subarray(0, 10)));
  });
});
