import { describe, expect, it } from "vitest";
import { backoffMs } from "@/lib/jobs/backoff";

// How long a failed job waits before its next attempt (lib/jobs/backoff.ts).

const policy = { baseMs: 1000, maxMs: 60_000 };

describe("backoff between attempts", () => {
  it("doubles after each failed attempt, between half and all of the doubled delay", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, policy, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, policy, () => 0))).toEqual([500, 1000, 2000, 4000]);
  });

  it("spreads jobs that failed together over the jittered range", () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => backoffMs(3, policy, () => r));
    expect(delays).toEqual([2000, 2500, 3000, 3500]);
  });

  it("never waits longer than the maximum, however many attempts failed", () => {
    expect(backoffMs(7, policy, () => 1)).toBe(60_000);
    expect(backoffMs(1000, policy, () => 1)).toBe(60_000);
    expect(backoffMs(1000, policy, () => 0)).toBe(30_000);
  });
});
