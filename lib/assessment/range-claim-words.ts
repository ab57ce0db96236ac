// How the review page words a mapping's range items, so that the sentence fits the mapping's
// state: an assessor who accepts fewer items than were claimed narrows the mapping to those
// (review-mapping.ts), after which "the candidate claims 2 of 9" would be false.

export type RangeClaimFacts = {
  status: "PROPOSED" | "SUBMITTED" | "ACCEPTED" | "REJECTED";
  /** The mapping's range items now: the claim, or what was accepted once it is. */
  itemCount: number;
  total: number;
  /** How many the candidate claimed when it was last reviewed, if known. */
  claimedAtReview: number | null;
  /**
   * Who made the claim: the candidate, or a workplace witness, who ticks criteria and never
   * range items (the assessor ticks those the testimony shows). The candidate unless said.
   */
  claimant?: "candidate" | "witness";
};

/** "the candidate claims 3 of 9", "the assessor accepted 2 of 9 (the candidate claimed 3)", ... */
export function rangeClaimWords({
  status,
  itemCount,
  total,
  claimedAtReview,
  claimant = "candidate",
}: RangeClaimFacts): string {
  if (claimant === "witness")
    return status === "ACCEPTED"
      ? `the assessor accepted ${itemCount} of ${total}`
      : `the witness named the criterion, not its range items (${itemCount} of ${total})`;
  if (status !== "ACCEPTED")
    return `the candidate ${status === "REJECTED" ? "claimed" : "claims"} ${itemCount} of ${total}`;
  const claimed =
    claimedAtReview !== null && claimedAtReview !== itemCount ? ` (the candidate claimed ${claimedAtReview})` : "";
  return `the assessor accepted ${itemCount} of ${total}${claimed}`;
}
