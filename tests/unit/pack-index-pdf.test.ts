import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeIndexPdf } from "@/lib/packs/index-pdf";

// index.pdf is the page an external quality assurer reads first: people's names and centres'
// names must appear as written, whatever their alphabet (Polish, Vietnamese, Greek, Welsh...),
// not as "?".

async function pdfOf(names: { centre: string; createdBy: string; scopeTitle: string }): Promise<Buffer> {
  const stream = writeIndexPdf({
    packId: "pack-1",
    createdAt: new Date("2026-12-01T10:00:00Z"),
    createdBy: names.createdBy,
    scopeTitle: names.scopeTitle,
    scopeWords: "One candidate's units.",
    contents: {
      centre: { id: "c", name: names.centre, timeZone: "Europe/London" },
      enrolments: [],
      evidence: new Map(),
    },
    files: new Map(),
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The text of every stream in the PDF, inflated where it is compressed. */
function streamsOf(pdf: Buffer): string {
  const text = pdf.toString("latin1");
  const out: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    const body = pdf.subarray(start, end);
    try {
      out.push(zlib.inflateSync(body).toString("latin1"));
    } catch {
      out.push(body.toString("latin1"));
    }
  }
  return out.join("\n");
}

/** The characters the PDF's fonts map back to Unicode (the arrays of their ToUnicode tables, UTF-16BE). */
function unicodeOf(pdf: Buffer): Set<string> {
  const found = new Set<string>();
  const cmaps = streamsOf(pdf).split("begincmap").slice(1);
  for (const cmap of cmaps)
    for (const [, array] of cmap.matchAll(/\[([^\]]*)\]/g))
      for (const [, hex] of array!.matchAll(/<([0-9a-fA-F ]+)>/g)) {
        const units = hex!.replace(/ /g, "").match(/.{4}/g) ?? [];
        for (const c of String.fromCharCode(...units.map((u) => parseInt(u, 16)))) found.add(c);
      }
  return found;
}

describe("the evidence pack's index.pdf", () => {
  it("draws names in any Latin, Greek or Cyrillic script as written, not as question marks", async () => {
    const pdf = await pdfOf({
      centre: "Łódź Training Centre",
      createdBy: "Nguyễn Thị Minh Khai",
      scopeTitle: "Ŵyn Ŷstrad, Αλέξης, Дмитрий",
    });
    const drawn = unicodeOf(pdf);
    expect(pdf.toString("latin1")).not.toContain("/Helvetica");
    for (const c of "ŁódźNguyễnThịŴŶΑλέξηςДмитрий") expect(drawn, `"${c}" is not drawn`).toContain(c);
  });
});
