import { Readable } from "node:stream";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptedTypesSentence, downloadFileName, fileKindOf, SNIFF_BYTES, sniffType } from "@/lib/evidence/sniff-type";

const bytes = (...parts: Array<string | number[] | Buffer>) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))));

/** Sniffs as the upload does: the first SNIFF_BYTES, the total size, and a way to re-read it all. */
function sniff(content: Buffer, fileName = "file") {
  return sniffType({
    head: content.subarray(0, SNIFF_BYTES),
    totalSize: content.length,
    fileName,
    readAll: () => Readable.from([content]),
  });
}

function uint32be(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function pngChunk(type: string, data: Buffer) {
  return bytes(uint32be(data.length), type, data, uint32be(zlib.crc32(bytes(type, data))));
}

const png = bytes(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pngChunk("IHDR", bytes(uint32be(1), uint32be(1), [8, 6, 0, 0, 0])),
  pngChunk("IEND", Buffer.alloc(0)),
);
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xd9]);
const pdf = bytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const isoBox = (brand: string) => bytes(uint32be(24), "ftyp", brand, uint32be(0), brand, "mp41");
const cfbHeader = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], Buffer.alloc(504));

/** A ZIP of stored entries, written in the order given (Office files are ZIPs). */
function zip(entries: Array<[string, Buffer]>) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const contentTypes = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);

describe("sniffType accepts evidence by its content", () => {
  it.each([
    ["a PNG", png, "Rota.png", "image/png", "image"],
    ["a JPEG", jpeg, "IMG_0042.JPG", "image/jpeg", "image"],
    ["a GIF", bytes("GIF89a", [1, 0, 1, 0, 0, 0, 0], ";"), "diagram.gif", "image/gif", "image"],
    ["a PDF", pdf, "statement.pdf", "application/pdf", "pdf"],
    ["an MP4 video", isoBox("isom"), "demo.mp4", "video/mp4", "video"],
    ["a QuickTime video", isoBox("qt  "), "IMG_0043.MOV", "video/quicktime", "video"],
    ["an M4A recording", isoBox("M4A "), "interview.m4a", "audio/x-m4a", "audio"],
    ["a HEIC photo", isoBox("heic"), "IMG_0044.HEIC", "image/heic", "image"],
    ["a WAV recording", bytes("RIFF", [36, 0, 0, 0], "WAVEfmt "), "interview.wav", "audio/wav", "audio"],
    [
      "an MP3 with an ID3 tag",
      bytes("ID3", [3, 0, 0, 0, 0, 0, 0], [0xff, 0xfb, 0x90, 0x64], Buffer.alloc(400)),
      "interview.mp3",
      "audio/mpeg",
      "audio",
    ],
    [
      "an Ogg Opus recording",
      bytes("OggS", [0, 2], Buffer.alloc(20), [1, 19], "OpusHead", [1, 2], Buffer.alloc(9)),
      "voice.opus",
      "audio/ogg",
      "audio",
    ],
    [
      "an Ogg Vorbis recording",
      bytes("OggS", [0, 2], Buffer.alloc(20), [1, 30], [1], "vorbis", Buffer.alloc(23)),
      "voice.ogg",
      "audio/ogg",
      "audio",
    ],
    [
      "a WebM video",
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84], "webm"),
      "screen.webm",
      "video/webm",
      "video",
    ],
  ])("%s, named as what it is or with no extension", async (_what, content, fileName, mimeType, kind) => {
    expect(await sniff(content, fileName)).toMatchObject({ ok: true, mimeType, kind });
    expect(await sniff(content)).toMatchObject({ ok: true, mimeType, kind });
  });

  it.each([
    ["a JPEG named .jpeg, .jfif or .jpe", jpeg, ["photo.jpeg", "photo.jfif", "photo.jpe"]],
    ["a HEIC photo named .heif", isoBox("heic"), ["IMG_0044.heif"]],
    // One container (ISO media) under names devices mix freely.
    ["an MP4 named .m4a or .m4v", isoBox("mp42"), ["voice.m4a", "clip.m4v"]],
    ["a MOV named .mp4", isoBox("qt  "), ["clip.mp4"]],
    ["an M4A named .mp4", isoBox("M4A "), ["voice.mp4"]],
    [
      "an Ogg Vorbis named .oga",
      bytes("OggS", [0, 2], Buffer.alloc(20), [1, 30], [1], "vorbis", Buffer.alloc(23)),
      ["voice.oga"],
    ],
  ])("%s", async (_what, content, names) => {
    for (const name of names) expect(await sniff(content, name)).toMatchObject({ ok: true });
  });

  it("an Office 97-2003 file named .doc, but not the same container named .msi", async () => {
    expect(await sniff(cfbHeader, "Minutes 2019.DOC")).toMatchObject({
      ok: true,
      mimeType: "application/x-cfb",
      kind: "document",
    });
    const msi = await sniff(cfbHeader, "setup.msi");
    expect(msi.ok).toBe(false);
  });

  it("a Word file whose [Content_Types].xml comes after the first 4 KiB, by reading on", async () => {
    const docx = zip([
      ["_rels/.rels", Buffer.from("<Relationships/>")],
      ["word/media/image1.png", Buffer.alloc(20_000, 7)],
      ["word/document.xml", Buffer.from("<w:document/>")],
      ["[Content_Types].xml", contentTypes],
    ]);
    expect(docx.length).toBeGreaterThan(SNIFF_BYTES);
    expect(await sniff(docx, "statement.docx")).toMatchObject({
      ok: true,
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
  });

  it("plain UTF-8 text and CSV as text/plain", async () => {
    expect(await sniff(Buffer.from("Réflexion: j'ai aidé un client 😊\nLine two\n"), "notes.txt")).toMatchObject({
      ok: true,
      mimeType: "text/plain",
      kind: "text",
    });
    expect(await sniff(Buffer.from("date,customer,outcome\n2026-03-01,Ms Ng,resolved\n"), "log.csv")).toMatchObject({
      ok: true,
      mimeType: "text/plain",
    });
  });

  it("long text whose first 4 KiB ends in the middle of a character", async () => {
    const text = Buffer.from(`${"a".repeat(SNIFF_BYTES - 1)}é and more text after the cut`);
    expect(text[SNIFF_BYTES - 1]).toBe(0xc3);
    expect(await sniff(text)).toMatchObject({ ok: true, mimeType: "text/plain" });
  });

  it("HTML as inert text/plain (it is only ever served as text, sandboxed)", async () => {
    expect(await sniff(Buffer.from("<!doctype html><script>alert(1)</script>"), "page.html")).toMatchObject({
      ok: true,
      mimeType: "text/plain",
    });
    expect(
      await sniff(Buffer.from("# Notes\n\n<details><summary>More</summary>text</details>\n"), "notes.md"),
    ).toMatchObject({ ok: true, mimeType: "text/plain" });
  });
});

describe("sniffType refuses a file whose content is not what its name says, saying what it is", () => {
  const advice = "Save it in the format its name says, or rename it to match what it is.";

  it.each([
    [
      "HTML",
      "photo.jpg",
      Buffer.from("\uFEFF\n  <!DOCTYPE html>\n<html><body><script>fetch('/api')</script></body></html>"),
      "a JPEG image",
      "an HTML document",
    ],
    [
      "HTML with no doctype",
      "scan.png",
      Buffer.from("<script>document.location='https://example.com'</script>"),
      "a PNG image",
      "an HTML document",
    ],
    [
      "an SVG",
      "logo.png",
      Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      "a PNG image",
      "an SVG image",
    ],
    ["a shell script", "report.pdf", Buffer.from("#!/bin/sh\nrm -rf ~\n"), "a PDF", "a script"],
    ["XML", "minutes.docx", Buffer.from('<?xml version="1.0"?><minutes/>'), "a Word document", "an XML document"],
    ["plain text", "scan.pdf", Buffer.from("Meeting notes, 3 March\n"), "a PDF", "plain text"],
    ["a PNG", "photo.jpg", png, "a JPEG image", "a PNG image"],
    ["a PDF", "notes.txt", pdf, "plain text", "a PDF"],
    ["an MP4 video", "photo.jpeg", isoBox("isom"), "a JPEG image", "an MP4 video"],
  ])("%s named %s", async (_what, name, content, claimed, actual) => {
    expect(await sniff(content, name)).toEqual({
      ok: false,
      message: `${name} is not ${claimed}: its content is ${actual}. ${advice}`,
    });
  });

  it("a Word file named .pdf, found by reading past the first 4 KiB", async () => {
    const docx = zip([
      ["_rels/.rels", Buffer.from("<Relationships/>")],
      ["word/media/image1.png", Buffer.alloc(20_000, 7)],
      ["[Content_Types].xml", contentTypes],
    ]);
    expect(await sniff(docx, "Statement.PDF")).toEqual({
      ok: false,
      message: `Statement.PDF is not a PDF: its content is a Word document. ${advice}`,
    });
  });

  it("an Office 97-2003 container named as another type says it needs an Office name", async () => {
    expect(await sniff(cfbHeader, "minutes.pdf")).toEqual({
      ok: false,
      message: expect.stringContaining("does not end in .doc, .xls or .ppt"),
    });
  });
});

describe("sniffType refuses everything else, saying what is accepted", () => {
  it("a Windows program named report.pdf", async () => {
    const exe = bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], Buffer.alloc(200));
    const result = await sniff(exe, "report.pdf");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("EXE") });
    expect(result.ok === false && result.message).toContain(acceptedTypesSentence);
  });

  it("bytes with a NUL in them", async () => {
    const result = await sniff(Buffer.from("looks like text\u0000but is not"), "data.txt");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("could not be recognised") });
  });

  it("bytes that are not UTF-8", async () => {
    expect((await sniff(bytes([0x80, 0x99, 0xc0, 0x41, 0xe9, 0x20]), "x.txt")).ok).toBe(false);
  });

  it("a plain ZIP archive", async () => {
    const archive = zip([
      ["a.txt", Buffer.from("hello")],
      ["b.bin", Buffer.alloc(10_000, 1)],
    ]);
    expect(await sniff(archive, "evidence.zip")).toEqual({ ok: false, message: expect.stringContaining("ZIP") });
  });

  it("an empty file", async () => {
    expect(await sniff(Buffer.alloc(0), "empty.pdf")).toEqual({ ok: false, message: expect.stringContaining("empty") });
  });
});

describe("download names and kinds", () => {
  it("keeps a name that already ends in an extension of its type", () => {
    expect(downloadFileName("Report.PDF", "application/pdf")).toBe("Report.PDF");
    expect(downloadFileName("Évaluation – 顧客 📄.pdf", "application/pdf")).toBe("Évaluation – 顧客 📄.pdf");
    expect(downloadFileName("log.csv", "text/plain")).toBe("log.csv");
  });

  it("adds the real type's extension otherwise, so text never downloads as a script", () => {
    expect(downloadFileName("notes.bat", "text/plain")).toBe("notes.bat.txt");
    expect(downloadFileName("photo", "image/jpeg")).toBe("photo.jpg");
  });

  it("knows which kinds preview inline", () => {
    expect(fileKindOf("image/png")).toBe("image");
    expect(fileKindOf("video/webm")).toBe("video");
    expect(fileKindOf("application/x-cfb")).toBe("document");
  });
});
