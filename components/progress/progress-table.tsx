import Link from "next/link";
import { DataTable, headCellClass, type Column } from "@/components/ui/data-table";
import type { ProgressRow } from "@/lib/progress/candidate-list";
import {
  defaultDirection,
  filtersQuery,
  queryString,
  type ListFilters,
  type ListSort,
  type SortDirection,
} from "@/lib/progress/filters";
import { progressRowText } from "@/lib/progress/format";
import { RagBadge } from "./rag";

type Props = { rows: ProgressRow[]; timeZone: string; filters: ListFilters; dir: SortDirection; caption: string };

/** A column heading that sorts by it; choosing the current sort again reverses it. */
function SortHeading({
  sort,
  label,
  filters,
  dir,
  numeric = false,
}: {
  sort: ListSort;
  label: string;
  filters: ListFilters;
  dir: SortDirection;
  numeric?: boolean;
}) {
  const active = filters.sort === sort;
  const nextDir: SortDirection = active ? (dir === "asc" ? "desc" : "asc") : defaultDirection[sort];
  const href = `/admin/progress/candidates${queryString(filtersQuery({ ...filters, sort, dir: nextDir, page: 1 }))}`;
  return (
    <th
      scope="col"
      className={headCellClass(numeric)}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link href={href} className="text-brand-700 underline">
        {label}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
        <span className="sr-only">
          {active ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; choose to reverse` : ", choose to sort"}
        </span>
      </Link>
    </th>
  );
}

export function ProgressTable({ rows, timeZone, filters, dir, caption }: Props) {
  const sortable = (sort: ListSort, label: string, numeric = false): Column<ProgressRow> => ({
    header: label,
    head: <SortHeading sort={sort} label={label} filters={filters} dir={dir} numeric={numeric} />,
    numeric,
    cell: () => null,
  });
  // Each row's words, worked out once: the cells below each read a few of them.
  const texts = new Map(rows.map((row) => [row, progressRowText(row, timeZone)]));
  const textOf = (row: ProgressRow) => texts.get(row) ?? progressRowText(row, timeZone);
  const columns: Column<ProgressRow>[] = [
    {
      ...sortable("name", "Candidate"),
      rowHeader: true,
      className: "font-normal",
      cell: (row) => {
        const text = textOf(row);
        return (
          <>
            <Link
              href={`/admin/progress/candidates/${encodeURIComponent(row.candidate.id)}`}
              aria-label={`${text.Candidate}, ${text.Unit}`}
              className="font-medium text-brand-700 underline"
            >
              {text.Candidate}
            </Link>
            <span className="block text-xs text-slate-700">{text.Email}</span>
          </>
        );
      },
    },
    {
      header: "Unit",
      cell: (row) => (
        <>
          <span className="font-medium">{textOf(row).Unit}</span>
          <span className="block text-xs text-slate-700">{textOf(row).Status}</span>
        </>
      ),
    },
    { header: "Assessor", cell: (row) => textOf(row).Assessor },
    {
      header: "Dates",
      className: "text-xs",
      cell: (row) => (
        <>
          <span className="block">Start {textOf(row)["Start date"]}</span>
          <span className="block">End {textOf(row)["Planned end date"]}</span>
        </>
      ),
    },
    {
      ...sortable("progress", "Progress", true),
      cell: (row) => (
        <>
          {textOf(row)["Progress (%)"]}%
          <span className="block text-xs text-slate-700">
            {textOf(row)["Criteria met"]} of {textOf(row)["Criteria in unit"]}
          </span>
        </>
      ),
    },
    { header: "Time elapsed", numeric: true, cell: (row) => `${textOf(row)["Time elapsed (%)"]}%` },
    {
      ...sortable("rag", "RAG"),
      cell: (row) => (
        <>
          <RagBadge rag={row.rag} />
          {textOf(row).Schedule ? <span className="block text-xs text-slate-700">{textOf(row).Schedule}</span> : null}
        </>
      ),
    },
    { ...sortable("lastActivity", "Last activity"), className: "text-xs", cell: (row) => textOf(row)["Last activity"] },
  ];
  return <DataTable caption={caption} hideCaption rows={rows} rowKey={(row) => row.enrolmentId} columns={columns} />;
}
