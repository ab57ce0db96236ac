import type { DecisionSummary } from "../assessment/decision-summary";

// A criterion's standing for one enrolment, as the candidate's gap view shows it. Plain data,
// safe to import from client components.

export const criterionStatuses = ["met", "accepted", "submitted", "referred", "mapped", "none"] as const;
export type CriterionStatus = (typeof criterionStatuses)[number];

type Facts = {
  /** Outcome of the standing (not revoked) decision, if any. */
  decision: "MET" | "NOT_YET_MET" | null;
  /** Statuses of every mapping of any evidence to the criterion in this enrolment. */
  mappingStatuses: readonly string[];
};

/** met > accepted > submitted > referred > mapped > none. */
export function criterionStatus({ decision, mappingStatuses }: Facts): CriterionStatus {
  if (decision === "MET") return "met";
  if (mappingStatuses.includes("ACCEPTED")) return "accepted";
  if (mappingStatuses.includes("SUBMITTED")) return "submitted";
  const allRejected = mappingStatuses.length > 0 && mappingStatuses.every((s) => s === "REJECTED");
  if (allRejected || decision === "NOT_YET_MET") return "referred";
  if (mappingStatuses.includes("PROPOSED")) return "mapped";
  return "none";
}

const words: Record<CriterionStatus, { label: string; icon: string; next: string }> = {
  met: { label: "Met", icon: "✔", next: "Your assessor has signed this criterion off." },
  accepted: {
    label: "Evidence accepted",
    icon: "◆",
    next: "Your assessor accepted evidence for this; they sign it off when the range is covered.",
  },
  submitted: {
    label: "Submitted for assessment",
    icon: "◇",
    next: "Waiting for your assessor to review the evidence.",
  },
  referred: {
    label: "Referred back",
    icon: "↺",
    next: "Read your assessor's feedback, then add or change evidence and submit it again.",
  },
  mapped: {
    label: "Evidence mapped, not yet submitted",
    icon: "○",
    next: "Submit the mapped evidence for assessment when it is ready.",
  },
  none: { label: "No evidence yet", icon: "–", next: "Attach evidence from your real work that shows this." },
};

export function criterionStatusLabel(status: CriterionStatus): string {
  return words[status].label;
}

/** A symbol to show beside the words (never instead of them). */
export function criterionStatusIcon(status: CriterionStatus): string {
  return words[status].icon;
}

export function criterionStatusNext(status: CriterionStatus): string {
  return words[status].next;
}

/** A criterion as the progress views list it: what it says, where it stands and its standing decision. */
export type CriterionStanding = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  status: CriterionStatus;
  /** The standing decision: its outcome, who signed it and when. */
  decision: DecisionSummary | null;
};
