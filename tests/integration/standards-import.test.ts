import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { contentHashOf, importStandards } from "@/lib/standards/import";
import { readUnitFiles, standardsDir } from "@/lib/standards/load-files";
import type { UnitFile } from "@/lib/standards/schema";
import { createEmptyDatabase, provider, useMigratedDb } from "../helpers/test-db";
import { plannedPeriod } from "@/lib/enrolments/planned-period";

// Loading standards/*.json into the database: counts, idempotency, versioning that keeps old
// text for pinned enrolments, refusal of invalid files, and the command-line importer.

const state = useMigratedDb();

const units: UnitFile[] = readUnitFiles().map((p) => {
  if (!p.ok) throw new Error(`standards/${p.file} is invalid:\n${p.errors.join("\n")}`);
  return p.unit;
});
const codes = units.map((u) => u.code).sort();
const allCriteria = (u: UnitFile) => u.groups.flatMap((g) => g.criteria);
const expected = {
  units: units.length,
  groups: units.reduce((n, u) => n + u.groups.length, 0),
  criteria: units.reduce((n, u) => n + allCriteria(u).length, 0),
  rangeItems: units.reduce((n, u) => n + allCriteria(u).reduce((m, c) => m + (c.range?.items.length ?? 0), 0), 0),
  requirements: units.reduce((n, u) => n + u.evidenceRequirements.length, 0),
};

async function rowCounts(db: Db) {
  const [unit, unitVersion, criterionGroup, criterion, rangeItem, evidenceRequirement, auditEvent] = await Promise.all([
    db.unit.count(),
    db.unitVersion.count(),
    db.criterionGroup.count(),
    db.criterion.count(),
    db.rangeItem.count(),
    db.evidenceRequirement.count(),
    db.auditEvent.count(),
  ]);
  return { unit, unitVersion, criterionGroup, criterion, rangeItem, evidenceRequirement, auditEvent };
}

const versionIds = async (db: Db) =>
  Object.fromEntries(
    (await db.unitVersion.findMany({ include: { unit: true } })).map((v) => [`${v.unit.code} v${v.number}`, v.id]),
  );

// Temporary directories holding edited copies of the unit files.
const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-standards-"));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => tmpDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

// Unit JSON edited freely by the cases below; its shape is what the importer is being tested on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EditableUnit = Record<string, any>;

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as EditableUnit;
const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** A directory holding only a copy of CS34.json, edited. */
function dirWithEditedCs34(edit: (unit: EditableUnit) => void): string {
  const dir = tmpDir();
  const unit = readJson(path.join(standardsDir, "CS34.json"));
  edit(unit);
  writeJson(path.join(dir, "CS34.json"), unit);
  return dir;
}

/** Runs fn against a freshly migrated database of its own, dropped afterwards. */
async function withFreshDb<T>(fn: (db: Db, url: string) => Promise<T>): Promise<T> {
  const database = await createEmptyDatabase();
  const db = createDb(database.url);
  try {
    await migrate(database.url);
    return await fn(db, database.url);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

describe(`importing standards/ on ${provider}`, () => {
  let first: Awaited<ReturnType<typeof importStandards>>;
  beforeAll(async () => {
    first = await importStandards(state.db);
  });

  it("creates the five units, one version each, with every criterion and range item", async () => {
    expect(first.errors).toEqual([]);
    expect(first.outcomes.map((o) => o.code).sort()).toEqual(codes);
    expect(first.outcomes.every((o) => o.change === "created" && o.version === 1)).toBe(true);
    expect(codes).toEqual(["CFAM&LFD3", "CS34", "CS5", "CU782", "INSCS042"]);
    expect(await rowCounts(state.db)).toEqual({
      unit: 5,
      unitVersion: 5,
      criterionGroup: expected.groups,
      criterion: expected.criteria,
      rangeItem: expected.rangeItems,
      evidenceRequirement: expected.requirements,
      // One per unit version, and one for the crosswalk's first version (standards/crosswalk.json).
      auditEvent: 6,
    });
  });

  it("stores each unit as its file says: groups, criteria, ranges, requirements, document, hash", async () => {
    for (const unit of units) {
      const version = await state.db.unitVersion.findFirstOrThrow({
        where: { unit: { code: unit.code }, number: 1 },
        include: {
          groups: {
            orderBy: { position: "asc" },
            include: {
              criteria: { orderBy: { position: "asc" }, include: { rangeItems: { orderBy: { position: "asc" } } } },
            },
          },
          requirements: { orderBy: { position: "asc" } },
        },
      });
      expect(version.title, unit.code).toBe(unit.title);
      expect(version.kind).toBe(unit.kind);
      expect(version.level).toBe(unit.metadata.level ?? null);
      expect(version.creditValue).toBe(unit.metadata.creditValue ?? null);
      expect(version.sourceVersion).toBe(unit.metadata.version ?? null);
      expect(version.contentHash).toBe(contentHashOf(unit));
      const { $schema: _schema, ...document } = unit;
      expect(version.document).toEqual(document);

      const stored = version.groups.map((g) => ({
        ref: g.ref ?? undefined,
        kind: g.kind,
        title: g.title,
        assessmentMethods: g.assessmentMethods ?? undefined,
        notes: g.notes ?? undefined,
        criteria: g.criteria.map((c) => ({
          ref: c.ref,
          kind: c.kind,
          text: c.text,
          range:
            c.rangeItems.length || c.rangeTitle || c.rangeRule || c.rangeGuidance
              ? {
                  title: c.rangeTitle ?? undefined,
                  rule:
                    c.rangeRule === null
                      ? null
                      : c.rangeRule === "all"
                        ? { rule: "all" }
                        : { rule: c.rangeRule, n: c.rangeMin },
                  guidance: c.rangeGuidance ?? [],
                  items: c.rangeItems.map((i) => i.text),
                }
              : undefined,
          guidance: c.guidance ?? undefined,
        })),
      }));
      expect(stored, unit.code).toEqual(unit.groups);
      expect(version.requirements.map((r) => ({ ref: r.ref, text: r.text, items: r.items, checks: r.checks }))).toEqual(
        unit.evidenceRequirements,
      );
    }
  });

  it("keeps the CS34 1.2 rule (at least 3 of 9) and CU782 requirement 1's checks in the database", async () => {
    const c12 = await state.db.criterion.findFirstOrThrow({
      where: { ref: "1.2", unitVersion: { unit: { code: "CS34" } } },
      include: { rangeItems: true },
    });
    expect([c12.rangeRule, c12.rangeMin, c12.rangeItems.length]).toEqual(["atLeast", 3, 9]);
    const req1 = await state.db.evidenceRequirement.findFirstOrThrow({
      where: { ref: "1", unitVersion: { unit: { code: "CU782" } } },
    });
    expect(req1.checks).toEqual({ realWorkOnly: true, simulationAllowed: false });
  });

  it("changes nothing when imported a second time", async () => {
    const countsBefore = await rowCounts(state.db);
    const idsBefore = await versionIds(state.db);
    const second = await importStandards(state.db);
    expect(second.errors).toEqual([]);
    expect(second.outcomes.map((o) => o.code).sort()).toEqual(codes);
    expect(second.outcomes.filter((o) => o.change !== "unchanged" || o.version !== 1)).toEqual([]);
    expect(await versionIds(state.db)).toEqual(idsBefore);
    expect(await rowCounts(state.db)).toEqual(countsBefore);
  });
});

describe(`changed text on ${provider}`, () => {
  // A database of its own: the five units imported, an enrolment pinned to CS34 version 1,
  // then CS34 imported again with criterion 1.1 reworded.
  const own = useMigratedDb();
  const original = units.find((u) => u.code === "CS34")!.groups[0]!.criteria[0]!;
  const changedText = `${original.text} (reworded)`;
  let idsBefore: Record<string, string>;
  let v1Before: { id: string; contentHash: string; document: unknown };
  let enrolmentId: string;
  let report: Awaited<ReturnType<typeof importStandards>>;

  beforeAll(async () => {
    const db = own.db;
    expect((await importStandards(db)).errors).toEqual([]);
    idsBefore = await versionIds(db);
    v1Before = await db.unitVersion.findFirstOrThrow({
      where: { unit: { code: "CS34" }, number: 1 },
      select: { id: true, contentHash: true, document: true },
    });

    const centre = await db.centre.create({ data: { name: "Test Centre", slug: "test-centre" } });
    const candidate = await db.user.create({ data: { email: "candidate@example.test", name: "Test Candidate" } });
    const enrolment = await db.enrolment.create({
      data: {
        centreId: centre.id,
        candidateId: candidate.id,
        unitVersionId: v1Before.id,
        ...plannedPeriod(new Date("2025-01-06"), new Date("2025-07-06")),
      },
    });
    enrolmentId = enrolment.id;

    const dir = tmpDir();
    fs.cpSync(standardsDir, dir, { recursive: true });
    const cs34 = readJson(path.join(dir, "CS34.json"));
    expect(cs34.groups[0].criteria[0].ref).toBe("1.1");
    cs34.groups[0].criteria[0].text = changedText;
    writeJson(path.join(dir, "CS34.json"), cs34);
    report = await importStandards(db, dir);
  });

  it("adds CS34 version 2 and keeps version 1 as it was", async () => {
    expect(report.errors).toEqual([]);
    expect(report.outcomes.find((o) => o.code === "CS34")).toEqual({ code: "CS34", version: 2, change: "newVersion" });

    const versions = await own.db.unitVersion.findMany({
      where: { unit: { code: "CS34" } },
      orderBy: { number: "asc" },
      include: { criteria: { where: { ref: "1.1" } } },
    });
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    const [v1, v2] = versions as [(typeof versions)[0], (typeof versions)[0]];
    expect(v1.id).toBe(v1Before.id);
    expect(v1.contentHash).toBe(v1Before.contentHash);
    expect(v1.document).toEqual(v1Before.document);
    expect(v1.criteria.map((c) => c.text)).toEqual([original.text]);
    expect(v2.criteria.map((c) => c.text)).toEqual([changedText]);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const v2Count = await own.db.criterion.count({ where: { unitVersionId: v2.id } });
    expect(v2Count).toBe(await own.db.criterion.count({ where: { unitVersionId: v1.id } }));
  });

  it("leaves the other units alone", async () => {
    const others = report.outcomes.filter((o) => o.code !== "CS34");
    expect(others.map((o) => o.code).sort()).toEqual(codes.filter((c) => c !== "CS34"));
    expect(others.filter((o) => o.change !== "unchanged" || o.version !== 1)).toEqual([]);
    const ids = await versionIds(own.db);
    expect(ids).toEqual({ ...idsBefore, "CS34 v2": expect.any(String) });
  });

  it("keeps an enrolment pinned to version 1 on version 1 and its original text", async () => {
    const enrolment = await own.db.enrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      include: { unitVersion: { include: { criteria: { where: { ref: "1.1" } } } } },
    });
    expect(enrolment.unitVersionId).toBe(v1Before.id);
    expect(enrolment.unitVersion.number).toBe(1);
    expect(enrolment.unitVersion.criteria.map((c) => c.text)).toEqual([original.text]);
  });
});

describe(`invalid files on ${provider}`, () => {
  const cases: { name: string; edit: (unit: EditableUnit) => void; expect: RegExp[] }[] = [
    {
      name: "a criterion without text",
      edit: (u) => delete u.groups[0].criteria[0].text,
      expect: [/^CS34\.json: groups\[0\]\.criteria\[0\]\.text: /],
    },
    {
      name: "a duplicate reference",
      edit: (u) => (u.groups[0].criteria[1].ref = u.groups[0].criteria[0].ref),
      expect: [/^CS34\.json: groups\[0\]\.criteria\[1\]\.ref: duplicate reference 1\.1\b/],
    },
    {
      name: "an unknown range rule",
      edit: (u) => (u.groups[0].criteria[1].range.rule = { rule: "most" }),
      expect: [/^CS34\.json: groups\[0\]\.criteria\[1\]\.range\.rule(\.rule)?: /],
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}, naming file and path, and loads nothing`, async () => {
      const dir = dirWithEditedCs34(c.edit);
      await withFreshDb(async (db) => {
        const report = await importStandards(db, dir);
        expect(report.outcomes).toEqual([]);
        expect(report.errors).toHaveLength(c.expect.length);
        c.expect.forEach((pattern, i) => expect(report.errors[i]).toMatch(pattern));
        expect(await db.unit.findUnique({ where: { code: "CS34" } })).toBeNull();
        expect(await rowCounts(db)).toEqual({
          unit: 0,
          unitVersion: 0,
          criterionGroup: 0,
          criterion: 0,
          rangeItem: 0,
          evidenceRequirement: 0,
          auditEvent: 0,
        });
      });
    });
  }

  it("still loads the valid files in the same directory", async () => {
    const dir = dirWithEditedCs34((u) => delete u.groups[0].criteria[0].text);
    fs.copyFileSync(path.join(standardsDir, "CU782.json"), path.join(dir, "CU782.json"));
    await withFreshDb(async (db) => {
      const report = await importStandards(db, dir);
      expect(report.outcomes).toEqual([{ code: "CU782", version: 1, change: "created" }]);
      expect(report.errors).toEqual([expect.stringMatching(/^CS34\.json: groups\[0\]\.criteria\[0\]\.text: /)]);
      expect((await db.unit.findMany()).map((u) => u.code)).toEqual(["CU782"]);
    });
  });

  it("rolls back a unit whose import fails part-way", async () => {
    await withFreshDb(async (db) => {
      // The last write of a unit's rows fails: nothing written before it may remain.
      const failing = new Proxy(db, {
        get(target, prop) {
          if (prop !== "$transaction") return Reflect.get(target, prop);
          return (fn: (tx: unknown) => Promise<unknown>) =>
            target.$transaction((tx) =>
              fn(
                new Proxy(tx, {
                  get(t, p) {
                    const injected = async () => Promise.reject(new Error("injected failure"));
                    if (p === "auditEvent") return { create: injected, createMany: injected };
                    // recordAudit writes an event with one raw INSERT (lib/audit.ts).
                    if (p === "$executeRaw")
                      // Called as a tagged template, or with a Prisma.Sql (which has .sql).
                      return (sql: TemplateStringsArray | { sql: string }, ...values: unknown[]) =>
                        ("sql" in sql ? sql.sql : sql.join("?")).includes('INSERT INTO "AuditEvent"')
                          ? injected()
                          : (t as { $executeRaw: (...a: unknown[]) => Promise<number> }).$executeRaw(sql, ...values);
                    return Reflect.get(t, p);
                  },
                }),
              ),
            );
        },
      });
      await expect(importStandards(failing, standardsDir)).rejects.toThrow("injected failure");
      expect(await rowCounts(db)).toEqual({
        unit: 0,
        unitVersion: 0,
        criterionGroup: 0,
        criterion: 0,
        rangeItem: 0,
        evidenceRequirement: 0,
        auditEvent: 0,
      });
    });
  });
});

describe(`npm run standards:import (scripts/import-standards.ts) on ${provider}`, () => {
  function runCli(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-standards.ts", dir], {
        cwd: process.cwd(),
        env: { ...process.env, DATABASE_URL: state.url },
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

  it("exits 1 for an invalid file, naming the file and the JSON path, and loads nothing", async () => {
    const before = await rowCounts(state.db);
    const dir = dirWithEditedCs34((u) => {
      u.code = "CS34-CLI-TEST";
      delete u.groups[0].criteria[0].text;
    });
    const result = await runCli(dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^CS34\.json: groups\[0\]\.criteria\[0\]\.text: /m);
    expect(result.stdout).toMatch(/problem\(s\) found, those files were not loaded/);
    expect(await state.db.unit.findUnique({ where: { code: "CS34-CLI-TEST" } })).toBeNull();
    expect(await rowCounts(state.db)).toEqual(before);
  });

  it("exits 0 for the real standards directory and leaves all five units loaded", async () => {
    const result = await runCli(standardsDir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const code of codes)
      expect(result.stdout).toMatch(new RegExp(`^${code}\\s+version 1\\s+(created|unchanged)$`, "m"));
    expect((await state.db.unit.findMany({ orderBy: { code: "asc" } })).map((u) => u.code).sort()).toEqual(codes);
    expect(await state.db.unitVersion.count()).toBe(5);
  });
});
