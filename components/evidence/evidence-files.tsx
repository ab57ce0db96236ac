import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadEvidenceResource } from "@/lib/evidence/evidence-resource";
import { fileKindOf, typeLabelOf } from "@/lib/evidence/sniff-type";
import { formatBytes } from "@/lib/format/bytes";
import { DeleteFileButton, FileUploader } from "./file-uploader";

type FileRow = { id: string; originalName: string; size: bigint; sha256: string; mimeType: string };

// Browsers other than Safari cannot show HEIC/HEIF, so those get a download link only.
const inlineImageTypes = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

function Preview({ file }: { file: FileRow }) {
  const src = `/api/files/${encodeURIComponent(file.id)}`;
  switch (fileKindOf(file.mimeType)) {
    case "image":
      return inlineImageTypes.has(file.mimeType) ? (
        // A plain img: next/image would fetch this private file through its optimiser and cache it.
        <img
          src={src}
          alt={file.originalName}
          loading="lazy"
          className="max-h-72 max-w-full rounded border border-slate-200"
        />
      ) : null;
    case "audio":
      return <audio controls preload="metadata" src={src} aria-label={file.originalName} className="w-full max-w-md" />;
    case "video":
      return (
        <video
          controls
          preload="metadata"
          src={src}
          aria-label={file.originalName}
          className="max-h-96 max-w-full rounded"
        />
      );
    case "pdf":
      // A new tab rather than an embedded frame: the app's headers forbid framing (X-Frame-Options
      // DENY, object-src 'none'), and a tab gives the browser's full PDF viewer.
      return (
        <a href={src} target="_blank" rel="noopener" className="text-brand-700 underline hover:text-brand-800">
          Open {file.originalName} in a new tab<span className="sr-only"> (PDF)</span>
        </a>
      );
    default:
      return null;
  }
}

/**
 * The files of one evidence item with previews and downloads, plus adding and removing files
 * when `canEdit`. Shows nothing to someone who may not read the evidence.
 * `canEdit` is the caller's answer from getEvidence (`EvidenceDetail.canEdit`: the lock rule of
 * lib/evidence/evidence-lock.ts and the policy), which the upload and file routes enforce; it is
 * not decided again here, so the controls shown are exactly what the server allows.
 */
export async function EvidenceFiles({ evidenceId, canEdit }: { evidenceId: string; canEdit: boolean }) {
  const actor = await getActor();
  if (!actor) return null;
  const resource = await loadEvidenceResource(db, evidenceId);
  if (!can(actor, "evidence.read", resource)) return null;

  const files = await db.evidenceFile.findMany({
    where: { evidenceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, originalName: true, size: true, sha256: true, mimeType: true },
  });

  return (
    <section aria-labelledby={`files-${evidenceId}`} className="space-y-4">
      <h2 id={`files-${evidenceId}`} className="text-xl font-semibold">
        Files
      </h2>
      {files.length === 0 ? (
        <p className="text-slate-700">
          {canEdit ? "No files yet. Add photos, documents, recordings or video of your work below." : "No files."}
        </p>
      ) : (
        <ul className="space-y-4">
          {files.map((file) => (
            <li key={file.id} className="space-y-2 rounded border border-slate-300 bg-white p-4">
              <p className="break-all font-medium">{file.originalName}</p>
              <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
                <div className="flex gap-1">
                  <dt>Type:</dt>
                  <dd>{typeLabelOf(file.mimeType)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>Size:</dt>
                  <dd>{formatBytes(Number(file.size))}</dd>
                </div>
                <div className="flex gap-1">
                  <dt>SHA-256:</dt>
                  <dd>
                    <code title={file.sha256}>{file.sha256.slice(0, 12)}</code>
                  </dd>
                </div>
              </dl>
              <Preview file={file} />
              <div className="flex flex-wrap items-start gap-3">
                <a
                  href={`/api/files/${encodeURIComponent(file.id)}?download=1`}
                  download
                  className="rounded border border-slate-500 px-2 py-1 text-sm hover:bg-slate-100"
                >
                  Download<span className="sr-only"> {file.originalName}</span> ({formatBytes(Number(file.size))})
                </a>
                {canEdit ? <DeleteFileButton fileId={file.id} fileName={file.originalName} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? <FileUploader evidenceId={evidenceId} maxBytes={env.UPLOAD_MAX_BYTES} /> : null}
    </section>
  );
}
