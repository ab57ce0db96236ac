import { describe, expect, it } from "vitest";
import { findLongFunctions, parseAllowedList } from "@/scripts/check-function-length";

/** A function whose declaration spans `lines` lines (the opening and closing lines included). */
const functionOf = (lines: number, above = "") =>
  `${above}export function build() {\n${"  step();\n".repeat(lines - 2)}}\n`;

describe("function-length check", () => {
  it("finds a function of 81 lines and names it", () => {
    const found = findLongFunctions(functionOf(81), "lib/x.ts");
    expect(found).toEqual([{ file: "lib/x.ts", name: "build", line: 1, lines: 81, reason: undefined }]);
  });

  it("lets a function of 80 lines pass", () => {
    expect(findLongFunctions(functionOf(80), "lib/x.ts")).toEqual([]);
  });

  it("accepts an 81-line function with a reason in a comment above it", () => {
    const found = findLongFunctions(
      functionOf(81, "// long-function: one SQL statement, read top to bottom\n"),
      "lib/x.ts",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.reason).toBe("one SQL statement, read top to bottom");
  });

  it("does not take an empty reason", () => {
    const found = findLongFunctions(functionOf(81, "// long-function:\n"), "lib/x.ts");
    expect(found[0]?.reason).toBeUndefined();
  });

  it("names arrow functions by their variable and callbacks by their call", () => {
    const body = "  step();\n".repeat(80);
    const text = `const handler = async () => {\n${body}};\nitems.forEach((item) => {\n${body}});\n`;
    expect(findLongFunctions(text, "scripts/x.tsx").map((f) => f.name)).toEqual(["handler", "items.forEach callback"]);
  });

  it("reads the allowed list and refuses an entry without a reason", () => {
    const { entries, errors } = parseAllowedList("# comment\n\napp/page.tsx:Page # page markup\nlib/x.ts:build\n");
    expect([...entries]).toEqual([["app/page.tsx:Page", "page markup"]]);
    expect(errors).toEqual([
      'scripts/long-functions-allowed.txt:4: write "path:functionName # reason" (a reason is required).',
    ]);
  });
});
