// Words for mapping statuses, shared by the candidate's and the assessor's pages. Plain data,
// safe to import from client components.

export const mappingStatuses = ["PROPOSED", "SUBMITTED", "ACCEPTED", "REJECTED"] as const;
export type MappingStatus = (typeof mappingStatuses)[number];

const words: Record<MappingStatus, { label: string; explanation: string }> = {
  PROPOSED: { label: "Proposed", explanation: "Not yet submitted for assessment." },
  SUBMITTED: { label: "Submitted", explanation: "Waiting for your assessor to review it." },
  ACCEPTED: { label: "Accepted", explanation: "Your assessor accepted this evidence for the criterion." },
  REJECTED: { label: "Referred back", explanation: "Your assessor did not accept it yet. Read the feedback, change or replace the evidence, and submit again." },
};

/** "Proposed", "Submitted", "Accepted", "Referred back". */
export function mappingStatusLabel(status: MappingStatus): string {
  return words[status].label;
}

export function mappingStatusExplanation(status: MappingStatus): string {
  return words[status].explanation;
}

/** Statuses in which the candidate may still change or remove the mapping. */
export function candidateMayChange(status: MappingStatus): boolean {
  return status !== "ACCEPTED";
}
