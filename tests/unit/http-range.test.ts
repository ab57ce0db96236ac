import { describe, expect, it } from "vitest";
import { contentRangeHeader, parseRange } from "@/lib/evidence/http-range";

const size = 1000;

describe("parseRange", () => {
  it("serves the whole file without a Range header", () => {
    expect(parseRange(null, size)).toEqual({ kind: "whole" });
    expect(parseRange("", size)).toEqual({ kind: "whole" });
  });

  it("reads bytes=a-b, clamping the end to the file", () => {
    expect(parseRange("bytes=0-99", size)).toEqual({ kind: "partial", start: 0, end: 99 });
    expect(parseRange("bytes=500-500", size)).toEqual({ kind: "partial", start: 500, end: 500 });
    expect(parseRange("bytes=900-5000", size)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("Bytes = 10 - 20 ", size)).toEqual({ kind: "partial", start: 10, end: 20 });
  });

  it("reads bytes=a- as from a to the end", () => {
    expect(parseRange("bytes=0-", size)).toEqual({ kind: "partial", start: 0, end: 999 });
    expect(parseRange("bytes=999-", size)).toEqual({ kind: "partial", start: 999, end: 999 });
  });

  it("reads bytes=-n as the last n bytes", () => {
    expect(parseRange("bytes=-100", size)).toEqual({ kind: "partial", start: 900, end: 999 });
    expect(parseRange("bytes=-5000", size)).toEqual({ kind: "partial", start: 0, end: 999 });
  });

  it("is unsatisfiable past the end, for -0, and for an empty file", () => {
    expect(parseRange("bytes=1000-", size)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=1000-2000", size)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=99999999999999999999999-", size)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-0", size)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-10", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores multiple ranges and sends the whole file", () => {
    expect(parseRange("bytes=0-10,20-30", size)).toEqual({ kind: "whole" });
    expect(parseRange("bytes=0-10, -5", size)).toEqual({ kind: "whole" });
  });

  it("ignores what it cannot parse, as RFC 9110 allows", () => {
    for (const header of [
      "items=0-10",
      "bytes=",
      "bytes=-",
      "bytes=abc",
      "bytes=5-2",
      "bytes=1.5-3",
      "bytes=-1-2",
      "bytes 0-10",
      "bytes=0x10-20",
      "bytes=+1-2",
    ]) {
      expect(parseRange(header, size), header).toEqual({ kind: "whole" });
    }
  });
});

describe("contentRangeHeader", () => {
  it("names the range served, or the size for a 416", () => {
    expect(contentRangeHeader({ kind: "partial", start: 0, end: 99 }, size)).toBe("bytes 0-99/1000");
    expect(contentRangeHeader({ kind: "unsatisfiable" }, size)).toBe("bytes */1000");
    expect(contentRangeHeader({ kind: "whole" }, size)).toBeNull();
  });
});
