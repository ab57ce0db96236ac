import { Readable } from "node:stream";
import { fileTypeFromBuffer, fileTypeFromStream } from "file-type";

/** How many leading bytes the upload keeps for sniffing (file-type's own detection size). */
export const SNIFF_BYTES = 4100;

export type FileKind = "image" | "pdf" | "document" | "text" | "audio" | "video";

type Accepted = {
  kind: FileKind;
  label: string;
  /** The label as the end of a sentence: "its content is a JPEG image". */
  what: string;
  /** The names it goes by; the first is the one a download gets when its name has none of them. */
  extensions: readonly string[];
  /**
   * Types one container holds under different names, which devices and apps mix freely: an
   * iPhone's .mov, a recorder's .m4a that says "mp42" inside, a .mp4 with only sound. A name
   * claiming one of them fits content that is another.
   */
  family?: "iso-media";
  /** Accepted only when the name says so too (see application/x-cfb). */
  nameMustSay?: true;
};

const plainText: Accepted = {
  kind: "text",
  label: "Plain text",
  what: "plain text",
  extensions: ["txt", "csv", "tsv", "text", "log", "md"],
};

// What evidence files may be, keyed by the media type sniffed from their content.
const accepted: Record<string, Accepted> = {
  "image/jpeg": {
    kind: "image",
    label: "JPEG image",
    what: "a JPEG image",
    extensions: ["jpg", "jpeg", "jpe", "jfif"],
  },
  "image/png": { kind: "image", label: "PNG image", what: "a PNG image", extensions: ["png"] },
  "image/gif": { kind: "image", label: "GIF image", what: "a GIF image", extensions: ["gif"] },
  "image/webp": { kind: "image", label: "WebP image", what: "a WebP image", extensions: ["webp"] },
  "image/heic": { kind: "image", label: "HEIC image", what: "a HEIC image", extensions: ["heic", "heif"] },
  "image/heif": { kind: "image", label: "HEIF image", what: "a HEIF image", extensions: ["heif", "heic"] },
  "application/pdf": { kind: "pdf", label: "PDF", what: "a PDF", extensions: ["pdf"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    kind: "document",
    label: "Word document",
    what: "a Word document",
    extensions: ["docx"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    kind: "document",
    label: "Excel spreadsheet",
    what: "an Excel spreadsheet",
    extensions: ["xlsx"],
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    kind: "document",
    label: "PowerPoint presentation",
    what: "a PowerPoint presentation",
    extensions: ["pptx"],
  },
  "application/vnd.oasis.opendocument.text": {
    kind: "document",
    label: "OpenDocument text",
    what: "an OpenDocument text",
    extensions: ["odt"],
  },
  "application/vnd.oasis.opendocument.spreadsheet": {
    kind: "document",
    label: "OpenDocument spreadsheet",
    what: "an OpenDocument spreadsheet",
    extensions: ["ods"],
  },
  "application/vnd.oasis.opendocument.presentation": {
    kind: "document",
    label: "OpenDocument presentation",
    what: "an OpenDocument presentation",
    extensions: ["odp"],
  },
  // Word 97-2003, Excel 97-2003 and PowerPoint 97-2003 share one container format (CFB). The
  // same container holds Windows installers (.msi), so the name must say Office too.
  "application/x-cfb": {
    kind: "document",
    label: "Office 97-2003 document",
    what: "an Office 97-2003 document",
    extensions: ["doc", "xls", "ppt", "dot", "xlt", "pot", "pps"],
    nameMustSay: true,
  },
  "text/plain": plainText,
  "audio/mpeg": { kind: "audio", label: "MP3 audio", what: "MP3 audio", extensions: ["mp3"] },
  "audio/x-m4a": { kind: "audio", label: "M4A audio", what: "M4A audio", extensions: ["m4a"], family: "iso-media" },
  "audio/mp4": {
    kind: "audio",
    label: "M4A audio",
    what: "M4A audio",
    extensions: ["m4a", "mp4"],
    family: "iso-media",
  },
  "audio/wav": { kind: "audio", label: "WAV audio", what: "WAV audio", extensions: ["wav"] },
  "audio/ogg": { kind: "audio", label: "Ogg audio", what: "Ogg audio", extensions: ["ogg", "oga", "opus"] },
  "video/mp4": {
    kind: "video",
    label: "MP4 video",
    what: "an MP4 video",
    extensions: ["mp4", "m4v"],
    family: "iso-media",
  },
  "video/quicktime": {
    kind: "video",
    label: "QuickTime video (MOV)",
    what: "a QuickTime video (MOV)",
    extensions: ["mov", "qt"],
    family: "iso-media",
  },
  // file-type reports every WebM as video; an audio-only WebM plays in a <video> element too.
  "video/webm": {
    kind: "video",
    label: "WebM video or audio",
    what: "a WebM video or audio file",
    extensions: ["webm", "weba"],
  },
};

/** Names file-type gives a type we accept under another name. */
const aliases: Record<string, string> = {
  "audio/ogg; codecs=opus": "audio/ogg",
  "audio/opus": "audio/ogg",
};

/** File-type results that are text formats: judged by the text rule and stored as text/plain. */
const textLike = (mime: string) => mime.startsWith("text/") || mime === "application/xml";

export const acceptedTypesSentence =
  "You can upload photos (JPEG, PNG, GIF, WebP, HEIC), PDFs, Office and OpenDocument files (Word, Excel, PowerPoint, .odt, .ods, .odp, and 97-2003 .doc, .xls, .ppt), plain text or CSV, audio (MP3, M4A, WAV, Ogg, WebM) and video (MP4, MOV, WebM).";

export type SniffResult =
  { ok: true; mimeType: string; kind: FileKind; label: string } | { ok: false; message: string };

export type SniffInput = {
  /** The first bytes of the file (up to SNIFF_BYTES). */
  head: Uint8Array;
  /** The size of the whole file, to know whether `head` is all of it. */
  totalSize: number;
  /** The user's file name: what the file claims to be, checked against what it is. */
  fileName: string;
  /**
   * Reads the whole file again, as a stream (never held in memory). Used only when `head` is
   * not enough: a ZIP whose Office marker comes later (LibreOffice and many libraries write
   * [Content_Types].xml last), or a binary file nothing in its first bytes identifies.
   */
  readAll?: () => Readable;
};

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

function refused(message: string): SniffResult {
  return { ok: false, message: `${message} ${acceptedTypesSentence}` };
}

/** Valid UTF-8 with no NUL byte; an incomplete character at the cut of a partial head is fine. */
function isUtf8Text(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

// The tags a browser takes as the start of an HTML page (WHATWG MIME Sniffing, "identifying
// an unknown MIME type"), each followed by a space or ">"; and "<!--".
const htmlStart =
  /^(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p)[\s>]|^<!--/i;

/**
 * What text is, in words for a message. Markup and scripts are named, because they are what a
 * file given an image's or a PDF's name to get past a check usually is.
 */
function describeText(head: Uint8Array): string {
  const start = new TextDecoder("utf-8")
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (start.startsWith("#!")) return "a script";
  if (start.startsWith("<")) {
    if (/<svg[\s>]/i.test(start)) return "an SVG image";
    if (htmlStart.test(start) || /<(?:html|script|body)[\s>]/i.test(start)) return "an HTML document";
    if (start.startsWith("<?xml")) return "an XML document";
  }
  return "plain text";
}

async function detectFromStream(stream: Readable) {
  try {
    // As a web stream: the type definitions bundlers see are file-type's browser ones.
    return await fileTypeFromStream(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>);
  } finally {
    // file-type stops reading once it knows; close the file rather than wait for the GC.
    stream.destroy();
  }
}

/** What the content is: an accepted type, with words for it in a message; or a refusal. */
type Content = { mimeType: string; type: Accepted; what: string } | { refusal: SniffResult };

async function identifyContent({ head, totalSize, readAll }: SniffInput): Promise<Content> {
  const complete = head.length >= totalSize;
  let detected = await fileTypeFromBuffer(head);
  const undecided = detected?.ext === "zip" || (!detected && !isUtf8Text(head, complete));
  if (undecided && !complete && readAll) detected = (await detectFromStream(readAll())) ?? detected;

  if (!detected || textLike(detected.mime)) {
    if (isUtf8Text(head, complete)) return { mimeType: "text/plain", type: plainText, what: describeText(head) };
    return { refusal: refused("This file's type could not be recognised, so it cannot be accepted.") };
  }
  const mimeType = aliases[detected.mime] ?? detected.mime;
  const type = accepted[mimeType];
  if (!type)
    return {
      refusal: refused(
        `This file's content is of type ${detected.ext.toUpperCase()}, which cannot be accepted as evidence.`,
      ),
    };
  return { mimeType, type, what: type.what };
}

/**
 * The accepted type a name claims by its extension, if any: the type whose own first extension
 * it is (so ".mp4" claims a video, not audio that may also be named .mp4), else the first that
 * lists it. A name ending in anything else ("notes.bat", "photo") claims nothing.
 */
function claimOf(fileName: string): { mimeType: string; type: Accepted } | undefined {
  const extension = extensionOf(fileName);
  if (!extension) return undefined;
  const entries = Object.entries(accepted);
  const match =
    entries.find(([, type]) => type.extensions[0] === extension) ??
    entries.find(([, type]) => type.extensions.includes(extension));
  return match && { mimeType: match[0], type: match[1] };
}

/** Whether content of `mimeType` (`type`) may carry a name that claims `claimed`. */
function fits(
  mimeType: string,
  type: Accepted,
  claimed: { mimeType: string; type: Accepted },
  fileName: string,
): boolean {
  if (mimeType === claimed.mimeType || type.extensions.includes(extensionOf(fileName))) return true;
  return type.family !== undefined && type.family === claimed.type.family;
}

/**
 * Decides what an uploaded file is, from its content, and whether it may be evidence: its type
 * must be one we accept, and a name that claims a type we accept must claim that one. The type
 * stored is always the sniffed one, never the name's or the browser's. Refusals carry a
 * message for the user.
 */
export async function sniffType(input: SniffInput): Promise<SniffResult> {
  if (input.totalSize === 0)
    return { ok: false, message: "This file is empty. Choose the file again, or check that it saved properly." };

  const content = await identifyContent(input);
  if ("refusal" in content) return content.refusal;
  const { mimeType, type, what } = content;
  const { fileName } = input;
  const claimed = claimOf(fileName);

  if (type.nameMustSay && claimed?.mimeType !== mimeType) {
    // Not "its content is an Office document": it may as well be an installer.
    return refused(
      "This looks like an Office 97-2003 file but its name does not end in .doc, .xls or .ppt, so it cannot be accepted.",
    );
  }
  if (claimed && !fits(mimeType, type, claimed, fileName)) {
    return {
      ok: false,
      message: `${fileName} is not ${claimed.type.what}: its content is ${what}. Save it in the format its name says, or rename it to match what it is.`,
    };
  }
  return { ok: true, mimeType, kind: type.kind, label: type.label };
}

/** What kind of thing a stored type is, for previews and Content-Disposition. */
export function fileKindOf(mimeType: string): FileKind {
  return accepted[mimeType]?.kind ?? "document";
}

export function typeLabelOf(mimeType: string): string {
  return accepted[mimeType]?.label ?? mimeType;
}

/**
 * The name a download is saved under: the uploaded name, plus the sniffed type's extension
 * when the name ends in something else. "notes.bat" that is really text is saved as
 * "notes.bat.txt", so the operating system never runs a file we only accepted as text.
 */
export function downloadFileName(originalName: string, mimeType: string): string {
  const extensions = accepted[mimeType]?.extensions ?? [];
  const first = extensions[0];
  if (!first || extensions.includes(extensionOf(originalName))) return originalName;
  return `${originalName}.${first}`;
}
