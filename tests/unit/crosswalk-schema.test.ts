import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  criterionKey,
  criterionKeysOf,
  parseCrosswalkText,
  readCrosswalkFile,
  unresolvedReferences,
} from "@/lib/standards/crosswalk-files";
import { describeReference, type CrosswalkFile } from "@/lib/standards/crosswalk-schema";
import { readUnitFiles, standardsDir } from "@/lib/standards/load-files";
import { crosswalkJsonSchema } from "@/scripts/write-unit-schema";

// standards/crosswalk.json, the curated pairs between the five units: it parses, every end
// names a real criterion of the unit files, no pair is given twice (either way round) or joins
// a unit to itself, and its JSON Schema is the one the zod schema generates.

const units = readUnitFiles().map((parsed) => {
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.unit;
});
const loaded = new Map(units.map((unit) => [unit.code, criterionKeysOf(unit)]));

function realCrosswalk(): CrosswalkFile {
  const parsed = readCrosswalkFile();
  if (!parsed) throw new Error("standards/crosswalk.json is missing");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.crosswalk;
}

const rawCrosswalk = () => fs.readFileSync(path.join(standardsDir, "crosswalk.json"), "utf8");

describe("standards/crosswalk.json", () => {
  it("parses, names its schema and says how it was made", () => {
    const crosswalk = realCrosswalk();
    expect(crosswalk.$schema).toBe("./crosswalk.schema.json");
    expect(crosswalk.about).toMatch(/side by side/);
    expect(crosswalk.pairs.length).toBeGreaterThan(100);
  });

  it("names only criteria that exist in the unit files", () => {
    expect(unresolvedReferences("crosswalk.json", realCrosswalk(), loaded)).toEqual([]);
  });

  it("gives no pair twice, either way round, and no pair within one unit", () => {
    const seen = new Set<string>();
    for (const pair of realCrosswalk().pairs) {
      const [a, b] = [describeReference(pair.a), describeReference(pair.b)];
      expect(pair.a.unit, `${a} / ${b}`).not.toBe(pair.b.unit);
      expect(seen.has(`${a}|${b}`) || seen.has(`${b}|${a}`), `${a} / ${b} given twice`).toBe(false);
      seen.add(`${a}|${b}`);
    }
  });

  it("pairs every CU782 criterion with the CS5 criterion it repeats, as exact", () => {
    const cu782 = units.find((u) => u.code === "CU782")!;
    const toCs5 = realCrosswalk().pairs.filter(
      (p) => (p.a.unit === "CU782" && p.b.unit === "CS5") || (p.a.unit === "CS5" && p.b.unit === "CU782"),
    );
    expect(toCs5.every((p) => p.relation === "exact")).toBe(true);
    const covered = new Set(toCs5.map((p) => (p.a.unit === "CU782" ? p.a.ref : p.b.ref)));
    expect([...covered].sort()).toEqual(cu782.groups.flatMap((g) => g.criteria.map((c) => c.ref)).sort());
  });

  it("has an up-to-date standards/crosswalk.schema.json", () => {
    const committed = fs.readFileSync(path.join(standardsDir, "crosswalk.schema.json"), "utf8");
    expect(
      committed,
      "standards/crosswalk.schema.json is out of date with lib/standards/crosswalk-schema.ts: run `npm run standards:schema`",
    ).toBe(crosswalkJsonSchema());
  });
});

describe("the crosswalk schema and reference check", () => {
  const edited = (edit: (json: { pairs: Record<string, unknown>[] }) => void) => {
    const json = JSON.parse(rawCrosswalk()) as { pairs: Record<string, unknown>[] };
    edit(json);
    return parseCrosswalkText("crosswalk.json", JSON.stringify(json));
  };

  it("refuses a pair given twice the other way round, naming where it was first given", () => {
    const parsed = edited((json) => {
      const first = json.pairs[0]!;
      json.pairs.push({ ...first, a: first.b, b: first.a });
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        expect.stringMatching(/^crosswalk\.json: pairs\[\d+\]: duplicate pair .*first given at pairs\[0\]$/),
      ]);
  });

  it("refuses a pair within one unit", () => {
    const parsed = edited((json) => {
      json.pairs[0]!.b = { unit: "CU782", kind: "assessment", ref: "1.2" };
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        expect.stringMatching(/^crosswalk\.json: pairs\[0\]\.b\.unit: both ends are in CU782/),
      ]);
  });

  it("refuses an unknown relation and a rationale on two lines, naming the JSON path", () => {
    const parsed = edited((json) => {
      json.pairs[1]!.relation = "similar";
      json.pairs[2]!.rationale = "one\ntwo";
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors[0]).toMatch(/^crosswalk\.json: pairs\[1\]\.relation: /);
      expect(parsed.errors[1]).toMatch(/^crosswalk\.json: pairs\[2\]\.rationale: must be one line$/);
    }
  });

  it("names the file, the pair and the reference that does not resolve: unknown ref, kind or unit", () => {
    const parsed = edited((json) => {
      json.pairs[3]!.b = { unit: "CS5", kind: "outcome", ref: "CS5/O99" };
      // INSCS042 has knowledge 1 and performance 1: the kind decides which is meant.
      json.pairs[4]!.a = { unit: "CU782", kind: "knowledge", ref: "1.1" };
      json.pairs[5]!.a = { unit: "CU999", kind: "assessment", ref: "1.1" };
    });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(unresolvedReferences("crosswalk.json", parsed.crosswalk, loaded)).toEqual([
      expect.stringMatching(
        /^crosswalk\.json: pairs\[3\] \(CU782 assessment \S+ \/ CS5 outcome CS5\/O99\): b: unknown reference CS5 outcome CS5\/O99: CS5 has no outcome criterion CS5\/O99$/,
      ),
      expect.stringMatching(
        /^crosswalk\.json: pairs\[4\] \(CU782 knowledge 1\.1 \/ CS5 .+\): a: unknown reference CU782 knowledge 1\.1: CU782 has no knowledge criterion 1\.1$/,
      ),
      expect.stringMatching(
        /^crosswalk\.json: pairs\[5\] .*: a: unknown reference CU999 assessment 1\.1: no unit CU999 is loaded$/,
      ),
    ]);
  });

  it("keys criteria by kind and ref, since refs repeat across kinds within a unit", () => {
    const inscs042 = loaded.get("INSCS042")!;
    expect(inscs042.has(criterionKey("performance", "1"))).toBe(true);
    expect(inscs042.has(criterionKey("knowledge", "1"))).toBe(true);
    expect(inscs042.has(criterionKey("skill", "1"))).toBe(false);
  });
});
