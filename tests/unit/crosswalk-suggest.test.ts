import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readStandardsWithCrosswalk } from "@/lib/standards/crosswalk-files";
import { describeReference, type CriterionReference } from "@/lib/standards/crosswalk-schema";
import {
  buildTextIndex,
  criterionTexts,
  rankByText,
  suggestEquivalents,
  textRecall,
  type CriterionSuggestions,
} from "@/lib/standards/crosswalk-suggest";
import { standardsDir } from "@/lib/standards/load-files";
import { suggestionsFor } from "@/scripts/crosswalk";

// Suggested equivalents (npm run standards:crosswalk -- suggest): curated pairs first, then the
// text ranking (wink-nlp stems, BM25 weights, cosine); how well the text alone finds the curated
// pairs; and the command's JSON output.

const { units, crosswalk } = readStandardsWithCrosswalk();
if (!crosswalk) throw new Error("standards/crosswalk.json is missing");
const criteriaCount = units.reduce((n, u) => n + u.groups.reduce((m, g) => m + g.criteria.length, 0), 0);
const index = buildTextIndex(criterionTexts(units));
const key = describeReference;

const textTop = (of: CriterionReference, k: number) =>
  rankByText(index, of)
    .slice(0, k)
    .map(({ at }) => key(index.criteria[at]!));

/** The curated partners of a criterion, by key, with their relation. */
function curatedOf(of: CriterionReference): Map<string, string> {
  const partners = new Map<string, string>();
  for (const p of crosswalk!.pairs) {
    if (key(p.a) === key(of)) partners.set(key(p.b), p.relation);
    if (key(p.b) === key(of)) partners.set(key(p.a), p.relation);
  }
  return partners;
}

describe("suggested equivalents", () => {
  const all = suggestEquivalents(units, crosswalk, 5);
  const of = (unit: string, kind: string, ref: string) =>
    all.find((c) => c.unit === unit && c.kind === kind && c.ref === ref)!;

  it("covers every criterion of every unit, never suggesting one of its own unit", () => {
    expect(all).toHaveLength(criteriaCount);
    for (const c of all) {
      expect(c.suggestions.length).toBeLessThanOrEqual(5);
      expect(c.suggestions.filter((s) => s.unit === c.unit)).toEqual([]);
    }
  });

  it("puts curated pairs first, exact before close, each with its relation", () => {
    for (const c of all) {
      const curated = curatedOf(c);
      const ranks = c.suggestions.map((s) => (s.relation === "exact" ? 0 : s.relation === "close" ? 1 : 2));
      expect(ranks, key(c)).toEqual([...ranks].sort());
      for (const s of c.suggestions) expect(s.relation, `${key(c)} -> ${key(s)}`).toBe(curated.get(key(s)));
      // Every curated partner is shown when there is room for it.
      const shown = c.suggestions.filter((s) => s.relation).length;
      expect(shown, key(c)).toBe(Math.min(curated.size, 5));
    }
    // CU782 1.1: one exact twin (CS5/O1) and four close partners, so all five slots are curated.
    const cu11 = of("CU782", "assessment", "1.1").suggestions;
    expect([key(cu11[0]!), cu11[0]!.relation]).toEqual(["CS5 outcome CS5/O1", "exact"]);
    expect(cu11.slice(1).every((s) => s.relation === "close")).toBe(true);
    expect(cu11.map((s) => key(s)).sort()).toEqual(
      [...curatedOf({ unit: "CU782", kind: "assessment", ref: "1.1" }).keys()].sort(),
    );
  });

  it("lifts a curated pair above better-scoring text matches", () => {
    // CFAM&LFD3 3 (organise colleagues and resources) shares few words with what it is curated
    // to; the text alone ranks other criteria first.
    const cfam3: CriterionReference = { unit: "CFAM&LFD3", kind: "performance", ref: "3" };
    const curated = curatedOf(cfam3);
    expect(curated.has(textTop(cfam3, 1)[0]!)).toBe(false);
    expect(
      of("CFAM&LFD3", "performance", "3")
        .suggestions.slice(0, curated.size)
        .map((s) => key(s))
        .sort(),
    ).toEqual([...curated.keys()].sort());
  });

  it("lists uncurated suggestions by score, best first", () => {
    for (const c of all) {
      const scores = c.suggestions.filter((s) => !s.relation).map((s) => s.score);
      expect(scores, key(c)).toEqual([...scores].sort((a, b) => b - a));
      for (const s of c.suggestions) expect(s.score).toBeGreaterThanOrEqual(0);
      for (const s of c.suggestions) expect(s.score).toBeLessThanOrEqual(1);
    }
  });
});

describe("the text ranking alone", () => {
  it("finds each CU782 criterion's CS5 twin in its top 5 (measured: 27 of 27)", () => {
    const twins = crosswalk.pairs.filter((p) => p.a.unit === "CU782" && p.b.unit === "CS5");
    expect(twins).toHaveLength(27);
    const found = twins.filter((p) => textTop(p.a, 5).includes(key(p.b)));
    expect(found.map((p) => key(p.a))).toEqual(twins.map((p) => key(p.a)));
  });

  it("finds every exact pair and most close ones in its top 5 from one end or the other (measured: 60 of 60, 65 of 93)", () => {
    const recall = textRecall(units, crosswalk, 5);
    expect(recall.byRelation.exact.found).toBe(recall.byRelation.exact.of);
    expect(recall.byRelation.close.found).toBeGreaterThanOrEqual(65);
    expect(recall.eitherEnd.found).toBeGreaterThanOrEqual(125);
    expect(recall.eitherEnd.of).toBe(crosswalk.pairs.length);
    expect(recall.directed.of).toBe(2 * crosswalk.pairs.length);
  });

  it("scores identical wording higher than shared topic words", () => {
    const [o6] = rankByText(index, { unit: "CU782", kind: "assessment", ref: "2.2" });
    expect(key(index.criteria[o6!.at]!)).toMatch(/^(CS5 outcome CS5\/O6|INSCS042 performance 8)$/);
    expect(o6!.score).toBeGreaterThan(0.9);
  });
});

describe("npm run standards:crosswalk -- suggest", () => {
  const shape = (all: CriterionSuggestions[]) => {
    for (const c of all) {
      expect(Object.keys(c).sort()).toEqual(["kind", "ref", "suggestions", "unit"]);
      for (const s of c.suggestions) {
        expect(Object.keys(s).sort()).toEqual(
          s.relation ? ["kind", "ref", "relation", "score", "unit"] : ["kind", "ref", "score", "unit"],
        );
        expect(typeof s.score).toBe("number");
      }
    }
  };

  it("gives one object per criterion of every unit, with at most --top suggestions", () => {
    const all = suggestionsFor(standardsDir, 3);
    expect(all).toHaveLength(criteriaCount);
    expect(Math.max(...all.map((c) => c.suggestions.length))).toBe(3);
    shape(all);
  });

  it("prints the same as JSON when run with --top 3 --json", { timeout: 60_000 }, async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/crosswalk.ts", "suggest", "--top", "3", "--json"],
      { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stderr).toBe("");
    const printed = JSON.parse(stdout) as CriterionSuggestions[];
    shape(printed);
    expect(printed).toEqual(suggestionsFor(standardsDir, 3));
  });

  it("refuses a missing subcommand or a --top that is not a positive whole number", { timeout: 60_000 }, async () => {
    for (const args of [
      ["--top", "3"],
      ["suggest", "--top", "0"],
    ]) {
      const failed = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/crosswalk.ts", ...args], {
        cwd: process.cwd(),
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/^Usage: npm run -s standards:crosswalk -- suggest/);
    }
  });
});
