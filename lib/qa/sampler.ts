import { mulberry32 } from "../random/mulberry32";

// The sampler behind "Propose a sample" (docs/decisions/0020): which of the assessment decisions
// of a period an IQA samples. Pure: it is given the decisions and the rates, and reads nothing.
//
// The rule, exactly:
//
// 1. The decisions are sorted by decisionId and the seed's generator (mulberry32) gives each, in
//    that order, a random priority. Nothing depends on the order the decisions were given in.
// 2. Coverage. Every value of every dimension that has decisions must appear: each assessor, unit,
//    method, cohort (the enrolment's start month: this app's candidate group) and stage (interim,
//    summative). While a value is uncovered, the sampler picks the decision that covers the most
//    uncovered values; among equals, one whose rate group (below) still has room; among those,
//    the lowest priority. So every assessor gets at least one item, even at a rate of 0 %.
// 3. Rates. An assessor's rate for a decision is their rate for its unit if they have one, else
//    their rate for all units, else `defaultPercent` (the strategy's rate for new assessors).
//    An assessor's decisions at one rate form a rate group: one group per unit with a rate of its
//    own, one for the rest. Each group's quota is ceil(rate × decisions in the group / 100).
// 4. Fill. Going through the unpicked decisions by priority, a decision is picked while its
//    group has fewer picked than its quota.
//
// So each rate group ends with exactly max(quota, decisions picked for coverage in it): never
// fewer than the rate asks, and over it only by what coverage needed, never by the fill. An
// assessor with one rate therefore gets ceil(rate × their decisions), which is at most one item
// above the exact share, unless covering the period took more of their decisions.

export const samplingStages = ["interim", "summative"] as const;
export type SamplingStage = (typeof samplingStages)[number];

/** One standing assessment decision the IQA could sample. */
export type CandidateDecision = {
  decisionId: string;
  enrolmentId: string;
  /** Who signed the decision: the assessor whose judgement is sampled. */
  assessorId: string;
  unitCode: string;
  /** The method of the evidence the decision rests on (lib/evidence/methods.ts). */
  method: string;
  stage: SamplingStage;
  /** The enrolment's start month in the centre's time zone, "YYYY-MM". */
  cohort: string;
  candidateId: string;
};

/** An assessor's sample rate in percent, for one unit or (unitCode absent or "") all their units. */
export type AssessorRate = { assessorId: string; unitCode?: string; percent: number };

export type SamplerInput = {
  decisions: readonly CandidateDecision[];
  rates: readonly AssessorRate[];
  /** The rate of an assessor with no rate of their own (a new assessor). */
  defaultPercent: number;
  seed: number;
};

export type Sample = {
  /** The decisions to sample, sorted. */
  decisionIds: string[];
  /** Those picked in the coverage step (the rest were picked to fill a rate), sorted. */
  coveringIds: string[];
  /** Each assessor's quota: the sum of their rate groups' quotas. */
  quotas: Record<string, number>;
};

/** What the coverage step covers, as (dimension, value) pairs of one decision. */
export const coverageDimensions = ["assessor", "unit", "method", "cohort", "stage"] as const;
export type CoverageDimension = (typeof coverageDimensions)[number];

/** The values the coverage step reads of a decision. */
export type CoverageFacts = Pick<CandidateDecision, "assessorId" | "unitCode" | "method" | "cohort" | "stage">;

export function dimensionValue(decision: CoverageFacts, dimension: CoverageDimension): string {
  switch (dimension) {
    case "assessor":
      return decision.assessorId;
    case "unit":
      return decision.unitCode;
    case "method":
      return decision.method;
    case "cohort":
      return decision.cohort;
    case "stage":
      return decision.stage;
  }
}

/** The share of `count` decisions a rate asks for: ceil(percent × count / 100). */
export function quotaOf(percent: number, count: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100)
    throw new Error(`a rate must be 0-100, not ${percent}`);
  // The small tolerance keeps a share that is whole in decimal (say 10 % of 30) from rounding up
  // to the next item through binary floating point.
  return Math.max(0, Math.min(count, Math.ceil((percent * count) / 100 - 1e-9)));
}

/** Which rate applies to a decision, and the group it counts towards. */
export function rateLookup(rates: readonly AssessorRate[], defaultPercent: number) {
  const allUnits = new Map<string, number>();
  const perUnit = new Map<string, number>();
  for (const rate of rates) {
    if (rate.unitCode) perUnit.set(`${rate.assessorId}\u0000${rate.unitCode}`, rate.percent);
    else allUnits.set(rate.assessorId, rate.percent);
  }
  return (decision: Pick<CandidateDecision, "assessorId" | "unitCode">): { percent: number; group: string } => {
    const unitKey = `${decision.assessorId}\u0000${decision.unitCode}`;
    const own = perUnit.get(unitKey);
    if (own !== undefined) return { percent: own, group: unitKey };
    return { percent: allUnits.get(decision.assessorId) ?? defaultPercent, group: decision.assessorId };
  };
}

type Prepared = {
  sorted: CandidateDecision[];
  priority: Float64Array;
  /** For each decision, the ids of its (dimension, value) pairs. */
  values: Int32Array[];
  valueCount: number;
  groupOf: Int32Array;
  quota: Int32Array;
};

function prepare(input: SamplerInput): Prepared {
  const sorted = [...input.decisions].sort((a, b) =>
    a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.decisionId === sorted[i - 1]?.decisionId)
      throw new Error(`decision ${sorted[i]?.decisionId} given twice`);
  }
  const random = mulberry32(input.seed);
  const priority = Float64Array.from(sorted, () => random());

  const valueIds = new Map<string, number>();
  const values = sorted.map((decision) =>
    Int32Array.from(coverageDimensions, (dimension) => {
      const key = `${dimension}\u0000${dimensionValue(decision, dimension)}`;
      let id = valueIds.get(key);
      if (id === undefined) {
        id = valueIds.size;
        valueIds.set(key, id);
      }
      return id;
    }),
  );

  const rateOf = rateLookup(input.rates, input.defaultPercent);
  const groups = new Map<string, { id: number; percent: number; size: number }>();
  const groupOf = Int32Array.from(sorted, (decision) => {
    const { percent, group } = rateOf(decision);
    let found = groups.get(group);
    if (!found) {
      found = { id: groups.size, percent, size: 0 };
      groups.set(group, found);
    }
    found.size++;
    return found.id;
  });
  const quota = new Int32Array(groups.size);
  for (const group of groups.values()) quota[group.id] = quotaOf(group.percent, group.size);
  return { sorted, priority, values, valueCount: valueIds.size, groupOf, quota };
}

/** The decisions to sample in a period, by the rule at the top of this file. */
export function proposeSampleIds(input: SamplerInput): Sample {
  const { sorted, priority, values, valueCount, groupOf, quota } = prepare(input);
  const n = sorted.length;
  const chosen = new Uint8Array(n);
  const picked = new Int32Array(quota.length);
  const uncovered = new Uint8Array(valueCount).fill(1);
  let remaining = valueCount;
  const covering: number[] = [];

  const choose = (i: number) => {
    const group = groupOf[i] as number;
    chosen[i] = 1;
    picked[group] = (picked[group] as number) + 1;
  };

  // How many uncovered values each decision would cover, kept as values are covered (through the
  // decisions that hold each value), so each pick is one pass over plain numbers.
  const holders: number[][] = Array.from({ length: valueCount }, () => []);
  const gain = new Int32Array(n);
  for (let i = 0; i < n; i++)
    for (const value of values[i] as Int32Array) {
      (holders[value] as number[]).push(i);
      gain[i] = (gain[i] as number) + 1;
    }

  while (remaining > 0) {
    let best = -1;
    let bestGain = 0;
    let bestRoom = false;
    for (let i = 0; i < n; i++) {
      const g = gain[i] as number;
      if (chosen[i] || g === 0 || g < bestGain) continue;
      const group = groupOf[i] as number;
      const room = (picked[group] as number) < (quota[group] as number);
      const better =
        g > bestGain ||
        (room && !bestRoom) ||
        (room === bestRoom && (priority[i] as number) < (priority[best] as number));
      if (better) {
        best = i;
        bestGain = g;
        bestRoom = room;
      }
    }
    if (best < 0) break;
    choose(best);
    covering.push(best);
    for (const value of values[best] as Int32Array) {
      if (!uncovered[value]) continue;
      uncovered[value] = 0;
      remaining--;
      for (const holder of holders[value] as number[]) gain[holder] = (gain[holder] as number) - 1;
    }
  }

  const byPriority = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (priority[a] as number) - (priority[b] as number) || a - b,
  );
  for (const i of byPriority) {
    const group = groupOf[i] as number;
    if (!chosen[i] && (picked[group] as number) < (quota[group] as number)) choose(i);
  }

  const quotas: Record<string, number> = {};
  const counted = new Set<number>();
  for (let i = 0; i < n; i++) {
    const group = groupOf[i] as number;
    if (counted.has(group)) continue;
    counted.add(group);
    const assessorId = (sorted[i] as CandidateDecision).assessorId;
    quotas[assessorId] = (quotas[assessorId] ?? 0) + (quota[group] as number);
  }
  const ids = (indices: Iterable<number>) =>
    [...indices].sort((a, b) => a - b).map((i) => (sorted[i] as CandidateDecision).decisionId);
  return {
    decisionIds: ids(Array.from({ length: n }, (_, i) => i).filter((i) => chosen[i])),
    coveringIds: ids(covering),
    quotas,
  };
}
