"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import type { PreviousUpload, Upload as TusUpload } from "tus-js-client";
import { formatBytes } from "@/lib/format/bytes";
import { discardUpload, isConnectionLoss, messageFrom, startUpload, unfinishedUploads } from "./resumable-upload";

type Upload = {
  id: number;
  name: string;
  loaded: number;
  total: number;
  status: "uploading" | "paused" | "failed";
  message?: string;
};

// A hint for the file picker only; the server decides from the content.
const accept =
  "image/*,audio/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv,.heic,.heif,.m4a,.mov";

const buttonClass = "rounded border border-slate-500 px-2 py-1 text-sm hover:bg-slate-100";

function percentOf(upload: Upload): number {
  return upload.total > 0 ? Math.floor((upload.loaded / upload.total) * 100) : 0;
}

// long-function: one control: the uploads (start, progress, pause, resume, cancel, done, error) share the uploads state and the running tus uploads, so the handlers read best beside each other; the markup is in the components below
export function FileUploader({ evidenceId, maxBytes }: { evidenceId: string; maxBytes: number }) {
  const router = useRouter();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [unfinished, setUnfinished] = useState<PreviousUpload[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const running = useRef(new Map<number, TusUpload>());
  const nextId = useRef(1);
  const uploading = uploads.some((u) => u.status === "uploading");

  // Leaving the page stops uploads in progress (they can be resumed by choosing the file again): ask first.
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

  // Stop anything still running if the component goes away (the server keeps what arrived).
  useEffect(() => {
    const uploadsNow = running.current;
    void unfinishedUploads(evidenceId).then(setUnfinished);
    return () => uploadsNow.forEach((upload) => void upload.abort());
  }, [evidenceId]);

  function update(id: number, change: Partial<Upload> | null) {
    setUploads((current) =>
      change === null
        ? current.filter((u) => u.id !== id)
        : current.map((u) => (u.id === id ? { ...u, ...change } : u)),
    );
  }

  function refuse(id: number, file: File, message: string) {
    setUploads((current) => [
      ...current,
      { id, name: file.name, loaded: 0, total: file.size, status: "failed", message },
    ]);
  }

  async function start(file: File) {
    const id = nextId.current++;
    if (file.size > maxBytes) {
      refuse(
        id,
        file,
        `${file.name} is ${formatBytes(file.size)}, larger than ${formatBytes(maxBytes)}, the most one file can be. Make it smaller and try again.`,
      );
      return;
    }
    setUploads((current) => [...current, { id, name: file.name, loaded: 0, total: file.size, status: "uploading" }]);
    setUnfinished((current) => current.filter((u) => u.metadata.filename !== file.name));
    const upload = await startUpload(file, evidenceId, {
      onProgress: (loaded, total) => update(id, { loaded, total }),
      onSuccess: () => {
        running.current.delete(id);
        update(id, null);
        setAnnouncement(`${file.name} uploaded.`);
        router.refresh();
      },
      onError: (error) => {
        if (isConnectionLoss(error)) {
          update(id, { status: "paused", message: messageFrom(error, file.name) });
          return;
        }
        running.current.delete(id);
        update(id, { status: "failed", message: messageFrom(error, file.name) });
      },
    });
    running.current.set(id, upload);
  }

  function pause(upload: Upload) {
    void running.current.get(upload.id)?.abort();
    update(upload.id, { status: "paused", message: undefined });
    setAnnouncement(`Upload of ${upload.name} paused at ${percentOf(upload)}%.`);
  }

  function resume(upload: Upload) {
    running.current.get(upload.id)?.start();
    update(upload.id, { status: "uploading", message: undefined });
    setAnnouncement(`Upload of ${upload.name} resumed.`);
  }

  function cancel(upload: Upload) {
    const tus = running.current.get(upload.id);
    running.current.delete(upload.id);
    // true: the server removes what it has staged, and the browser forgets the upload.
    void tus?.abort(true).catch(() => undefined);
    update(upload.id, null);
    setAnnouncement(`Upload of ${upload.name} cancelled. Nothing was saved.`);
  }

  function discard(previous: PreviousUpload) {
    setUnfinished((current) => current.filter((u) => u.urlStorageKey !== previous.urlStorageKey));
    void discardUpload(previous);
    setAnnouncement(`The unfinished upload of ${previous.metadata.filename} was discarded.`);
  }

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    // Cleared so choosing the same file again (after a failure) still triggers a change.
    event.target.value = "";
    setAnnouncement("");
    files.forEach((file) => void start(file));
  }

  return (
    <div className="space-y-3">
      <FilePickers maxBytes={maxBytes} onChange={choose} />
      <UnfinishedList unfinished={unfinished} onDiscard={discard} />
      {uploads.length > 0 ? (
        <ul className="space-y-2">
          {uploads.map((upload) => (
            <li key={upload.id} className="rounded border border-slate-300 bg-white p-3">
              {upload.status === "failed" ? (
                <FailedUpload upload={upload} onDismiss={() => update(upload.id, null)} />
              ) : (
                <UploadInProgress upload={upload} onPause={pause} onResume={resume} onCancel={cancel} />
              )}
            </li>
          ))}
        </ul>
      ) : null}

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/** The file picker, and on phones (a coarse pointer) the camera for a photo or a video. */
function FilePickers({
  maxBytes,
  onChange,
}: {
  maxBytes: number;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const inputId = useId();
  const cameraId = useId();
  const hintId = useId();
  const inputClass =
    "mt-1 block text-sm file:mr-3 file:rounded file:border file:border-slate-500 file:bg-white file:px-3 file:py-1.5 file:font-medium";
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={inputId} className="block font-medium">
          Add files
        </label>
        <p id={hintId} className="text-sm text-slate-700">
          Photos, PDFs, Office documents, text, audio or video, up to {formatBytes(maxBytes)} each. A large upload can
          be paused, and continues where it stopped if the connection drops.
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={accept}
          onChange={onChange}
          aria-describedby={hintId}
          className={inputClass}
        />
      </div>
      <div className="hidden pointer-coarse:block">
        <label htmlFor={cameraId} className="block font-medium">
          Take a photo or video
        </label>
        <input
          id={cameraId}
          type="file"
          accept="image/*,video/*"
          capture="environment"
          onChange={onChange}
          className={inputClass}
        />
      </div>
    </div>
  );
}

function UnfinishedList({
  unfinished,
  onDiscard,
}: {
  unfinished: PreviousUpload[];
  onDiscard: (previous: PreviousUpload) => void;
}) {
  if (unfinished.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Unfinished uploads">
      {unfinished.map((previous) => (
        <li
          key={previous.urlStorageKey}
          className="flex flex-wrap items-start gap-3 rounded border border-amber-600 bg-amber-50 p-3"
        >
          <p className="min-w-0 flex-1">
            <span className="break-all font-semibold">{previous.metadata.filename}</span> stopped before it finished
            {previous.size ? ` (${formatBytes(previous.size)})` : ""}. Choose the same file again to continue where it
            stopped.
          </p>
          <button type="button" onClick={() => onDiscard(previous)} className={buttonClass}>
            Discard<span className="sr-only"> the unfinished upload of {previous.metadata.filename}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function UploadInProgress({
  upload,
  onPause,
  onResume,
  onCancel,
}: {
  upload: Upload;
  onPause: (upload: Upload) => void;
  onResume: (upload: Upload) => void;
  onCancel: (upload: Upload) => void;
}) {
  const percent = percentOf(upload);
  const paused = upload.status === "paused";
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-3">
        <span className="min-w-0 break-all font-medium">{upload.name}</span>
        <progress
          max={100}
          value={percent}
          aria-label={`${paused ? "Paused" : "Uploading"} ${upload.name}: ${percent}%`}
          className="h-3 w-48"
        />
        <span className="text-sm tabular-nums" aria-hidden="true">
          {paused ? `Paused at ${percent}%` : `${percent}%`}
        </span>
        {paused ? (
          <button type="button" onClick={() => onResume(upload)} className={buttonClass}>
            Resume<span className="sr-only"> upload of {upload.name}</span>
          </button>
        ) : (
          <button type="button" onClick={() => onPause(upload)} className={buttonClass}>
            Pause<span className="sr-only"> upload of {upload.name}</span>
          </button>
        )}
        <button type="button" onClick={() => onCancel(upload)} className={buttonClass}>
          Cancel<span className="sr-only"> upload of {upload.name}</span>
        </button>
      </div>
      {upload.message ? <p className="text-sm text-slate-800">{upload.message}</p> : null}
    </div>
  );
}

function FailedUpload({ upload, onDismiss }: { upload: Upload; onDismiss: () => void }) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      <p role="alert" className="min-w-0 flex-1 text-red-900">
        <span className="break-all font-semibold">{upload.name} was not uploaded. </span>
        {upload.message}
      </p>
      <button type="button" onClick={onDismiss} className={buttonClass}>
        Dismiss<span className="sr-only"> message about {upload.name}</span>
      </button>
    </div>
  );
}

/** Removes one file after the user confirms; the server refuses once evidence is submitted. */
export function DeleteFileButton({ fileId, fileName }: { fileId: string; fileName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    if (!window.confirm(`Remove "${fileName}" from this evidence? This cannot be undone.`)) return;
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/files/${encodeURIComponent(fileId)}`, { method: "DELETE" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { message?: unknown };
        setError(
          typeof body.message === "string"
            ? body.message
            : `${fileName} could not be removed. Reload the page and try again.`,
        );
        return;
      }
      router.refresh();
    } catch {
      setError(`${fileName} could not be removed: the connection to the server was lost. Try again.`);
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={remove}
        disabled={pending}
        className="rounded border border-red-700 px-2 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-70"
      >
        {pending ? "Removing…" : "Remove"}
        <span className="sr-only"> {fileName}</span>
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-900">
          {error}
        </span>
      ) : null}
    </span>
  );
}
