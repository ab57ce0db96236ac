import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { readCrosswalkFile } from "@/lib/standards/crosswalk-files";
import type { CrosswalkFile } from "@/lib/standards/crosswalk-schema";
import { importStandards } from "@/lib/standards/import";
import { standardsDir } from "@/lib/standards/load-files";
import { changedTables, openSnapshotter, type Snapshot } from "../helpers/db-snapshot";
import { provider, useMigratedDb } from "../helpers/test-db";

// Loading standards/crosswalk.json with the units (npm run standards:import): its pairs join
// criteria of the loaded unit versions; importing again makes nothing new; a crosswalk naming
// an unknown criterion is refused, naming the file, the pair and the reference, and nothing at
// all loads (units included); a changed pair or a changed unit makes a new crosswalk version
// beside the old one, which keeps its pairs.

const parsed = readCrosswalkFile();
if (!parsed?.ok) throw new Error(`standards/crosswalk.json is missing or invalid: ${JSON.stringify(parsed)}`);
const crosswalk: CrosswalkFile = parsed.crosswalk;

// Temporary copies of standards/, edited by the cases below.
const tmpDirs: string[] = [];
afterAll(() => tmpDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

/** A copy of standards/ with the crosswalk and, optionally, a unit file edited. */
function editedStandards(edit: { crosswalk?: (json: Editable) => void; cs34?: (json: Editable) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-crosswalk-"));
  tmpDirs.push(dir);
  fs.cpSync(standardsDir, dir, { recursive: true });
  const rewrite = (file: string, change?: (json: Editable) => void) => {
    if (!change) return;
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Editable;
    change(json);
    fs.writeFileSync(path.join(dir, file), `${JSON.stringify(json, null, 2)}\n`);
  };
  rewrite("crosswalk.json", edit.crosswalk);
  rewrite("CS34.json", edit.cs34);
  return dir;
}

const rewordFirstPair = (json: Editable) => {
  json.pairs[0].rationale = "Reworded for the test.";
};
const rewordCs34 = (json: Editable) => {
  json.groups[0].criteria[0].text = `${json.groups[0].criteria[0].text} (reworded)`;
};

/** Every table's rows, read over a connection of its own. */
async function snapshot(url: string): Promise<Snapshot> {
  const snapshotter = await openSnapshotter(url);
  try {
    return await snapshotter.take();
  } finally {
    await snapshotter.close();
  }
}

/** The pairs of a crosswalk version as the file would name them. */
async function storedPairs(db: Db, number: number) {
  const version = await db.crosswalkVersion.findUniqueOrThrow({
    where: { number },
    include: {
      pairs: {
        orderBy: { position: "asc" },
        include: {
          aCriterion: { include: { unitVersion: { include: { unit: true } } } },
          bCriterion: { include: { unitVersion: { include: { unit: true } } } },
        },
      },
    },
  });
  const end = (c: (typeof version.pairs)[number]["aCriterion"]) => ({
    unit: c.unitVersion.unit.code,
    kind: c.kind,
    ref: c.ref,
    unitVersion: c.unitVersion.number,
  });
  return version.pairs.map((p) => ({
    id: p.id,
    a: end(p.aCriterion),
    b: end(p.bCriterion),
    relation: p.relation,
    rationale: p.rationale,
  }));
}

const asInFile = (pairs: Awaited<ReturnType<typeof storedPairs>>) =>
  pairs.map(({ a, b, relation, rationale }) => ({
    a: { unit: a.unit, kind: a.kind, ref: a.ref },
    b: { unit: b.unit, kind: b.kind, ref: b.ref },
    relation,
    rationale,
  }));

describe(`importing the crosswalk on ${provider}`, () => {
  const state = useMigratedDb();
  let first: Awaited<ReturnType<typeof importStandards>>;
  beforeAll(async () => {
    first = await importStandards(state.db);
  });

  it("loads every pair, joining criteria of the unit versions just loaded", async () => {
    expect(first.errors).toEqual([]);
    expect(first.crosswalk).toEqual({ version: 1, change: "created", pairs: crosswalk.pairs.length });
    const pairs = await storedPairs(state.db, 1);
    expect(asInFile(pairs)).toEqual(crosswalk.pairs);
    expect(pairs.every((p) => p.a.unitVersion === 1 && p.b.unitVersion === 1)).toBe(true);
    const version = await state.db.crosswalkVersion.findUniqueOrThrow({ where: { number: 1 } });
    const { $schema: _schema, ...document } = crosswalk;
    expect(version.document).toEqual(document);
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await state.db.auditEvent.count({ where: { action: "standards.crosswalkVersion", entityId: version.id } }),
    ).toBe(1);
  });

  it("creates nothing when the same files are imported again", async () => {
    const before = await snapshot(state.url);
    const again = await importStandards(state.db);
    expect(again.errors).toEqual([]);
    expect(again.crosswalk).toEqual({ version: 1, change: "unchanged", pairs: crosswalk.pairs.length });
    expect(again.outcomes.every((o) => o.change === "unchanged")).toBe(true);
    expect(changedTables(before, await snapshot(state.url))).toEqual([]);
  });

  it("makes version 2 when a pair changes, and keeps version 1 with its pairs", async () => {
    const v1 = await storedPairs(state.db, 1);
    const report = await importStandards(state.db, editedStandards({ crosswalk: rewordFirstPair }));
    expect(report.errors).toEqual([]);
    expect(report.crosswalk).toEqual({ version: 2, change: "newVersion", pairs: crosswalk.pairs.length });
    expect(report.outcomes.every((o) => o.change === "unchanged")).toBe(true);

    expect(await storedPairs(state.db, 1)).toEqual(v1);
    const v2 = await storedPairs(state.db, 2);
    expect(v2[0]?.rationale).toBe("Reworded for the test.");
    expect(asInFile(v2).slice(1)).toEqual(crosswalk.pairs.slice(1));
    expect(await state.db.crosswalkVersion.count()).toBe(2);
  });

  it("makes a new version pinned to a unit's new version when only the unit changes", async () => {
    const before = await state.db.crosswalkVersion.count();
    // The crosswalk as version 2 has it: only CS34 differs.
    const report = await importStandards(state.db, editedStandards({ crosswalk: rewordFirstPair, cs34: rewordCs34 }));
    expect(report.errors).toEqual([]);
    expect(report.outcomes.find((o) => o.code === "CS34")).toEqual({ code: "CS34", version: 2, change: "newVersion" });
    expect(report.crosswalk?.change).toBe("newVersion");
    const latest = await storedPairs(state.db, before + 1);
    const cs34Ends = latest.flatMap((p) => [p.a, p.b]).filter((end) => end.unit === "CS34");
    expect(cs34Ends.length).toBeGreaterThan(0);
    expect(cs34Ends.every((end) => end.unitVersion === 2)).toBe(true);
    const older = await storedPairs(state.db, before);
    expect(older.flatMap((p) => [p.a, p.b]).filter((end) => end.unit === "CS34" && end.unitVersion !== 1)).toEqual([]);
  });
});

describe(`a crosswalk naming an unknown criterion on ${provider}`, () => {
  const state = useMigratedDb();
  const unknownRef = (json: Editable) => {
    json.pairs[5].b = { unit: json.pairs[5].b.unit, kind: json.pairs[5].b.kind, ref: "9.9" };
  };
  const pair5 = crosswalk.pairs[5]!;
  const message = new RegExp(
    `^crosswalk\\.json: pairs\\[5\\] \\(${pair5.a.unit} ${pair5.a.kind} ${pair5.a.ref.replace(/[./]/g, "\\$&")} / ${pair5.b.unit} ${pair5.b.kind} 9\\.9\\): b: unknown reference ${pair5.b.unit} ${pair5.b.kind} 9\\.9: ${pair5.b.unit} has no ${pair5.b.kind} criterion 9\\.9$`,
  );

  it("is refused on an empty database, naming the file, the pair and the reference; no table gets a row", async () => {
    const before = await snapshot(state.url);
    const report = await importStandards(state.db, editedStandards({ crosswalk: unknownRef }));
    expect(report.outcomes).toEqual([]);
    expect(report.crosswalk).toBeNull();
    expect(report.errors).toEqual([expect.stringMatching(message)]);
    expect(changedTables(before, await snapshot(state.url))).toEqual([]);
    expect(await state.db.unit.count()).toBe(0);
  });

  it("is refused on a loaded database with a changed unit beside it: neither the unit nor the crosswalk loads", async () => {
    expect((await importStandards(state.db)).errors).toEqual([]);
    const before = await snapshot(state.url);
    const dir = editedStandards({
      crosswalk: unknownRef,
      cs34: rewordCs34,
    });
    const report = await importStandards(state.db, dir);
    expect(report).toEqual({ outcomes: [], crosswalk: null, errors: [expect.stringMatching(message)] });
    expect(changedTables(before, await snapshot(state.url))).toEqual([]);
  });

  it("makes npm run standards:import exit 1, say why on stderr and load nothing", async () => {
    const before = await snapshot(state.url);
    const result = await runImportCli(state.url, editedStandards({ crosswalk: unknownRef }));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(message)]);
    expect(result.stdout).toMatch(/the crosswalk was refused and nothing was loaded\.$/m);
    expect(changedTables(before, await snapshot(state.url))).toEqual([]);
  });
});

function runImportCli(url: string, dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-standards.ts", dir], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
