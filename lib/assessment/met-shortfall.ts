import { rangeCoverage, type RangeCoverage } from "../evidence/range-coverage";

// Whether a criterion may be signed as met on its accepted evidence, and if not, what is
// missing in words. Used by decide-criterion (which enforces it) and the enrolment page (which
// shows it before the assessor tries).

/** Who made an accepted evidence item and, for an assessor's record, the candidate's answer to it. */
export type AcceptedEvidenceFacts = { title: string; authorId: string | null; candidateResponse: string | null };

/**
 * Whether accepted evidence counts towards "met": the candidate's own evidence always does; a
 * record an assessor made of them (an observation) only once the candidate has confirmed it as
 * accurate, so an assessor never signs a criterion on their own unconfirmed word. A decision
 * rests only on what counts (decide-criterion.ts), which is why an unconfirmed observation can
 * still be corrected (lib/evidence/evidence-lock.ts).
 */
export function countsTowardsMet(evidence: Omit<AcceptedEvidenceFacts, "title">): boolean {
  return evidence.authorId === null || evidence.candidateResponse === "CONFIRMED";
}

function unconfirmedRecordShortfall(title: string): string {
  return `The candidate has not yet confirmed the observation “${title}” as an accurate record. Ask them to confirm it, or resolve their dispute.`;
}

export type MetFacts = {
  ref: string;
  rangeRule: string | null;
  rangeMin: number | null;
  rangeItemIds: readonly string[];
  /**
   * Accepted mappings of evidence to this criterion in this enrolment, with their range items and
   * (to apply `countsTowardsMet`) who made the evidence.
   */
  accepted: ReadonlyArray<{ rangeItemIds: readonly string[]; evidence: AcceptedEvidenceFacts }>;
};

export type MetReadiness = { coverage: RangeCoverage; acceptedCount: number; shortfall: string | null };

function itemsWord(n: number): string {
  return n === 1 ? "range item" : "range items";
}

/** The coverage and shortfall of `accepted` alone, as if it were all the criterion's accepted evidence. */
function shortfallOn(
  facts: MetFacts,
  accepted: MetFacts["accepted"],
): { coverage: RangeCoverage; shortfall: string | null } {
  const rule = facts.rangeRule === "all" || facts.rangeRule === "atLeast" ? facts.rangeRule : null;
  const coverage = rangeCoverage(
    { rule, min: facts.rangeMin, itemIds: facts.rangeItemIds },
    accepted.flatMap((m) => m.rangeItemIds),
  );
  let shortfall: string | null = null;
  if (rule && !coverage.satisfied) {
    const are = coverage.covered === 1 ? "is" : "are";
    shortfall =
      rule === "all"
        ? `${facts.ref} needs all ${coverage.total} of its ${itemsWord(coverage.total)} covered by accepted evidence; ${coverage.covered} ${are}.`
        : `${facts.ref} needs at least ${coverage.required} of its ${coverage.total} ${itemsWord(coverage.total)} covered by accepted evidence; ${coverage.covered} ${are}.`;
  } else if (accepted.length === 0) {
    shortfall = `${facts.ref} needs at least one piece of accepted evidence before it can be signed as met; it has none yet. Accept a mapping of evidence to ${facts.ref} first.`;
  }
  return { coverage, shortfall };
}

export function metReadiness(facts: MetFacts): MetReadiness {
  const counted = facts.accepted.filter((m) => countsTowardsMet(m.evidence));
  const { coverage, shortfall } = shortfallOn(facts, counted);
  const unconfirmed = facts.accepted.find((m) => !countsTowardsMet(m.evidence));
  if (!shortfall || !unconfirmed) return { coverage, acceptedCount: counted.length, shortfall };
  // An unconfirmed observation is what the assessor can act on: say so, alone when its
  // confirmation is all that is missing, else after what else is short.
  const waiting = unconfirmedRecordShortfall(unconfirmed.evidence.title);
  const onceConfirmed = shortfallOn(facts, facts.accepted).shortfall;
  return { coverage, acceptedCount: counted.length, shortfall: onceConfirmed ? `${shortfall} ${waiting}` : waiting };
}
