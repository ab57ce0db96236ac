import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage/local-disk";

// A crash mid-upload leaves a .part file; the server sweeps old ones at start. It must never
// take an upload still streaming, nor a committed file.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function ageFile(file: string, ageMs: number) {
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

describe("sweeping abandoned partial uploads", () => {
  it("removes .part files older than the limit and keeps fresh ones and committed files", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-sweep-"));
    dirs.push(root);
    const storage = new LocalDiskStorage(root);
    const committed = await storage.createWriteTarget();
    committed.stream.end("kept");
    await new Promise((resolve) => committed.stream.once("finish", resolve));
    await committed.commit();

    const tmp = path.join(root, "tmp");
    const old = path.join(tmp, "a".repeat(32) + ".part");
    const fresh = path.join(tmp, "b".repeat(32) + ".part");
    const notPart = path.join(tmp, "notes.txt");
    for (const file of [old, fresh, notPart]) fs.writeFileSync(file, "x");
    ageFile(old, 2 * 86_400_000);
    ageFile(notPart, 2 * 86_400_000);
    ageFile(fresh, 60_000);

    expect(await storage.sweepAbandonedParts(86_400_000)).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(notPart)).toBe(true);
    expect(fs.readFileSync(storage.pathOf(committed.key), "utf8")).toBe("kept");
  });

  it("does nothing when no upload has ever started", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-sweep-"));
    dirs.push(root);
    expect(await new LocalDiskStorage(path.join(root, "never-created")).sweepAbandonedParts(0)).toBe(0);
  });
});
