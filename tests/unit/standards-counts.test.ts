import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readUnitFiles, standardsDir } from "@/lib/standards/load-files";
import type { CriterionKind, UnitFile } from "@/lib/standards/schema";
import { unitJsonSchema } from "@/scripts/write-unit-schema";

// The transcribed units counted against their source documents (see standards/sources/README.md):
// a criterion dropped or split in transcription shows up here as a wrong count.

const fileOf = {
  INSCS042: "INSCS042.json",
  CS5: "CS5.json",
  CS34: "CS34.json",
  CU782: "CU782.json",
  "CFAM&LFD3": "CFAM-LFD3.json",
} as const;
type Code = keyof typeof fileOf;

const parsed = readUnitFiles();

function unit(code: Code): UnitFile {
  const file = parsed.find((p) => p.file === fileOf[code]);
  if (!file) throw new Error(`standards/${fileOf[code]} is missing`);
  if (!file.ok) throw new Error(`standards/${fileOf[code]} is invalid:\n${file.errors.join("\n")}`);
  return file.unit;
}

const criteria = (u: UnitFile, kind: CriterionKind) =>
  u.groups.flatMap((g) => g.criteria).filter((c) => c.kind === kind);
const refs = (u: UnitFile, kind: CriterionKind) => criteria(u, kind).map((c) => c.ref);
const groupsOf = (u: UnitFile, kind: UnitFile["groups"][number]["kind"]) => u.groups.filter((g) => g.kind === kind);
const oneTo = (n: number, prefix = "") => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const criterion = (u: UnitFile, ref: string) => {
  const found = u.groups.flatMap((g) => g.criteria).find((c) => c.ref === ref);
  if (!found) throw new Error(`${u.code} has no criterion ${ref}`);
  return found;
};

describe("standards/*.json", () => {
  it("holds exactly the five unit files, all valid", () => {
    expect(parsed.map((p) => p.file)).toEqual(Object.values(fileOf).slice().sort());
    expect(parsed.flatMap((p) => (p.ok ? [] : p.errors))).toEqual([]);
  });

  it("gives each file the unit code it is named for", () => {
    for (const code of Object.keys(fileOf) as Code[]) expect(unit(code).code, fileOf[code]).toBe(code);
  });

  it('stores the code inside CFAM-LFD3.json as exactly "CFAM&LFD3"', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(standardsDir, "CFAM-LFD3.json"), "utf8")) as { code: unknown };
    expect(raw.code).toBe("CFAM&LFD3");
  });

  it('names "./unit.schema.json" in $schema in every file', () => {
    for (const file of Object.values(fileOf)) {
      const raw = JSON.parse(fs.readFileSync(path.join(standardsDir, file), "utf8")) as { $schema?: unknown };
      expect(raw.$schema, file).toBe("./unit.schema.json");
    }
  });

  it("has an up-to-date standards/unit.schema.json", () => {
    const committed = fs.readFileSync(path.join(standardsDir, "unit.schema.json"), "utf8");
    expect(
      committed,
      "standards/unit.schema.json is out of date with lib/standards/schema.ts: run `npm run standards:schema`",
    ).toBe(unitJsonSchema());
  });
});

describe("INSCS042", () => {
  const u = unit("INSCS042");
  it("has 19 performance criteria and 16 knowledge items", () => {
    expect(refs(u, "performance")).toEqual(oneTo(19));
    expect(refs(u, "knowledge")).toEqual(oneTo(16));
    expect(u.groups.flatMap((g) => g.criteria)).toHaveLength(19 + 16);
  });
});

describe("CS5", () => {
  const u = unit("CS5");
  it("has 17 outcomes, 6 behaviours and 10 knowledge items", () => {
    expect(refs(u, "outcome")).toEqual(oneTo(17, "CS5/O"));
    expect(refs(u, "behaviour")).toEqual(oneTo(6, "CS5/B"));
    expect(refs(u, "knowledge")).toEqual(oneTo(10));
    expect(u.groups.flatMap((g) => g.criteria)).toHaveLength(17 + 6 + 10);
  });
});

describe("CS34", () => {
  const u = unit("CS34");
  it("has 5 learning outcomes and 28 assessment criteria (1.1-5.5)", () => {
    const outcomes = groupsOf(u, "learningOutcome");
    expect(u.groups).toHaveLength(5);
    expect(outcomes.map((g) => g.ref)).toEqual(oneTo(5));
    expect(outcomes.map((g) => g.criteria.length)).toEqual([7, 5, 8, 3, 5]);
    expect(criteria(u, "assessment")).toHaveLength(28);
    expect(u.groups.flatMap((g) => g.criteria)).toHaveLength(28);
    for (const g of outcomes) expect(g.criteria.map((c) => c.ref)).toEqual(oneTo(g.criteria.length, `${g.ref}.`));
  });

  it("1.2 asks for at least 3 of 9 monitoring methods; 1.5 for at least 2 sources", () => {
    const c12 = criterion(u, "1.2");
    expect(c12.range?.rule).toEqual({ rule: "atLeast", n: 3 });
    expect(c12.range?.items).toHaveLength(9);
    expect(criterion(u, "1.5").range?.rule).toEqual({ rule: "atLeast", n: 2 });
  });
});

describe("CU782", () => {
  const u = unit("CU782");
  it("has 4 learning outcomes, 27 assessment criteria (1.1-4.10) and 7 evidence requirements", () => {
    const outcomes = groupsOf(u, "learningOutcome");
    expect(u.groups).toHaveLength(4);
    expect(outcomes.map((g) => g.ref)).toEqual(oneTo(4));
    expect(outcomes.map((g) => g.criteria.length)).toEqual([4, 8, 5, 10]);
    expect(criteria(u, "assessment")).toHaveLength(27);
    expect(u.groups.flatMap((g) => g.criteria)).toHaveLength(27);
    for (const g of outcomes) expect(g.criteria.map((c) => c.ref)).toEqual(oneTo(g.criteria.length, `${g.ref}.`));
    expect(u.evidenceRequirements.map((r) => r.ref)).toEqual(oneTo(7));
  });

  it("requirement 1 is real work only, simulation not allowed", () => {
    const first = u.evidenceRequirements.find((r) => r.ref === "1");
    expect(first?.checks.simulationAllowed).toBe(false);
    expect(first?.checks.realWorkOnly).toBe(true);
  });
});

describe("CFAM&LFD3", () => {
  const u = unit("CFAM&LFD3");
  it("has 16 performance criteria, 18 knowledge items in 3 groups and 13 skills", () => {
    expect(refs(u, "performance")).toEqual(oneTo(16));
    expect(refs(u, "knowledge")).toEqual(oneTo(18));
    expect(groupsOf(u, "knowledge").map((g) => g.criteria.map((c) => c.ref))).toEqual([
      oneTo(11),
      ["12", "13"],
      ["14", "15", "16", "17", "18"],
    ]);
    expect(refs(u, "skill")).toEqual(oneTo(13));
    expect(u.groups.flatMap((g) => g.criteria)).toHaveLength(16 + 18 + 13);
  });
});
