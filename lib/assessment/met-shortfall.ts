import { rangeCoverage, type RangeCoverage } from "../evidence/range-coverage";

// Whether a criterion may be signed as met on its accepted evidence, and if not, what is
// missing in words. Used by decide-criterion (which enforces it) and the enrolment page (which
// shows it before the assessor tries).

export type MetFacts = {
  ref: string;
  rangeRule: string | null;
  rangeMin: number | null;
  rangeItemIds: readonly string[];
  /** Accepted mappings of evidence to this criterion in this enrolment, with their range items. */
  accepted: ReadonlyArray<{ rangeItemIds: readonly string[] }>;
};

export type MetReadiness = { coverage: RangeCoverage; acceptedCount: number; shortfall: string | null };

function itemsWord(n: number): string {
  return n === 1 ? "range item" : "range items";
}

export function metReadiness(facts: MetFacts): MetReadiness {
  const rule = facts.rangeRule === "all" || facts.rangeRule === "atLeast" ? facts.rangeRule : null;
  const coverage = rangeCoverage(
    { rule, min: facts.rangeMin, itemIds: facts.rangeItemIds },
    facts.accepted.flatMap((m) => m.rangeItemIds),
  );
  const acceptedCount = facts.accepted.length;
  let shortfall: string | null = null;
  if (rule && !coverage.satisfied) {
    const are = coverage.covered === 1 ? "is" : "are";
    shortfall =
      rule === "all"
        ? `${facts.ref} needs all ${coverage.total} of its ${itemsWord(coverage.total)} covered by accepted evidence; ${coverage.covered} ${are}.`
        : `${facts.ref} needs at least ${coverage.required} of its ${coverage.total} ${itemsWord(coverage.total)} covered by accepted evidence; ${coverage.covered} ${are}.`;
  } else if (acceptedCount === 0) {
    shortfall = `${facts.ref} needs at least one piece of accepted evidence before it can be signed as met; it has none yet. Accept a mapping of evidence to ${facts.ref} first.`;
  }
  return { coverage, acceptedCount, shortfall };
}
