// Words for mapping and evidence statuses, shared by the candidate's and the assessor's pages.
// Plain data, safe to import from client components.

export const mappingStatuses = ["PROPOSED", "SUBMITTED", "ACCEPTED", "REJECTED"] as const;
export type MappingStatus = (typeof mappingStatuses)[number];

const words: Record<MappingStatus, { label: string; explanation: string; feedbackLabel: string }> = {
  PROPOSED: {
    label: "Proposed",
    explanation: "Not yet submitted for assessment.",
    // A proposal carries feedback only when it was referred back and the candidate has changed it since.
    feedbackLabel: "Why it was referred back last time",
  },
  SUBMITTED: {
    label: "Submitted",
    explanation: "Waiting for your assessor to review it.",
    feedbackLabel: "Why it was referred back last time",
  },
  ACCEPTED: {
    label: "Accepted",
    explanation: "Your assessor accepted this evidence for the criterion.",
    feedbackLabel: "Assessor's comment on acceptance",
  },
  REJECTED: {
    label: "Referred back",
    explanation:
      "Your assessor did not accept it yet. Read the feedback, change or replace the evidence, and submit again.",
    feedbackLabel: "Why it was referred back",
  },
};

/** "Proposed", "Submitted", "Accepted", "Referred back". */
export function mappingStatusLabel(status: MappingStatus): string {
  return words[status].label;
}

export function mappingStatusExplanation(status: MappingStatus): string {
  return words[status].explanation;
}

/**
 * What an assessor's words on a mapping are, shown before them: for an acceptance, a comment on
 * it; for a referral (or a mapping the candidate has revised since one), why it was referred back.
 */
export function reviewFeedbackLabel(status: MappingStatus): string {
  return words[status].feedbackLabel;
}

/** Statuses in which the candidate may still change or remove the mapping. */
export function candidateMayChange(status: MappingStatus): boolean {
  return status !== "ACCEPTED";
}

/**
 * Where an evidence item stands as a whole: a draft before its first submission, submitted (in
 * any round), or referred back: returned to the candidate after a round in which something was
 * referred back (docs/decisions/0005-submission-rounds.md), to revise and resubmit.
 */
export type EvidenceStage = "draft" | "submitted" | "referred";

export function evidenceStage(evidence: { submittedAt: Date | null; round: number }): EvidenceStage {
  if (evidence.submittedAt) return "submitted";
  return evidence.round > 1 ? "referred" : "draft";
}

export const evidenceStageLabels: Record<EvidenceStage, string> = {
  draft: "Draft (not submitted)",
  submitted: "Submitted",
  referred: "Referred back",
};

/** "Resubmitted (round 2)" for a round after the first, or null for round 1. */
export function resubmittedLabel(round: number): string | null {
  return round > 1 ? `Resubmitted (round ${round})` : null;
}

/** "Draft (not submitted)", "Submitted", "Resubmitted (round 2)" or "Referred back". */
export function evidenceStatusLabel(evidence: { submittedAt: Date | null; round: number }): string {
  const stage = evidenceStage(evidence);
  return (stage === "submitted" ? resubmittedLabel(evidence.round) : null) ?? evidenceStageLabels[stage];
}
