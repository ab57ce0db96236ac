import type { AssessorRecordKind } from "./input";

/** What the pages call each kind of assessor's record. */
export const recordWords: Record<
  AssessorRecordKind,
  { noun: string; Noun: string; body: string; criteria: string; record: string }
> = {
  observation: {
    noun: "observation",
    Noun: "Observation",
    body: "What was observed",
    criteria: "Criteria observed (accepted)",
    record: "Record an observation",
  },
  professionalDiscussion: {
    noun: "professional discussion",
    Noun: "Professional discussion",
    body: "Summary of the discussion",
    criteria: "Criteria covered (accepted)",
    record: "Record a professional discussion",
  },
};
