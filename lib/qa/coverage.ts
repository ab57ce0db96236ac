import { evidenceMethods } from "../evidence/methods";
import {
  coverageDimensions,
  dimensionValue,
  samplingStages,
  type CoverageDimension,
  type CoverageFacts,
  type SamplingStage,
} from "./sampler";

// How far a plan covers its period (docs/decisions/0020): for each assessor and unit, by method,
// how many decisions were signed and how many of them the plan samples; and, in words, what has
// decisions but no item (an assessor on a unit, an assessor, a unit, a method, a cohort, a stage).
// Pure: the plan page reads the decisions and items and passes them in.

export type { CoverageFacts };

export type CoverageCell = {
  assessorId: string;
  unitCode: string;
  /** One entry per method with decisions or items here, in the vocabulary's order. */
  methods: { method: string; decisions: number; items: number }[];
};

export type CoverageGap =
  | { kind: "assessorUnit"; assessorId: string; unitCode: string }
  | { kind: "assessor"; assessorId: string }
  | { kind: "unit"; unitCode: string }
  | { kind: "method"; method: string }
  | { kind: "cohort"; cohort: string }
  | { kind: "stage"; stage: SamplingStage };

export type Coverage = {
  assessorIds: string[];
  unitCodes: string[];
  cells: CoverageCell[];
  gaps: CoverageGap[];
};

const methodOrder = new Map<string, number>(evidenceMethods.map((m, i) => [m.id, i]));
const byMethod = (a: string, b: string) =>
  (methodOrder.get(a) ?? 99) - (methodOrder.get(b) ?? 99) || (a < b ? -1 : a > b ? 1 : 0);
const sortedText = (values: Iterable<string>) => [...new Set(values)].sort();

const pairKey = (fact: Pick<CoverageFacts, "assessorId" | "unitCode">) => `${fact.assessorId}\u0000${fact.unitCode}`;

/** The coverage of `items` over `decisions` (both the plan's period). */
export function buildCoverage(decisions: readonly CoverageFacts[], items: readonly CoverageFacts[]): Coverage {
  const counts = new Map<string, Map<string, { decisions: number; items: number }>>();
  const count = (fact: CoverageFacts, field: "decisions" | "items") => {
    const methods = counts.get(pairKey(fact)) ?? new Map<string, { decisions: number; items: number }>();
    const entry = methods.get(fact.method) ?? { decisions: 0, items: 0 };
    entry[field]++;
    methods.set(fact.method, entry);
    counts.set(pairKey(fact), methods);
  };
  for (const d of decisions) count(d, "decisions");
  for (const i of items) count(i, "items");

  const all = [...decisions, ...items];
  const assessorIds = sortedText(all.map((f) => f.assessorId));
  const unitCodes = sortedText(all.map((f) => f.unitCode));
  const cells: CoverageCell[] = [];
  for (const assessorId of assessorIds)
    for (const unitCode of unitCodes) {
      const methods = counts.get(pairKey({ assessorId, unitCode }));
      if (!methods) continue;
      cells.push({
        assessorId,
        unitCode,
        methods: [...methods.keys()].sort(byMethod).map((method) => ({ method, ...methods.get(method)! })),
      });
    }
  return { assessorIds, unitCodes, cells, gaps: gapsOf(decisions, items) };
}

/**
 * What has decisions but no item. An assessor with no item at all is one gap, not one per unit;
 * stages are listed interim first, methods in the vocabulary's order.
 */
function gapsOf(decisions: readonly CoverageFacts[], items: readonly CoverageFacts[]): CoverageGap[] {
  const sampled = new Map(coverageDimensions.map((d) => [d, new Set(items.map((i) => dimensionValue(i, d)))]));
  const missing = (dimension: CoverageDimension) => {
    const present = new Set(decisions.map((d) => dimensionValue(d, dimension)));
    return [...present].filter((value) => !sampled.get(dimension)?.has(value));
  };
  const unsampledAssessors = new Set(missing("assessor"));
  const sampledPairs = new Set(items.map(pairKey));
  const pairGaps = new Map<string, CoverageGap>();
  for (const d of decisions)
    if (!unsampledAssessors.has(d.assessorId) && !sampledPairs.has(pairKey(d)))
      pairGaps.set(pairKey(d), { kind: "assessorUnit", assessorId: d.assessorId, unitCode: d.unitCode });
  return [
    ...[...unsampledAssessors].sort().map((assessorId): CoverageGap => ({ kind: "assessor", assessorId })),
    ...[...pairGaps.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, gap]) => gap),
    ...missing("unit")
      .sort()
      .map((unitCode): CoverageGap => ({ kind: "unit", unitCode })),
    ...missing("method")
      .sort(byMethod)
      .map((method): CoverageGap => ({ kind: "method", method })),
    ...missing("cohort")
      .sort()
      .map((cohort): CoverageGap => ({ kind: "cohort", cohort })),
    ...samplingStages
      .filter((stage) => missing("stage").includes(stage))
      .map((stage): CoverageGap => ({ kind: "stage", stage })),
  ];
}
