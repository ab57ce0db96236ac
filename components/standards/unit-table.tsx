import Link from "next/link";
import type { UnitSummary } from "@/lib/dal/standards";
import { countCriteria, unitKindLabel } from "./labels";
import { ColumnHeadings } from "@/components/ui/data-table";

export function UnitTable({ units }: { units: UnitSummary[] }) {
  return (
    <div role="region" aria-labelledby="units-caption" tabIndex={0} className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption id="units-caption" className="sr-only">
          Units of competence, with the latest version of each
        </caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-100">
            <ColumnHeadings
              headings={["Code", "Title", "Developed or awarded by", "Kind", "Level", "Criteria", "Version"]}
              className="px-3 py-2"
            />
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.code} className="border-b border-slate-200 align-top">
              <th scope="row" className="px-3 py-2 font-semibold whitespace-nowrap">
                <Link
                  href={`/standards/${encodeURIComponent(unit.code)}`}
                  className="text-brand-700 underline underline-offset-2"
                >
                  {unit.code}
                </Link>
              </th>
              <td className="px-3 py-2">{unit.title}</td>
              <td className="px-3 py-2">{unit.body}</td>
              <td className="px-3 py-2">{unitKindLabel(unit.kind)}</td>
              <td className="px-3 py-2">
                {unit.level ?? "—"}
                {unit.creditValue !== null && <span className="block text-slate-700">{unit.creditValue} credits</span>}
              </td>
              <td className="px-3 py-2">
                <ul>
                  {unit.criteriaCounts.map(({ kind, count }) => (
                    <li key={kind} className="whitespace-nowrap">
                      {countCriteria(kind, count)}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {unit.versionNumber}
                {unit.sourceVersion && <span className="block text-slate-700">source {unit.sourceVersion}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
