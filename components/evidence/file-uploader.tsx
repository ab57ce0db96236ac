"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ChangeEvent } from "react";
import { formatBytes } from "@/lib/format/bytes";

type Upload = {
  id: number;
  name: string;
  loaded: number;
  total: number;
  status: "uploading" | "failed";
  message?: string;
};

// A hint for the file picker only; the server decides from the content.
const accept =
  "image/*,audio/*,video/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv,.heic,.heif,.m4a,.mov";

function messageFrom(xhr: XMLHttpRequest, name: string): string {
  try {
    const body = JSON.parse(xhr.responseText) as { message?: unknown };
    if (typeof body.message === "string" && body.message) return body.message;
  } catch {
    // not JSON: fall through to a message by status
  }
  if (xhr.status === 413) return `${name} is too large to upload.`;
  if (xhr.status === 401) return "Your session has ended. Sign in again, then add the file.";
  return `${name} could not be uploaded (the server answered ${xhr.status}). Try again; if it keeps happening, tell your centre admin.`;
}

// long-function: one control: the upload requests (start, progress, done, error, cancel) and the markup that shows each upload share the uploads state and the open requests, so the handlers and the list they drive read best together
export function FileUploader({ evidenceId, maxBytes }: { evidenceId: string; maxBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const requests = useRef(new Map<number, XMLHttpRequest>());
  const nextId = useRef(1);
  const uploading = uploads.some((u) => u.status === "uploading");

  // Leaving the page would cancel uploads in progress: ask first.
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

  // Cancel anything still running if the component goes away.
  useEffect(() => {
    const running = requests.current;
    return () => running.forEach((xhr) => xhr.abort());
  }, []);

  function update(id: number, change: Partial<Upload> | null) {
    setUploads((current) =>
      change === null
        ? current.filter((u) => u.id !== id)
        : current.map((u) => (u.id === id ? { ...u, ...change } : u)),
    );
  }

  function start(file: File) {
    const id = nextId.current++;
    if (file.size > maxBytes) {
      setUploads((current) => [
        ...current,
        {
          id,
          name: file.name,
          loaded: 0,
          total: file.size,
          status: "failed",
          message: `${file.name} is ${formatBytes(file.size)}, larger than ${formatBytes(maxBytes)}, the most one file can be. Make it smaller and try again.`,
        },
      ]);
      return;
    }
    setUploads((current) => [...current, { id, name: file.name, loaded: 0, total: file.size, status: "uploading" }]);

    const xhr = new XMLHttpRequest();
    requests.current.set(id, xhr);
    xhr.open("POST", `/api/evidence/${encodeURIComponent(evidenceId)}/files`);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    // The browser's guess at the type is not trusted; the server sniffs the content.
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) update(id, { loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      requests.current.delete(id);
      if (xhr.status === 201) {
        update(id, null);
        setAnnouncement(`${file.name} uploaded.`);
        router.refresh();
      } else {
        update(id, { status: "failed", message: messageFrom(xhr, file.name) });
      }
    };
    xhr.onerror = () => {
      requests.current.delete(id);
      update(id, {
        status: "failed",
        message: `${file.name} did not upload: the connection to the server was lost. Check your connection and try again.`,
      });
    };
    xhr.onabort = () => {
      requests.current.delete(id);
      update(id, null);
      setAnnouncement(`Upload of ${file.name} cancelled. Nothing was saved.`);
    };
    xhr.send(file);
  }

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    // Cleared so choosing the same file again (after a failure) still triggers a change.
    event.target.value = "";
    setAnnouncement("");
    files.forEach(start);
  }

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={inputId} className="block font-medium">
          Add files
        </label>
        <p id={hintId} className="text-sm text-slate-700">
          Photos, PDFs, Office documents, text, audio or video, up to {formatBytes(maxBytes)} each.
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={accept}
          onChange={choose}
          aria-describedby={hintId}
          className="mt-1 block text-sm file:mr-3 file:rounded file:border file:border-slate-500 file:bg-white file:px-3 file:py-1.5 file:font-medium"
        />
      </div>

      {uploads.length > 0 ? (
        <ul className="space-y-2">
          {uploads.map((upload) => {
            const percent = upload.total > 0 ? Math.floor((upload.loaded / upload.total) * 100) : 0;
            return (
              <li key={upload.id} className="rounded border border-slate-300 bg-white p-3">
                {upload.status === "uploading" ? (
                  <div className="flex flex-wrap items-center gap-3">
                    <span className="min-w-0 break-all font-medium">{upload.name}</span>
                    <progress
                      max={100}
                      value={percent}
                      aria-label={`Uploading ${upload.name}: ${percent}%`}
                      className="h-3 w-48"
                    />
                    <span className="text-sm tabular-nums" aria-hidden="true">
                      {percent}%
                    </span>
                    <button
                      type="button"
                      onClick={() => requests.current.get(upload.id)?.abort()}
                      className="rounded border border-slate-500 px-2 py-1 text-sm hover:bg-slate-100"
                    >
                      Cancel<span className="sr-only"> upload of {upload.name}</span>
                    </button>
                  </div>
                ) : (
                  <div className="flex flex-wrap items-start gap-3">
                    <p role="alert" className="min-w-0 flex-1 text-red-900">
                      <span className="break-all font-semibold">{upload.name} was not uploaded. </span>
                      {upload.message}
                    </p>
                    <button
                      type="button"
                      onClick={() => update(upload.id, null)}
                      className="rounded border border-slate-500 px-2 py-1 text-sm hover:bg-slate-100"
                    >
                      Dismiss<span className="sr-only"> message about {upload.name}</span>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
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
