import { describe, expect, it } from "vitest";
import { z } from "zod";
import { text, texts, ticked } from "@/lib/forms/fields";

// A form that leaves a field out (an unticked checkbox group, a control the page did not draw)
// must reach the domain function with that field empty, not be refused as "expected nonoptional".
describe("form fields", () => {
  const schema = z.object({ title: text(), rangeItemId: texts(), confirmed: ticked() });

  it("reads a field the form did not send as empty", () => {
    expect(schema.parse({})).toEqual({ title: "", rangeItemId: [], confirmed: false });
  });

  it("reads what was sent", () => {
    expect(schema.parse({ title: " Shift log ", rangeItemId: ["a", "b"], confirmed: "yes" })).toMatchObject({
      rangeItemId: ["a", "b"],
      confirmed: true,
    });
  });
});
