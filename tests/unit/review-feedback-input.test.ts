import { describe, expect, it } from "vitest";
import { ReviewMappingInput } from "@/lib/assessment/review-mapping";

// Browsers send a textarea's line breaks as "\r\n" but count each as one character against
// maxlength: feedback the field accepted must not be refused by the server, and is stored with
// plain "\n" line breaks.

describe("review feedback as a browser sends it", () => {
  const lines = (count: number, length: number) => Array.from({ length: count }, () => "x".repeat(length)).join("\r\n");

  it("counts each line break once and stores it as \\n", () => {
    // 50 lines of 99 characters, 49 line breaks and one more character: 5,000 as the browser
    // counts it, 5,049 as sent.
    const feedback = lines(50, 99) + "y";
    expect(feedback.length).toBe(5049);
    const parsed = ReviewMappingInput.parse({ mappingId: "m1", decision: "reject", feedback });
    expect(parsed.feedback).not.toContain("\r");
    expect(parsed.feedback?.length).toBe(5000);
  });

  it("still refuses feedback over 5,000 characters, and empty feedback on a referral", () => {
    expect(
      ReviewMappingInput.safeParse({ mappingId: "m1", decision: "reject", feedback: "z".repeat(5001) }).success,
    ).toBe(false);
    expect(ReviewMappingInput.safeParse({ mappingId: "m1", decision: "reject", feedback: " \r\n " }).success).toBe(
      false,
    );
    expect(
      ReviewMappingInput.parse({ mappingId: "m1", decision: "accept", feedback: "Good.\r\nThanks" }).feedback,
    ).toBe("Good.\nThanks");
  });
});
