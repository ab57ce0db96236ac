import { Readable } from "node:stream";
import { fileTypeFromBuffer, fileTypeFromStream } from "file-type";

/** How many leading bytes the upload keeps for sniffing (file-type's own detection size). */
export const SNIFF_BYTES = 4100;

export type FileKind = "image" | "pdf" | "document" | "text" | "audio" | "video";

type Accepted = { kind: FileKind; label: string; extensions: readonly string[] };

// What evidence files may be, keyed by the media type sniffed from their content. The first
// extension is the one given to a download whose name does not already end in one of these.
const accepted: Record<string, Accepted> = {
  "image/jpeg": { kind: "image", label: "JPEG image", extensions: ["jpg", "jpeg", "jpe", "jfif"] },
  "image/png": { kind: "image", label: "PNG image", extensions: ["png"] },
  "image/gif": { kind: "image", label: "GIF image", extensions: ["gif"] },
  "image/webp": { kind: "image", label: "WebP image", extensions: ["webp"] },
  "image/heic": { kind: "image", label: "HEIC image", extensions: ["heic", "heif"] },
  "image/heif": { kind: "image", label: "HEIF image", extensions: ["heif", "heic"] },
  "application/pdf": { kind: "pdf", label: "PDF", extensions: ["pdf"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { kind: "document", label: "Word document", extensions: ["docx"] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "document", label: "Excel spreadsheet", extensions: ["xlsx"] },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": { kind: "document", label: "PowerPoint presentation", extensions: ["pptx"] },
  "application/vnd.oasis.opendocument.text": { kind: "document", label: "OpenDocument text", extensions: ["odt"] },
  "application/vnd.oasis.opendocument.spreadsheet": { kind: "document", label: "OpenDocument spreadsheet", extensions: ["ods"] },
  "application/vnd.oasis.opendocument.presentation": { kind: "document", label: "OpenDocument presentation", extensions: ["odp"] },
  // Word 97-2003, Excel 97-2003 and PowerPoint 97-2003 share one container format (CFB).
  "application/x-cfb": { kind: "document", label: "Office 97-2003 document", extensions: ["doc", "xls", "ppt", "dot", "xlt", "pot", "pps"] },
  "text/plain": { kind: "text", label: "Plain text", extensions: ["txt", "csv", "tsv", "text", "log", "md"] },
  "audio/mpeg": { kind: "audio", label: "MP3 audio", extensions: ["mp3"] },
  "audio/x-m4a": { kind: "audio", label: "M4A audio", extensions: ["m4a"] },
  "audio/mp4": { kind: "audio", label: "M4A audio", extensions: ["m4a", "mp4"] },
  "audio/wav": { kind: "audio", label: "WAV audio", extensions: ["wav"] },
  "audio/ogg": { kind: "audio", label: "Ogg audio", extensions: ["ogg", "oga", "opus"] },
  "video/mp4": { kind: "video", label: "MP4 video", extensions: ["mp4", "m4v"] },
  "video/quicktime": { kind: "video", label: "QuickTime video (MOV)", extensions: ["mov", "qt"] },
  // file-type reports every WebM as video; an audio-only WebM plays in a <video> element too.
  "video/webm": { kind: "video", label: "WebM video or audio", extensions: ["webm", "weba"] },
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

export type SniffResult = { ok: true; mimeType: string; kind: FileKind; label: string } | { ok: false; message: string };

export type SniffInput = {
  /** The first bytes of the file (up to SNIFF_BYTES). */
  head: Uint8Array;
  /** The size of the whole file, to know whether `head` is all of it. */
  totalSize: number;
  /** The user's file name: only used to keep installers out of the Office 97-2003 container. */
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

async function detectFromStream(stream: Readable) {
  try {
    // As a web stream: the type definitions bundlers see are file-type's browser ones.
    return await fileTypeFromStream(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>);
  } finally {
    // file-type stops reading once it knows; close the file rather than wait for the GC.
    stream.destroy();
  }
}

function acceptAs(mimeType: string): SniffResult {
  const found = accepted[mimeType];
  if (!found) throw new Error(`not an accepted type: ${mimeType}`);
  return { ok: true, mimeType, kind: found.kind, label: found.label };
}

/**
 * Decides what an uploaded file is from its content, never from its name or the browser's
 * claim, and whether evidence may be that. Refusals carry a message for the user.
 */
export async function sniffType({ head, totalSize, fileName, readAll }: SniffInput): Promise<SniffResult> {
  if (totalSize === 0) return { ok: false, message: "This file is empty. Choose the file again, or check that it saved properly." };
  const complete = head.length >= totalSize;

  let detected = await fileTypeFromBuffer(head);
  const undecided = detected?.ext === "zip" || (!detected && !isUtf8Text(head, complete));
  if (undecided && !complete && readAll) detected = (await detectFromStream(readAll())) ?? detected;

  if (!detected || textLike(detected.mime)) {
    if (isUtf8Text(head, complete)) return acceptAs("text/plain");
    return refused("This file's type could not be recognised, so it cannot be accepted.");
  }

  const mime = aliases[detected.mime] ?? detected.mime;
  if (mime === "application/x-cfb" && !(accepted[mime]?.extensions ?? []).includes(extensionOf(fileName))) {
    // The same container holds Windows installers (.msi), so the name must say Office too.
    return refused("This looks like an Office 97-2003 file but its name does not end in .doc, .xls or .ppt, so it cannot be accepted.");
  }
  if (accepted[mime]) return acceptAs(mime);
  return refused(`This file's content is of type ${detected.ext.toUpperCase()}, which cannot be accepted as evidence.`);
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
