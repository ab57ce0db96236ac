import { describe, expect, it } from "vitest";
import { alsoRangeItemValue, alsoValue, claimsFromForm } from "@/lib/mapping/claims-form";

// The mapping form sends the criterion being mapped and each ticked equivalent in other units
// (issue #18); each claim must get its own range items and no one else's.

const empty = { rangeItemId: [], also: [], alsoRangeItem: [] };

describe("claimsFromForm", () => {
  it("reads the criterion being mapped alone as one claim, as the single mapping form sent it", () => {
    expect(claimsFromForm({ ...empty, enrolmentId: "e1", criterionId: "c1", rangeItemId: ["r1", "r2"] })).toEqual([
      { enrolmentId: "e1", criterionId: "c1", rangeItemIds: ["r1", "r2"] },
    ]);
  });

  it("gives each ticked equivalent its own range items, and claims none of an unticked one's", () => {
    const claims = claimsFromForm({
      enrolmentId: "e1",
      criterionId: "c1",
      rangeItemId: ["r1"],
      also: [alsoValue("e2", "c2"), alsoValue("e3", "c3")],
      alsoRangeItem: [
        alsoRangeItemValue("e2", "c2", "r20"),
        alsoRangeItemValue("e4", "c4", "r40"),
        alsoRangeItemValue("e2", "c2", "r21"),
      ],
    });
    expect(claims).toEqual([
      { enrolmentId: "e1", criterionId: "c1", rangeItemIds: ["r1"] },
      { enrolmentId: "e2", criterionId: "c2", rangeItemIds: ["r20", "r21"] },
      { enrolmentId: "e3", criterionId: "c3", rangeItemIds: [] },
    ]);
  });

  it("turns a value that is not two ids into a claim with empty ids, for the input schema to refuse", () => {
    const claims = claimsFromForm({
      ...empty,
      enrolmentId: "e1",
      criterionId: "c1",
      also: ["e2", "e2:c2:x"],
      alsoRangeItem: ["e2:r1"],
    });
    expect(claims.slice(1)).toEqual([
      { enrolmentId: "", criterionId: "", rangeItemIds: [] },
      { enrolmentId: "", criterionId: "", rangeItemIds: [] },
    ]);
  });
});
