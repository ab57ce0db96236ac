import Link from "next/link";
import type { ProgressRow } from "@/lib/progress/candidate-list";
import { defaultDirection, filtersQuery, queryString, type ListFilters, type ListSort, type SortDirection } from "@/lib/progress/filters";
import { progressRowText } from "@/lib/progress/format";
import { RagBadge } from "./rag";

type Props = { rows: ProgressRow[]; timeZone: string; filters: ListFilters; dir: SortDirection; caption: string };

/** A column heading that sorts by it; choosing the current sort again reverses it. */
function SortHeading({ sort, label, filters, dir, className = "" }: { sort: ListSort; label: string; filters: ListFilters; dir: SortDirection; className?: string }) {
  const active = filters.sort === sort;
  const nextDir: SortDirection = active ? (dir === "asc" ? "desc" : "asc") : defaultDirection[sort];
  const href = `/admin/progress/candidates${queryString(filtersQuery({ ...filters, sort, dir: nextDir, page: 1 }))}`;
  return (
    <th scope="col" className={`px-3 py-2 ${className}`} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="text-brand-700 underline">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
        <span className="sr-only">{active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; choose to reverse` : ", choose to sort"}</span>
      </Link>
    </th>
  );
}

export function ProgressTable({ rows, timeZone, filters, dir, caption }: Props) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-100">
            <SortHeading sort="name" label="Candidate" filters={filters} dir={dir} />
            <th scope="col" className="px-3 py-2">
              Unit
            </th>
            <th scope="col" className="px-3 py-2">
              Assessor
            </th>
            <th scope="col" className="px-3 py-2">
              Dates
            </th>
            <SortHeading sort="progress" label="Progress" filters={filters} dir={dir} className="text-right" />
            <th scope="col" className="px-3 py-2 text-right">
              Time elapsed
            </th>
            <SortHeading sort="rag" label="RAG" filters={filters} dir={dir} />
            <SortHeading sort="lastActivity" label="Last activity" filters={filters} dir={dir} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const text = progressRowText(row, timeZone);
            return (
              <tr key={row.enrolmentId} className="border-b border-slate-200">
                <th scope="row" className="px-3 py-2 font-normal">
                  <Link
                    href={`/admin/progress/candidates/${encodeURIComponent(row.candidate.id)}`}
                    aria-label={`${text.Candidate}, ${text.Unit}`}
                    className="font-medium text-brand-700 underline"
                  >
                    {text.Candidate}
                  </Link>
                  <span className="block text-xs text-slate-700">{text.Email}</span>
                </th>
                <td className="px-3 py-2">
                  <span className="font-medium">{text.Unit}</span>
                  <span className="block text-xs text-slate-700">{text.Status}</span>
                </td>
                <td className="px-3 py-2">{text.Assessor}</td>
                <td className="px-3 py-2 text-xs">
                  <span className="block">Start {text["Start date"]}</span>
                  <span className="block">End {text["Planned end date"]}</span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {text["Progress (%)"]}%
                  <span className="block text-xs text-slate-700">
                    {text["Criteria met"]} of {text["Criteria in unit"]}
                  </span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{text["Time elapsed (%)"]}%</td>
                <td className="px-3 py-2">
                  <RagBadge rag={row.rag} />
                  {text.Schedule ? <span className="block text-xs text-slate-700">{text.Schedule}</span> : null}
                </td>
                <td className="px-3 py-2 text-xs">{text["Last activity"]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
