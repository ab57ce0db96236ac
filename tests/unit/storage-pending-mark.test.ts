import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "@/lib/storage/local-disk";

// A committed upload keeps its .part name as a mark until the caller has recorded its key; a
// crash in between leaves the mark, and the boot sweep removes the object unless a record of
// the key exists (docs/decisions/0014-crash-safety.md). tests/integration/crash-safety.test.ts
// kills a real process in that gap; this checks each branch of the sweep directly.

const day = 86_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function committed(storage: LocalDiskStorage, content: string) {
  const target = await storage.createWriteTarget();
  target.stream.end(content);
  await new Promise((resolve) => target.stream.once("finish", resolve));
  await target.commit();
  return target;
}

function setUp() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cp-mark-"));
  dirs.push(root);
  const storage = new LocalDiskStorage(root);
  const tmpFiles = () => fs.readdirSync(path.join(root, "tmp"));
  /** Ages a file (and so its object: the mark is a second name for the same file). */
  const age = (key: string) => {
    const when = new Date(Date.now() - 2 * day);
    fs.utimesSync(path.join(root, "tmp", `${key}.part`), when, when);
  };
  return { storage, tmpFiles, age };
}

describe("the pending mark of a committed upload", () => {
  it("is gone once the caller says the key is recorded, and the object stays", async () => {
    const { storage, tmpFiles } = setUp();
    const target = await committed(storage, "recorded");
    expect(tmpFiles()).toEqual([`${target.key}.part`]);
    await target.recorded();
    expect(tmpFiles()).toEqual([]);
    expect(fs.readFileSync(storage.pathOf(target.key), "utf8")).toBe("recorded");
  });

  it("leads the sweep to remove an object nobody recorded, and to keep one that was", async () => {
    const { storage, tmpFiles, age } = setUp();
    const orphan = await committed(storage, "never recorded");
    const kept = await committed(storage, "recorded, mark left behind");
    age(orphan.key);
    age(kept.key);
    const asked: string[] = [];
    const removed = await storage.sweepAbandonedParts(day, Date.now(), async (key) => {
      asked.push(key);
      return key === kept.key;
    });
    expect(removed).toBe(2);
    expect(asked.sort()).toEqual([orphan.key, kept.key].sort());
    expect(fs.existsSync(storage.pathOf(orphan.key))).toBe(false);
    expect(fs.readFileSync(storage.pathOf(kept.key), "utf8")).toBe("recorded, mark left behind");
    expect(tmpFiles()).toEqual([]);
  });

  it("keeps the object when the sweep is not told how to look records up", async () => {
    const { storage, age } = setUp();
    const target = await committed(storage, "unknown");
    age(target.key);
    expect(await storage.sweepAbandonedParts(day)).toBe(1);
    expect(fs.existsSync(storage.pathOf(target.key))).toBe(true);
  });

  it("goes with the object when a committed upload is aborted", async () => {
    const { storage, tmpFiles } = setUp();
    const target = await committed(storage, "thrown away");
    await target.abort();
    expect(fs.existsSync(storage.pathOf(target.key))).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });
});
