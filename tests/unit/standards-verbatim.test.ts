import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readUnitFiles } from "@/lib/standards/load-files";
import type { UnitFile } from "@/lib/standards/schema";

// Every text a unit file holds must be the source's words (only whitespace may differ):
// each string is looked for, whitespace folded, in the seed text it was transcribed from.

// The source texts live in the project (standards/sources/README.md says where each came from),
// so this runs on every machine.
const seedsDir = path.resolve(process.cwd(), "standards/sources");

const seedOf: Record<string, string> = {
  "INSCS042.json": "INSCS042.txt",
  "CS5.json": "CS5.txt",
  "CS34.json": "CS34.txt",
  "CU782.json": "CU782.txt",
  "CFAM-LFD3.json": "CFAM-LFD3.txt",
};

const fold = (s: string) => s.replace(/\s+/g, " ").trim();

/** Every source string in a unit, labelled with where it sits in the file. */
function sourceStrings(unit: UnitFile): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const add = (where: string, texts: readonly string[] | undefined) =>
    texts?.forEach((text, i) => out.push({ where: `${where}[${i}]`, text }));
  add("notes", unit.notes);
  unit.groups.forEach((group, g) => {
    const at = `groups[${g}]`;
    out.push({ where: `${at}.title`, text: group.title });
    add(`${at}.assessmentMethods`, group.assessmentMethods);
    add(`${at}.notes`, group.notes);
    group.criteria.forEach((criterion, c) => {
      const cat = `${at}.criteria[${c}]`;
      out.push({ where: `${cat}.text`, text: criterion.text });
      add(`${cat}.guidance`, criterion.guidance);
      if (criterion.range) {
        if (criterion.range.title !== undefined) out.push({ where: `${cat}.range.title`, text: criterion.range.title });
        add(`${cat}.range.guidance`, criterion.range.guidance);
        add(`${cat}.range.items`, criterion.range.items);
      }
    });
  });
  unit.evidenceRequirements.forEach((req, r) => {
    out.push({ where: `evidenceRequirements[${r}].text`, text: req.text });
    req.items.forEach((item, i) => out.push({ where: `evidenceRequirements[${r}].items[${i}].text`, text: item.text }));
  });
  return out;
}

/** Prose the metadata quotes from the source (overview, aims, keywords, occupations). */
function metadataStrings(unit: UnitFile): { where: string; text: string }[] {
  const keys = ["overview", "aims", "keywords", "relevantOccupations"] as const;
  return keys.flatMap((key) => (unit.metadata[key] ?? []).map((text, i) => ({ where: `metadata.${key}[${i}]`, text })));
}

describe("standards/*.json text is verbatim from the source documents in standards/sources", () => {
  const units = readUnitFiles();
  const seedText = (file: string) => fold(fs.readFileSync(path.join(seedsDir, file), "utf8"));

  it("covers the five unit files, all valid", () => {
    expect(units.map((u) => u.file)).toEqual(Object.keys(seedOf).sort());
    expect(units.flatMap((u) => (u.ok ? [] : u.errors))).toEqual([]);
  });

  for (const [file, seed] of Object.entries(seedOf)) {
    describe(file, () => {
      const parsed = units.find((u) => u.file === file);
      const unit = parsed?.ok ? parsed.unit : undefined;

      it(`has every criterion, range, guidance, group, method, note and requirement string in ${seed}`, () => {
        expect(unit, `${file} is missing or invalid`).toBeDefined();
        const source = seedText(seed);
        const strings = sourceStrings(unit!);
        expect(strings.length).toBeGreaterThan(0);
        const missing = strings
          .filter((s) => !source.includes(fold(s.text)))
          .map((s) => `${file}: ${s.where}: ${JSON.stringify(s.text)}`);
        expect(missing).toEqual([]);
      });

      it(`has its metadata prose (overview, aims, keywords, occupations) in ${seed}`, () => {
        expect(unit, `${file} is missing or invalid`).toBeDefined();
        const source = seedText(seed);
        const missing = metadataStrings(unit!)
          .filter((s) => !source.includes(fold(s.text)))
          .map((s) => `${file}: ${s.where}: ${JSON.stringify(s.text)}`);
        expect(missing).toEqual([]);
      });

      it(`has its unit title in ${seed} or the seeds README`, () => {
        expect(unit, `${file} is missing or invalid`).toBeDefined();
        const title = fold(unit!.title);
        const where = [seed, "README.md"].filter((f) => seedText(f).includes(title));
        expect(where, `${file}: title ${JSON.stringify(unit!.title)} is in neither ${seed} nor README.md`).not.toEqual(
          [],
        );
      });
    });
  }
});
