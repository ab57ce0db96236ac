import { defaultOptions, Upload, type DetailedError, type PreviousUpload } from "tus-js-client";

// The browser side of resumable uploads (tus; docs/decisions/0025-resumable-uploads.md): each
// file goes to /api/uploads in 64 MiB requests; a dropped connection is retried, and the upload
// URL is kept in localStorage under a fingerprint of the file and the evidence, so choosing the
// same file again after a reload continues where it stopped.

// Each request costs the server about 25 ms of CPU before its first byte (session, ownership,
// evidence lock, lease), so fewer, larger requests: 64 MiB took the server's CPU for a 512 MiB
// upload from 2.5x to 1.75x that of a bare node:http server (npm run bench -- --sections upload).
// Nothing is lost by it: the browser slices the file lazily, and the server keeps every byte that
// arrived before a dropped connection. Below the 100 MB request cap of some proxies and CDNs.
const chunkSize = 64 * 1024 * 1024;
// Long enough to ride out a restarting server or a train tunnel; then the user may resume.
const retryDelays = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

export type UploadEvents = {
  onProgress: (loaded: number, total: number) => void;
  onSuccess: () => void;
  onError: (error: Error | DetailedError) => void;
};

function statusOf(error: Error | DetailedError): number {
  const response = "originalResponse" in error ? error.originalResponse : null;
  return response?.getStatus() ?? 0;
}

/** The message the server gave with a refusal (`{"message": ...}`), if it gave one. */
function serverMessage(error: Error | DetailedError): string | undefined {
  const body = "originalResponse" in error ? error.originalResponse?.getBody() : undefined;
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === "string" && parsed.message ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/** The connection went (no answer at all, or a server error): worth resuming, not a refusal. */
export function isConnectionLoss(error: Error | DetailedError): boolean {
  const status = statusOf(error);
  return serverMessage(error) === undefined && (status === 0 || status >= 500);
}

export function messageFrom(error: Error | DetailedError, name: string): string {
  const message = serverMessage(error);
  if (message) return message;
  const status = statusOf(error);
  if (status === 413) return `${name} is too large to upload.`;
  if (status === 401) return "Your session has ended. Sign in again, then add the file.";
  if (status === 0)
    return `${name} did not upload: the connection to the server was lost. Check your connection, then resume.`;
  return `${name} could not be uploaded (the server answered ${status}). Try again; if it keeps happening, tell your centre admin.`;
}

/** Where to resume a file: its own fingerprint, per evidence, so one file sent to two pieces stays two uploads. */
function fingerprintFor(evidenceId: string) {
  return async (file: File) =>
    ["cp-evidence", evidenceId, file.name, file.type, file.size, file.lastModified].join("/");
}

async function forget(fingerprint: Promise<string>): Promise<void> {
  const storage = defaultOptions.urlStorage;
  try {
    for (const stored of await storage.findUploadsByFingerprint(await fingerprint))
      await storage.removeUpload(stored.urlStorageKey);
  } catch {
    // storage blocked: nothing was kept
  }
}

/** Starts (or, for a file chosen again after a reload, continues) one file's upload. */
export async function startUpload(file: File, evidenceId: string, events: UploadEvents): Promise<Upload> {
  const fingerprint = fingerprintFor(evidenceId);
  const upload = new Upload(file, {
    // Absolute: tus-js-client resolves the server's relative upload URLs against it.
    endpoint: new URL("/api/uploads", window.location.origin).toString(),
    chunkSize,
    retryDelays,
    metadata: { evidenceId, filename: file.name },
    fingerprint,
    removeFingerprintOnSuccess: true,
    onProgress: events.onProgress,
    onSuccess: events.onSuccess,
    onError: (error) => {
      // A refusal is final: forget the upload, or a reload would offer to continue it.
      if (!isConnectionLoss(error)) void forget(fingerprint(file));
      events.onError(error);
    },
    // A refusal with a message (type, lock, allowance) is final; a lost connection, a server
    // restarting, or tus's own offset mismatch (409) and busy upload (423) are retried.
    onShouldRetry: (error) =>
      isConnectionLoss(error) || (serverMessage(error) === undefined && [409, 423].includes(statusOf(error))),
  });
  const previous = await upload.findPreviousUploads();
  if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
  upload.start();
  return upload;
}

/** Uploads to this evidence that a reload or a closed tab left unfinished, from localStorage. */
export async function unfinishedUploads(evidenceId: string): Promise<PreviousUpload[]> {
  try {
    const all = await defaultOptions.urlStorage.findAllUploads();
    return all.filter((upload) => upload.metadata.evidenceId === evidenceId);
  } catch {
    return []; // storage blocked (private mode): nothing to offer
  }
}

/** Gives up an unfinished upload: the server drops what it staged, and the browser forgets it. */
export async function discardUpload(previous: PreviousUpload): Promise<void> {
  if (previous.uploadUrl) await Upload.terminate(previous.uploadUrl, { retryDelays: [] }).catch(() => undefined);
  await defaultOptions.urlStorage.removeUpload(previous.urlStorageKey);
}
