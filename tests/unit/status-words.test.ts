import { describe, expect, it } from "vitest";
import { evidenceStage, evidenceStatusLabel, resubmittedLabel, reviewFeedbackLabel } from "@/lib/mapping/status-words";

describe("evidence status words", () => {
  const never = { submittedAt: null, round: 1 };
  const submitted = { submittedAt: new Date("2026-02-03T09:00:00Z"), round: 1 };
  const returned = { submittedAt: null, round: 2 };
  const resubmitted = { submittedAt: new Date("2026-02-04T09:00:00Z"), round: 2 };

  it("tells a draft from evidence referred back to the candidate after a round", () => {
    expect([never, submitted, returned, resubmitted].map(evidenceStage)).toEqual([
      "draft",
      "submitted",
      "referred",
      "submitted",
    ]);
    expect([never, submitted, returned, resubmitted].map(evidenceStatusLabel)).toEqual([
      "Draft (not submitted)",
      "Submitted",
      "Referred back",
      "Resubmitted (round 2)",
    ]);
    expect([1, 3].map(resubmittedLabel)).toEqual([null, "Resubmitted (round 3)"]);
  });

  it("labels an assessor's words by what the review decided", () => {
    expect(reviewFeedbackLabel("ACCEPTED")).toBe("Assessor's comment on acceptance");
    expect(reviewFeedbackLabel("REJECTED")).toBe("Why it was referred back");
    // A referred mapping the candidate has changed (proposed) or resubmitted keeps the last feedback.
    expect(reviewFeedbackLabel("PROPOSED")).toBe("Why it was referred back last time");
    expect(reviewFeedbackLabel("SUBMITTED")).toBe("Why it was referred back last time");
  });
});
