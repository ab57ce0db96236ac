import type { CriterionStatus } from "./criterion-status";
import type { GapGroup, GapRange, GapView } from "./gap-view";

// Words and filters of the candidate's gap view that depend on the state, kept out of the page
// so they can be checked against each state.

/**
 * What follows "Your evidence: 3 of at least 3 covered": whether that is enough, and whether
 * the assessor has still to accept it. Once the criterion is signed as met, or the accepted
 * items alone satisfy the rule, "once the assessor accepts it" would be false.
 */
export function claimedRangeVerdict(range: Pick<GapRange, "claimed" | "accepted">, status: CriterionStatus): string {
  if (!range.claimed.satisfied) return ".";
  if (status === "met") return " — enough for the rule, and signed off as met.";
  if (range.accepted.satisfied) return " — enough for the rule, and accepted by the assessor.";
  return " — enough for the rule, once the assessor accepts it.";
}

/** A criterion is open until it is signed as met. */
export function isOpen(status: CriterionStatus): boolean {
  return status !== "met";
}

/** The gap view with only what is still open: criteria not yet met (groups left empty dropped) and requirements not yet confirmed. */
export function openItemsOnly(view: GapView): GapView {
  const groups: GapGroup[] = view.groups
    .map((g) => ({ ...g, criteria: g.criteria.filter((c) => isOpen(c.status)) }))
    .filter((g) => g.criteria.length > 0);
  return { ...view, groups, requirements: view.requirements.filter((r) => !r.confirmed) };
}

/** How many criteria are open. */
export function openCount(view: Pick<GapView, "total" | "counts">): number {
  return view.total - view.counts.met;
}
