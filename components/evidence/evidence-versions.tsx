import Link from "next/link";
import type { EvidenceVersion } from "@/lib/evidence/evidence-versions";

/** "Version 1 (accepted parts)" for a version kept as judged, "Version 2 (latest)" for the newest. */
export function versionLabel(v: Pick<EvidenceVersion, "version" | "latest">): string {
  return `Version ${v.version} (${v.latest ? "latest" : "accepted parts"})`;
}

/**
 * The versions of one evidence item (docs/decisions/0017), each a link to `basePath` + id but
 * the one shown (marked as current). Nothing when it was never revised.
 */
export function EvidenceVersions({
  versions,
  shownId,
  basePath,
}: {
  versions: readonly EvidenceVersion[];
  shownId: string;
  basePath: string;
}) {
  if (versions.length === 0) return null;
  return (
    <nav aria-label="Versions of this evidence" className="max-w-3xl space-y-1">
      <p className="font-medium">Versions of this evidence</p>
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {versions.map((v) => (
          <li key={v.id}>
            {v.id === shownId ? (
              <span aria-current="page" className="font-semibold">
                {versionLabel(v)}, shown here
              </span>
            ) : v.readable ? (
              <Link
                href={`${basePath}${encodeURIComponent(v.id)}`}
                className="text-brand-700 underline underline-offset-4"
              >
                {versionLabel(v)}
              </Link>
            ) : (
              <span>{versionLabel(v)}, not shared with you</span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
