import { describe, expect, it } from "vitest";
import { fromNearerEnd, ragPageSegments } from "@/lib/progress/candidate-list";

// A page of the list sorted by RAG is read state by state: which rows of which states it holds.
// Ranks: 0 red, 1 amber, 2 green, 3 not started, 4 completed, 5 withdrawn.

const counts = new Map([
  [0, 30], // red: rows 0-29
  [1, 10], // amber: rows 30-39
  [2, 0],
  [3, 5], // not started: rows 40-44
  [5, 100], // withdrawn: rows 45-144 (no completed)
]);

describe("ragPageSegments", () => {
  it("takes the first page from the worst state", () => {
    expect(ragPageSegments(counts, "asc", 0, 25)).toEqual([{ rank: 0, offset: 0, limit: 25 }]);
  });

  it("splits a page that crosses states, skipping empty ones", () => {
    expect(ragPageSegments(counts, "asc", 25, 25)).toEqual([
      { rank: 0, offset: 0, limit: 5, reversed: true }, // the last 5 of 30 red: read from the end
      { rank: 1, offset: 0, limit: 10 },
      { rank: 3, offset: 0, limit: 5 },
      { rank: 5, offset: 0, limit: 5 },
    ]);
  });

  it("reads the states the other way round when sorted best first", () => {
    expect(ragPageSegments(counts, "desc", 0, 25)).toEqual([{ rank: 5, offset: 0, limit: 25 }]);
    expect(ragPageSegments(counts, "desc", 100, 25)).toEqual([
      { rank: 3, offset: 0, limit: 5 },
      { rank: 1, offset: 0, limit: 10 },
      { rank: 0, offset: 0, limit: 10 },
    ]);
  });

  it("ends with a short last page and gives nothing past the end", () => {
    expect(ragPageSegments(counts, "asc", 125, 25)).toEqual([{ rank: 5, offset: 0, limit: 20, reversed: true }]);
    expect(ragPageSegments(counts, "asc", 145, 25)).toEqual([]);
    expect(ragPageSegments(new Map(), "asc", 0, 25)).toEqual([]);
  });
});

describe("fromNearerEnd", () => {
  it("reads a page past the middle from the far end, the same rows the other way round", () => {
    expect(fromNearerEnd({ offset: 0, limit: 25 }, 1000)).toEqual({ offset: 0, limit: 25 });
    expect(fromNearerEnd({ offset: 475, limit: 25 }, 1000)).toEqual({ offset: 475, limit: 25 }); // 500 after it: forwards
    expect(fromNearerEnd({ offset: 500, limit: 25 }, 1000)).toEqual({ offset: 475, limit: 25, reversed: true });
    expect(fromNearerEnd({ offset: 975, limit: 25 }, 1000)).toEqual({ offset: 0, limit: 25, reversed: true }); // the last page
    expect(fromNearerEnd({ rank: 2, offset: 990, limit: 10 }, 1000)).toEqual({
      rank: 2,
      offset: 0,
      limit: 10,
      reversed: true,
    });
  });
});
