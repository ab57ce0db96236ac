import { describe, expect, it } from "vitest";
import { describeRangeRule } from "@/lib/standards/range-rule";

describe("describeRangeRule", () => {
  it("says how many of the items an atLeast rule asks for", () => {
    expect(describeRangeRule("atLeast", 3, 9)).toBe("at least 3 of these 9");
    expect(describeRangeRule("atLeast", 2, 3)).toBe("at least 2 of these 3");
  });

  it("says all of them for an all rule", () => {
    expect(describeRangeRule("all", null, 6)).toBe("all of these 6");
  });

  it("says this one when the range has a single item", () => {
    expect(describeRangeRule("all", null, 1)).toBe("this one");
    expect(describeRangeRule("atLeast", 1, 1)).toBe("this one");
  });

  it("says nothing when the source states no rule", () => {
    expect(describeRangeRule(null, null, 3)).toBe("");
    expect(describeRangeRule(undefined, undefined, 3)).toBe("");
  });

  it("says nothing for a rule it cannot state truthfully", () => {
    expect(describeRangeRule("atLeast", null, 4)).toBe("");
    expect(describeRangeRule("atLeast", 0, 4)).toBe("");
    expect(describeRangeRule("sometimes", 2, 4)).toBe("");
    expect(describeRangeRule("all", null, 0)).toBe("");
  });
});
