import Link from "next/link";
import type { VersionSummary } from "@/lib/dal/standards";
import { DateTimeText } from "./dates";
import { ColumnHeadings } from "@/components/ui/data-table";

export function VersionHistory({
  code,
  versions,
  shown,
  latest,
}: {
  code: string;
  versions: VersionSummary[];
  shown: number;
  latest: number;
}) {
  const base = `/standards/${encodeURIComponent(code)}`;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">Versions of {code}, newest first</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <ColumnHeadings
              headings={["Version", "Source version", "Imported", "Content hash", "Text"]}
              className="px-3 py-2"
            />
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.number} className="border-b border-slate-200">
              <th scope="row" className="px-3 py-2 font-semibold">
                {version.number}
                {version.number === latest && " (current)"}
              </th>
              <td className="px-3 py-2">{version.sourceVersion ?? "—"}</td>
              <td className="px-3 py-2">
                <DateTimeText iso={version.importedAt} />
              </td>
              <td className="px-3 py-2 font-mono">{version.contentHashShort}</td>
              <td className="px-3 py-2">
                {version.number === shown ? (
                  <span aria-current="page">Shown above</span>
                ) : (
                  <Link
                    href={version.number === latest ? base : `${base}?version=${version.number}`}
                    className="text-brand-700 underline"
                  >
                    View version {version.number}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
