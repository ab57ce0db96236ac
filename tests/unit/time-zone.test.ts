import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE, timeZoneOf } from "@/lib/format/time-zone";

describe("a centre's time zone", () => {
  it("is the centre's own when set, else the default", () => {
    expect(timeZoneOf({ timeZone: "Europe/Dublin" })).toBe("Europe/Dublin");
    expect(timeZoneOf(null)).toBe(DEFAULT_TIME_ZONE);
    expect(timeZoneOf({ timeZone: "" })).toBe(DEFAULT_TIME_ZONE);
  });

  it("defaults in the database to the same zone the code falls back to", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    expect(schema).toMatch(new RegExp(`timeZone\\s+String\\s+@default\\("${DEFAULT_TIME_ZONE}"\\)`));
  });

  it("is a zone the runtime knows", () => {
    expect(Intl.supportedValuesOf("timeZone")).toContain(DEFAULT_TIME_ZONE);
  });
});
