export type RangeRuleData = { rule: "all" | "atLeast" | null; min: number | null; itemIds: readonly string[] };

export type RangeCoverage = {
  /** Range items covered (each counted once, whatever number of mappings cover it). */
  covered: number;
  /** How many must be covered: all items, n, or 0 when the source states no rule. */
  required: number;
  total: number;
  satisfied: boolean;
};

/**
 * The one place that decides whether a criterion's range rule is met by a set of covered range
 * items. Used for the candidate's gap view (proposed mappings) and the assessor's "met"
 * decision (accepted mappings only).
 */
export function rangeCoverage(range: RangeRuleData, coveredItemIds: Iterable<string>): RangeCoverage {
  const items = new Set(range.itemIds);
  const covered = new Set([...coveredItemIds].filter((id) => items.has(id))).size;
  const total = items.size;
  const required = range.rule === "all" ? total : range.rule === "atLeast" ? (range.min ?? total) : 0;
  return { covered, required, total, satisfied: covered >= required };
}

/** "2 of at least 3 covered" / "4 of all 6 covered" / "" when there is no rule. */
export function describeCoverage(range: RangeRuleData, coverage: RangeCoverage): string {
  if (!range.rule) return "";
  return range.rule === "all"
    ? `${coverage.covered} of all ${coverage.total} covered`
    : `${coverage.covered} of at least ${coverage.required} covered`;
}
