import { describe, expect, it } from "vitest";
import {
  AMBER_MAX_POINTS_BEHIND,
  GREEN_MAX_POINTS_BEHIND,
  progressBand,
  pointsBehind,
  progressPercent,
  ragDeadlines,
  ragOf,
  ragStates,
  timeElapsedPercent,
  type RagFacts,
  type RagState,
} from "@/lib/progress/rag";

// The RAG rule at its edges. The same constants and the same integer comparison drive the SQL
// expression; tests/integration/progress.test.ts checks the databases agree at these edges.

const DAY = 86_400_000;
const DAY_BIG = BigInt(DAY);
const start = new Date("2026-01-01T00:00:00.000Z");
const end = new Date(start.getTime() + 100 * DAY); // 100 days: each day is one percentage point
const at = (days: number, ms = 0) => new Date(start.getTime() + days * DAY + ms);

function facts(met: number, overrides: Partial<RagFacts> = {}): RagFacts {
  return { status: "ACTIVE", startDate: start, plannedEndDate: end, met, total: 20, ...overrides };
}

describe("RAG thresholds", () => {
  it("are 10 and 25 percentage points behind", () => {
    expect(GREEN_MAX_POINTS_BEHIND).toBe(10);
    expect(AMBER_MAX_POINTS_BEHIND).toBe(25);
  });

  it("lists every state worst first", () => {
    expect(ragStates).toEqual(["red", "amber", "green", "notStarted", "completed", "withdrawn"]);
  });
});

describe("ragOf, active enrolments (20 criteria, 100-day plan, half the time used)", () => {
  const half = at(50);

  it("is green when ahead or on schedule", () => {
    expect(ragOf(facts(20), half)).toBe("green");
    expect(ragOf(facts(10), half)).toBe("green"); // 50% done, 50% of time: 0 behind
  });

  it("is green at exactly 10 points behind", () => {
    expect(ragOf(facts(8), half)).toBe("green"); // 40% done, 50% of time
  });

  it("is amber just past 10 points behind", () => {
    expect(ragOf(facts(8), at(50, 1))).toBe("amber"); // one millisecond later
    expect(ragOf(facts(7), half)).toBe("amber"); // 15 behind
  });

  it("is amber at exactly 25 points behind", () => {
    expect(ragOf(facts(5), half)).toBe("amber"); // 25% done
  });

  it("is red just past 25 points behind", () => {
    expect(ragOf(facts(5), at(50, 1))).toBe("red");
    expect(ragOf(facts(4), half)).toBe("red"); // 30 behind
    expect(ragOf(facts(0), half)).toBe("red");
  });

  it("is not red on the planned end date itself, and red one moment after it, however far it got", () => {
    expect(ragOf(facts(20), end)).toBe("green");
    expect(ragOf(facts(18), end)).toBe("green"); // 90% done, 100% of time: exactly 10 behind
    expect(ragOf(facts(20), at(100, 1))).toBe("red");
    expect(ragOf(facts(19), at(400))).toBe("red");
  });

  it("treats a start date in the future as not started, and green from the first instant", () => {
    expect(ragOf(facts(0), at(0, -1))).toBe("notStarted");
    expect(ragOf(facts(0), at(-30))).toBe("notStarted");
    expect(ragOf(facts(0), start)).toBe("green");
    expect(ragOf(facts(0), at(10))).toBe("green"); // exactly 10 behind on day 10
    expect(ragOf(facts(0), at(10, 1))).toBe("amber");
  });

  it("counts a unit without criteria as no progress", () => {
    expect(ragOf(facts(0, { total: 0 }), at(5))).toBe("green");
    expect(ragOf(facts(0, { total: 0 }), at(30))).toBe("red");
  });

  it("copes with a planned end on the start date: no time used at that instant, past it just after", () => {
    expect(ragOf(facts(0, { plannedEndDate: start }), start)).toBe("green");
    expect(ragOf(facts(20, { plannedEndDate: start }), start)).toBe("green");
    expect(ragOf(facts(20, { plannedEndDate: start }), at(0, 1))).toBe("red");
  });

  it("is exact with criteria counts that do not divide evenly", () => {
    // 3 of 7 met (42.857...%) with 52.857...% of the time used: exactly 10 points behind.
    const seven = { total: 7, startDate: start, plannedEndDate: new Date(start.getTime() + 7000 * DAY) };
    expect(ragOf(facts(3, seven), at(3700))).toBe("green");
    expect(ragOf(facts(3, seven), at(3700, 1))).toBe("amber");
  });
});

describe("ragDeadlines: the rule solved for now", () => {
  // An independent statement of the rule for active, started enrolments: points behind compared
  // with 10 and 25 exactly, as fractions cross-multiplied (no division, no deadlines).
  function byPointsBehind(startMs: bigint, endMs: bigint, met: number, total: number, atMs: bigint): RagState {
    if (atMs > endMs) return "red";
    const duration = endMs > startMs ? endMs - startMs : 1n;
    const units = total > 0 ? BigInt(total) : 1n;
    // points behind = 100*(at-start)/duration - 100*met/units, over the common denominator duration*units
    const behind = 100n * (atMs - startMs) * units - 100n * BigInt(met) * duration;
    if (behind <= 10n * duration * units) return "green";
    if (behind <= 25n * duration * units) return "amber";
    return "red";
  }

  it("agrees with points behind on every millisecond around each deadline, for random plans", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const startMs = BigInt(Date.UTC(2024, 0, 1) + Math.floor(random() * 1000 * DAY));
      const duration = BigInt(Math.floor(random() * 3 * 365 * DAY)) + (i % 50 === 0 ? -DAY_BIG : 0n); // some plans end before they start
      const endMs = startMs + duration;
      const total = i % 97 === 0 ? 0 : 1 + Math.floor(random() * 60);
      const met = Math.floor(random() * (total + 1));
      const d = ragDeadlines({ startMs, endMs, met, total });
      for (const deadline of [d.greenUntilMs, d.amberUntilMs, endMs]) {
        for (const atMs of [deadline - 1n, deadline, deadline + 1n]) {
          if (atMs < startMs) continue;
          const facts: RagFacts = {
            status: "ACTIVE",
            startDate: new Date(Number(startMs)),
            plannedEndDate: new Date(Number(endMs)),
            met,
            total,
          };
          const now = new Date(Number(atMs));
          const state = ragOf(facts, now);
          expect(state, `${startMs} ${endMs} ${met}/${total} at ${atMs}`).toBe(
            byPointsBehind(startMs, endMs, met, total, atMs),
          );
          // The points shown agree with the state wherever they are shown.
          const points = pointsBehind(facts, now);
          if (points !== null) expect(state).toBe(points <= 10 ? "green" : points <= 25 ? "amber" : "red");
        }
      }
    }
  });

  it("puts green 10% and amber 25% of the way through the plan when nothing is met, whatever the unit's size", () => {
    const startMs = BigInt(start.getTime());
    const endMs = BigInt(end.getTime());
    for (const total of [0, 1, 7, 35]) {
      expect(ragDeadlines({ startMs, endMs, met: 0, total })).toEqual({
        greenUntilMs: startMs + 10n * BigInt(DAY),
        amberUntilMs: startMs + 25n * BigInt(DAY),
      });
    }
  });

  it("never runs past the planned end", () => {
    const d = ragDeadlines({ startMs: BigInt(start.getTime()), endMs: BigInt(end.getTime()), met: 20, total: 20 });
    expect(d).toEqual({ greenUntilMs: BigInt(end.getTime()), amberUntilMs: BigInt(end.getTime()) });
  });
});

describe("pointsBehind", () => {
  const half = at(50);
  it("rounds up, so the figure never reads as a threshold the state has passed", () => {
    expect(pointsBehind(facts(8), half)).toBe(10); // exactly 10: green
    expect(pointsBehind(facts(8), at(50, 1))).toBe(11); // a moment past 10: amber
    expect(pointsBehind(facts(5), half)).toBe(25); // exactly 25: amber
    expect(pointsBehind(facts(5), at(50, 1))).toBe(26); // a moment past 25: red
  });

  it("is negative when ahead and 0 on schedule", () => {
    expect(pointsBehind(facts(10), half)).toBe(0);
    expect(pointsBehind(facts(14), half)).toBe(-20);
  });

  it("is not given before the start, after the planned end, or when completed or withdrawn", () => {
    expect(pointsBehind(facts(0), at(-1))).toBeNull();
    expect(pointsBehind(facts(0), at(100, 1))).toBeNull();
    expect(pointsBehind(facts(0, { status: "COMPLETED" }), half)).toBeNull();
    expect(pointsBehind(facts(0, { status: "WITHDRAWN" }), half)).toBeNull();
    expect(pointsBehind(facts(0), end)).toBe(100);
  });
});

describe("ragOf, completed and withdrawn enrolments", () => {
  it("gives completed its own state, whatever the dates and figures", () => {
    expect(ragOf(facts(0, { status: "COMPLETED" }), at(400))).toBe("completed");
    expect(ragOf(facts(20, { status: "COMPLETED" }), at(-10))).toBe("completed");
  });

  it("gives withdrawn its own state, whatever the dates and figures", () => {
    expect(ragOf(facts(0, { status: "WITHDRAWN" }), at(400))).toBe("withdrawn");
    expect(ragOf(facts(20, { status: "WITHDRAWN" }), at(50))).toBe("withdrawn");
    expect(ragOf(facts(0, { status: "WITHDRAWN" }), at(-10))).toBe("withdrawn");
  });
});

describe("figures shown with the RAG state", () => {
  it("rounds progress down, so 100% means every criterion is met", () => {
    expect(progressPercent(0, 35)).toBe(0);
    expect(progressPercent(34, 35)).toBe(97);
    expect(progressPercent(35, 35)).toBe(100);
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(0, 0)).toBe(0);
  });

  it("bands progress in tens, with 100% in the top band", () => {
    expect(progressBand(0, 20)).toBe(0);
    expect(progressBand(1, 20)).toBe(0);
    expect(progressBand(2, 20)).toBe(1);
    expect(progressBand(19, 20)).toBe(9);
    expect(progressBand(20, 20)).toBe(9);
  });

  it("clamps the time elapsed to 0-100%", () => {
    expect(timeElapsedPercent(start, end, at(-1))).toBe(0);
    expect(timeElapsedPercent(start, end, start)).toBe(0);
    expect(timeElapsedPercent(start, end, at(50))).toBe(50);
    expect(timeElapsedPercent(start, end, at(50, -1))).toBe(49);
    expect(timeElapsedPercent(start, end, end)).toBe(100);
    expect(timeElapsedPercent(start, end, at(300))).toBe(100);
  });
});
