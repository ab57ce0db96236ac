import { describe, expect, it } from "vitest";
import { rangeClaimWords } from "@/lib/assessment/range-claim-words";
import { changedFields, claimChangeWords } from "@/lib/assessment/round-changes";
import { declarationMissingMessage, evidenceDeclaration } from "@/lib/portfolio/declaration";
import { claimedRangeVerdict, openItemsOnly } from "@/lib/portfolio/gap-view-words";
import type { CoverageDto, GapView } from "@/lib/portfolio/gap-view";
import { pointsBehind, ragOf, timeElapsedPercent } from "@/lib/progress/rag";

// Wording that must fit the state it describes (issue 15, item 6), and the declaration that must
// fit the evidence (item 3).

describe("the submission declaration", () => {
  it("says real work for real work and simulation for simulated evidence", () => {
    expect(evidenceDeclaration(false)).toBe(
      "I confirm this evidence is my own work, from real work activities, and is true and accurate",
    );
    expect(evidenceDeclaration(true)).toBe(
      "I confirm this evidence is my own work, from a simulation or role-play (not real work activities), and is true and accurate",
    );
    expect(declarationMissingMessage(false)).toBe(
      "Tick the declaration to confirm this evidence is your own work, from real work activities, and is true and accurate.",
    );
  });
});

describe("points behind for a new enrolment", () => {
  const start = new Date("2026-03-01T00:00:00Z");
  const facts = {
    status: "ACTIVE" as const,
    startDate: start,
    plannedEndDate: new Date("2026-05-30T00:00:00Z"),
    met: 0,
    total: 28,
  };

  it("reads 0 (on schedule), not '1 point behind', while 0% of the time has elapsed", () => {
    const hoursIn = new Date(start.getTime() + 6 * 3_600_000);
    expect(timeElapsedPercent(facts.startDate, facts.plannedEndDate, hoursIn)).toBe(0);
    expect(ragOf(facts, hoursIn)).toBe("green");
    expect(pointsBehind(facts, hoursIn)).toBe(0);
  });
});

describe("the review's range wording", () => {
  it("says who holds the items: the candidate's claim, or what the assessor accepted of it", () => {
    expect(rangeClaimWords({ status: "SUBMITTED", itemCount: 3, total: 9, claimedAtReview: null })).toBe(
      "the candidate claims 3 of 9",
    );
    expect(rangeClaimWords({ status: "ACCEPTED", itemCount: 2, total: 9, claimedAtReview: 3 })).toBe(
      "the assessor accepted 2 of 9 (the candidate claimed 3)",
    );
    expect(rangeClaimWords({ status: "ACCEPTED", itemCount: 3, total: 9, claimedAtReview: 3 })).toBe(
      "the assessor accepted 3 of 9",
    );
    expect(rangeClaimWords({ status: "REJECTED", itemCount: 3, total: 9, claimedAtReview: 3 })).toBe(
      "the candidate claimed 3 of 9",
    );
  });

  it("says a witness named the criterion, not its range items, and never calls them the candidate", () => {
    const witness = { claimant: "witness" as const, total: 9, claimedAtReview: null };
    expect(rangeClaimWords({ ...witness, status: "SUBMITTED", itemCount: 0 })).toBe(
      "the witness named the criterion, not its range items (0 of 9)",
    );
    expect(rangeClaimWords({ ...witness, status: "ACCEPTED", itemCount: 4 })).toBe("the assessor accepted 4 of 9");
    expect(rangeClaimWords({ ...witness, status: "REJECTED", itemCount: 0 })).toBe(
      "the witness named the criterion, not its range items (0 of 9)",
    );
  });

  it("lists what changed in a claim and on the evidence since the last review", () => {
    const texts = new Map([
      ["a", "Surveys"],
      ["b", "Mystery shoppers"],
      ["c", "Complaints"],
    ]);
    expect(claimChangeWords(["a", "b"], ["a", "c"], texts)).toBe(
      "Range items added: Complaints. Range items removed: Mystery shoppers.",
    );
    expect(claimChangeWords(["a"], ["a"], texts)).toBe("Same range items as when it was reviewed.");
    expect(
      changedFields(
        { title: "A", description: "x", simulated: false },
        { title: "A", description: "y", simulated: true },
      ),
    ).toEqual(["description", "simulated"]);
  });
});

describe("the gap view's range verdict", () => {
  const coverage = (satisfied: boolean): CoverageDto =>
    ({ covered: 3, required: 3, total: 9, satisfied, description: "3 of at least 3 covered" }) as CoverageDto;

  it("does not say 'once the assessor accepts it' once it is accepted or signed", () => {
    expect(claimedRangeVerdict({ claimed: coverage(true), accepted: coverage(false) }, "submitted")).toBe(
      " — enough for the rule, once the assessor accepts it.",
    );
    expect(claimedRangeVerdict({ claimed: coverage(true), accepted: coverage(true) }, "accepted")).toBe(
      " — enough for the rule, and accepted by the assessor.",
    );
    expect(claimedRangeVerdict({ claimed: coverage(true), accepted: coverage(true) }, "met")).toBe(
      " — enough for the rule, and signed off as met.",
    );
    expect(claimedRangeVerdict({ claimed: coverage(false), accepted: coverage(false) }, "mapped")).toBe(".");
  });

  it("shows only what is open when asked: criteria not met, groups left empty dropped, requirements not confirmed", () => {
    const criterion = (id: string, status: "met" | "none") =>
      ({ id, status }) as GapView["groups"][number]["criteria"][number];
    const view = {
      total: 3,
      counts: { met: 2 },
      groups: [
        { id: "g1", criteria: [criterion("1.1", "met"), criterion("1.2", "none")] },
        { id: "g2", criteria: [criterion("2.1", "met")] },
      ],
      requirements: [
        { ref: "1", confirmed: true },
        { ref: "2", confirmed: false },
      ],
    } as unknown as GapView;
    const open = openItemsOnly(view);
    expect(open.groups.map((g) => [g.id, g.criteria.map((c) => c.id)])).toEqual([["g1", ["1.2"]]]);
    expect(open.requirements.map((r) => r.ref)).toEqual(["2"]);
  });
});
