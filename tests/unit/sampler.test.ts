import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/random/mulberry32";
import {
  coverageDimensions,
  dimensionValue,
  proposeSampleIds,
  quotaOf,
  rateLookup,
  samplingStages,
  type AssessorRate,
  type CandidateDecision,
  type SamplerInput,
} from "@/lib/qa/sampler";

// The sampler's properties (the rule is written at the top of lib/qa/sampler.ts), each checked
// on generated inputs of several shapes and many seeds: one assessor, many assessors with a few
// decisions each, one assessor with nearly everything, rates of 0 %, per-unit rates, a single
// decision, and rare values (one method, one cohort or one stage used once).

const units = ["CS34", "CU782", "CS5", "INSCS042", "CFAM&LFD3"];
const methods = ["observation", "product", "professionalDiscussion", "questioning", "witnessTestimony", "other"];
const cohorts = ["2026-01", "2026-02", "2026-05", "2026-09"];

type Shape = {
  name: string;
  decisions: number;
  assessors: number;
  /** The share of decisions that go to the first assessor (the rest are spread). */
  skew?: number;
  rates: (assessorIds: string[], pick: Pick<Random, "pick" | "int">) => AssessorRate[];
  defaultPercent?: number;
  /** Values used once only, so coverage has to find them. */
  rare?: boolean;
};

type Random = { float: () => number; int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T };

function random(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { float: next, int, pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number] };
}

const shapes: Shape[] = [
  { name: "one assessor, one rate", decisions: 40, assessors: 1, rates: ([a]) => [{ assessorId: a!, percent: 25 }] },
  {
    name: "many assessors, a few decisions each",
    decisions: 60,
    assessors: 20,
    rates: (ids, r) => ids.map((assessorId) => ({ assessorId, percent: r.pick([10, 25, 50]) })),
  },
  {
    name: "one assessor with nearly everything",
    decisions: 200,
    assessors: 6,
    skew: 0.9,
    rates: (ids) => ids.map((assessorId) => ({ assessorId, percent: 10 })),
  },
  {
    name: "rates of 0 % and no rate (new: the default)",
    decisions: 80,
    assessors: 8,
    defaultPercent: 100,
    rates: (ids) => ids.slice(0, 4).map((assessorId) => ({ assessorId, percent: 0 })),
  },
  {
    name: "per-unit rates beside all-units rates",
    decisions: 150,
    assessors: 5,
    rates: (ids, r) =>
      ids.flatMap((assessorId) => [
        { assessorId, percent: r.pick([10, 25]) },
        { assessorId, unitCode: r.pick(units), percent: r.pick([0, 50, 100]) },
      ]),
  },
  {
    name: "rare values used once",
    decisions: 120,
    assessors: 4,
    rare: true,
    rates: (ids) => ids.map((assessorId) => ({ assessorId, percent: 10 })),
  },
  { name: "a single decision", decisions: 1, assessors: 1, rates: ([a]) => [{ assessorId: a!, percent: 0 }] },
];

function generate(shape: Shape, seed: number): SamplerInput {
  const r = random(seed * 7919 + shape.decisions);
  const assessorIds = Array.from({ length: shape.assessors }, (_, i) => `assessor-${i}-${r.int(100, 999)}`);
  const decisions: CandidateDecision[] = Array.from({ length: shape.decisions }, (_, i) => {
    const assessorId = shape.skew !== undefined && r.float() < shape.skew ? assessorIds[0]! : r.pick(assessorIds);
    const common = shape.rare ? 0 : undefined;
    return {
      decisionId: `d${r.int(0, 1e9).toString(36)}-${i}`,
      enrolmentId: `e${r.int(0, 30)}`,
      assessorId,
      unitCode: r.pick(units),
      method: common === undefined ? r.pick(methods) : methods[common]!,
      stage: common === undefined ? r.pick(samplingStages) : "interim",
      cohort: common === undefined ? r.pick(cohorts) : cohorts[common]!,
      candidateId: `c${r.int(0, 40)}`,
    };
  });
  if (shape.rare && decisions.length > 3) {
    // One decision each with the only witness testimony, the only late cohort and the only summative stage.
    decisions[5] = { ...decisions[5]!, method: "witnessTestimony" };
    decisions[17] = { ...decisions[17]!, cohort: "2026-09" };
    decisions[29] = { ...decisions[29]!, stage: "summative" };
  }
  return { decisions, rates: shape.rates(assessorIds, r), defaultPercent: shape.defaultPercent ?? 100, seed };
}

const seeds = Array.from({ length: 25 }, (_, i) => i * 104_729 + 3);
const cases = shapes.flatMap((shape) => seeds.map((seed) => ({ shape, seed, input: generate(shape, seed) })));

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function chosenOf(input: SamplerInput) {
  const sample = proposeSampleIds(input);
  const picked = new Set(sample.decisionIds);
  return { sample, chosen: input.decisions.filter((d) => picked.has(d.decisionId)) };
}

describe("the sampler, on generated inputs", () => {
  it("proposes only decisions it was given, each once, sorted", () => {
    for (const { input } of cases) {
      const { sample } = chosenOf(input);
      const given = new Set(input.decisions.map((d) => d.decisionId));
      expect(sample.decisionIds.every((id) => given.has(id))).toBe(true);
      expect(new Set(sample.decisionIds).size).toBe(sample.decisionIds.length);
      expect(sample.decisionIds).toEqual([...sample.decisionIds].sort());
    }
  });

  it("gives every assessor with decisions at least one item, even at 0 %", () => {
    for (const { input } of cases) {
      const { chosen } = chosenOf(input);
      const sampled = new Set(chosen.map((d) => d.assessorId));
      for (const d of input.decisions) expect(sampled.has(d.assessorId)).toBe(true);
    }
  });

  it("covers every unit, method, cohort and stage that has decisions", () => {
    for (const { input } of cases) {
      const { chosen } = chosenOf(input);
      for (const dimension of coverageDimensions) {
        const present = new Set(input.decisions.map((d) => dimensionValue(d, dimension)));
        const covered = new Set(chosen.map((d) => dimensionValue(d, dimension)));
        expect([...covered].sort(), `${dimension} values`).toEqual([...present].sort());
      }
    }
  });

  it("gives each rate group exactly max(ceil(rate × its decisions), what coverage took from it)", () => {
    for (const { shape, input } of cases) {
      const { sample, chosen } = chosenOf(input);
      const rateOf = rateLookup(input.rates, input.defaultPercent);
      const covering = new Set(sample.coveringIds);
      const groups = new Map<string, { percent: number; decisions: number; chosen: number; covering: number }>();
      for (const d of input.decisions) {
        const { percent, group } = rateOf(d);
        const entry = groups.get(group) ?? { percent, decisions: 0, chosen: 0, covering: 0 };
        entry.decisions++;
        groups.set(group, entry);
      }
      for (const d of chosen) {
        const entry = groups.get(rateOf(d).group)!;
        entry.chosen++;
        if (covering.has(d.decisionId)) entry.covering++;
      }
      for (const [group, g] of groups) {
        const quota = Math.ceil((g.percent * g.decisions) / 100 - 1e-9);
        expect(g.chosen, `${shape.name}, group ${group}`).toBe(Math.max(quota, g.covering));
      }
    }
  });

  it("meets each single-rate assessor's ceil(rate × decisions): at most one item above the exact share unless coverage took more", () => {
    for (const { input } of cases.filter(({ shape }) => !shape.name.startsWith("per-unit"))) {
      const { sample, chosen } = chosenOf(input);
      const rateOf = rateLookup(input.rates, input.defaultPercent);
      const decisions = countBy(input.decisions, (d) => d.assessorId);
      const picked = countBy(chosen, (d) => d.assessorId);
      const covering = new Set(sample.coveringIds);
      const coveringPicked = countBy(
        chosen.filter((d) => covering.has(d.decisionId)),
        (d) => d.assessorId,
      );
      for (const [assessorId, n] of decisions) {
        const percent = rateOf({ assessorId, unitCode: "" }).percent;
        const count = picked.get(assessorId) ?? 0;
        expect(count).toBeGreaterThanOrEqual((percent * n) / 100);
        expect(sample.quotas[assessorId]).toBe(quotaOf(percent, n));
        if (count > (coveringPicked.get(assessorId) ?? 0)) expect(count).toBeLessThan((percent * n) / 100 + 1);
      }
    }
  });

  it("gives the same plan for the same seed, whatever the order of the decisions", () => {
    for (const { input, seed } of cases) {
      const first = proposeSampleIds(input);
      expect(proposeSampleIds({ ...input })).toEqual(first);
      const r = random(seed + 1);
      const shuffled = [...input.decisions];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(proposeSampleIds({ ...input, decisions: shuffled })).toEqual(first);
      expect(proposeSampleIds({ ...input, decisions: [...input.decisions].reverse() })).toEqual(first);
    }
  });

  it("usually gives a different plan for a different seed, where there is a choice", () => {
    for (const shape of shapes.filter((s) => s.decisions >= 40)) {
      const input = generate(shape, 11);
      const plans = new Set(seeds.map((seed) => proposeSampleIds({ ...input, seed }).decisionIds.join(",")));
      // 25 seeds: a handful may coincide, most must not.
      expect(plans.size, shape.name).toBeGreaterThan(seeds.length / 2);
    }
  });
});

describe("rates", () => {
  const decision = (assessorId: string, unitCode: string, i: number): CandidateDecision => ({
    decisionId: `${assessorId}-${unitCode}-${String(i).padStart(3, "0")}`,
    enrolmentId: "e1",
    assessorId,
    unitCode,
    method: "observation",
    stage: "interim",
    cohort: "2026-01",
    candidateId: "c1",
  });

  it("uses the per-unit rate over the all-units rate, and the default for an assessor with neither", () => {
    const decisions = [
      ...Array.from({ length: 20 }, (_, i) => decision("asha", "CS34", i)),
      ...Array.from({ length: 20 }, (_, i) => decision("asha", "CU782", i)),
      ...Array.from({ length: 10 }, (_, i) => decision("ben", "CS34", i)),
    ];
    const sample = proposeSampleIds({
      decisions,
      rates: [
        { assessorId: "asha", percent: 10 },
        { assessorId: "asha", unitCode: "CU782", percent: 50 },
      ],
      defaultPercent: 100,
      seed: 42,
    });
    const count = (prefix: string) => sample.decisionIds.filter((id) => id.startsWith(prefix)).length;
    expect(count("asha-CS34")).toBe(2);
    expect(count("asha-CU782")).toBe(10);
    expect(count("ben-CS34")).toBe(10);
    expect(sample.quotas).toEqual({ asha: 12, ben: 10 });
  });

  it("rounds each share up: 25 % of 3 is 1, 10 % of 30 is 3, 0 % of anything is 0", () => {
    expect(quotaOf(25, 3)).toBe(1);
    expect(quotaOf(10, 30)).toBe(3);
    expect(quotaOf(10, 31)).toBe(4);
    expect(quotaOf(0, 50)).toBe(0);
    expect(quotaOf(100, 7)).toBe(7);
    expect(() => quotaOf(101, 1)).toThrow();
  });

  it("proposes nothing from nothing, and refuses a decision given twice", () => {
    expect(proposeSampleIds({ decisions: [], rates: [], defaultPercent: 100, seed: 1 })).toEqual({
      decisionIds: [],
      coveringIds: [],
      quotas: {},
    });
    const one = decision("asha", "CS34", 1);
    expect(() => proposeSampleIds({ decisions: [one, one], rates: [], defaultPercent: 100, seed: 1 })).toThrow(
      /given twice/,
    );
  });
});
