import Link from "next/link";
import type { Dashboard } from "@/lib/progress/dashboard";
import { filtersQuery, queryString, type ProgressFilters } from "@/lib/progress/filters";
import { ragLabels, ragStates } from "@/lib/progress/rag";
import { ragFills } from "./rag";

// Charts as HTML and SVG with their numbers as text: a screen reader hears every value, and the
// bars are drawn from the same numbers. No chart library.

const percentOf = (value: number, max: number) =>
  max > 0 ? Math.max(value > 0 ? 1 : 0, Math.round((100 * value) / max)) : 0;

/** Active enrolments in ten bands of progress, as horizontal bars. */
export function ProgressBandsChart({ bands }: { bands: number[] }) {
  const max = Math.max(0, ...bands);
  const total = bands.reduce((a, b) => a + b, 0);
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm text-slate-700">
        How far each of the {total} active enrolments has got: criteria met as a share of the criteria in its unit.
      </figcaption>
      <table className="w-full text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Progress</th>
            <th scope="col">Active enrolments</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((count, band) => (
            <tr key={band}>
              <th scope="row" className="w-24 py-0.5 pr-2 text-left font-normal tabular-nums">
                {band === 9 ? "90–100%" : `${band * 10}–${band * 10 + 9}%`}
              </th>
              <td className="py-0.5">
                <div className="flex items-center gap-2">
                  <div
                    aria-hidden="true"
                    className="h-4 rounded-sm bg-brand-700"
                    style={{ width: `${percentOf(count, max) * 0.85}%` }}
                  />
                  <span className="tabular-nums">{count}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Criteria met per week: an SVG column chart, with the figures in a table beside it. */
export function WeeklyChart({ weeks, timeZone }: { weeks: Dashboard["weeks"]; timeZone: string }) {
  const max = Math.max(1, ...weeks.map((w) => w.met));
  const width = 640;
  const height = 160;
  const gap = 4;
  const barWidth = (width - gap * (weeks.length - 1)) / weeks.length;
  const label = (start: string) =>
    new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(
      new Date(`${start}T00:00:00Z`),
    );
  const total = weeks.reduce((a, w) => a + w.met, 0);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby="weekly-title weekly-desc"
      >
        <title id="weekly-title">{`Criteria met per week, last ${weeks.length} weeks`}</title>
        <desc id="weekly-desc">
          {`${total} criteria met in all, from the week of ${first ? label(first.start) : ""} to the week of ${last ? label(last.start) : ""}; the most in one week was ${Math.max(0, ...weeks.map((w) => w.met))}. The table below lists every week.`}
        </desc>
        {weeks.map((w, i) => {
          const h = Math.round((w.met / max) * height);
          return (
            <g key={w.start}>
              <rect x={i * (barWidth + gap)} y={height - h} width={barWidth} height={h} className="fill-brand-700" />
              {i % 4 === 0 ? (
                <text x={i * (barWidth + gap)} y={height + 14} className="fill-slate-700 text-[10px]">
                  {label(w.start)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-700">
        Standing “met” decisions signed each week (weeks start on the date shown, {timeZone} time).
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 underline">Show the weekly figures</summary>
        <table className="mt-2 border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="px-2 py-1 text-left">
                Week starting
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                Criteria met
              </th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.start} className="border-b border-slate-100">
                <td className="px-2 py-0.5">{label(w.start)}</td>
                <td className="px-2 py-0.5 text-right tabular-nums">{w.met}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** RAG states per unit: a table of counts (each a link to those candidates) with a stacked bar. */
export function RagByUnitTable({ rows, filters }: { rows: Dashboard["ragByUnit"]; filters: ProgressFilters }) {
  const href = (unit: string, rag?: string) =>
    `/admin/progress/candidates${queryString({ ...filtersQuery(filters), unit, ...(rag ? { rag } : {}) })}`;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">
          Enrolments in each RAG state, unit by unit; each number links to the list of those enrolments; the bar under
          each total shows the same shares
        </caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-100">
            <th scope="col" className="px-3 py-2">
              Unit
            </th>
            {ragStates.map((r) => (
              <th key={r} scope="col" className="px-3 py-2 text-right">
                {ragLabels[r]}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right">
              All
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitCode} className="border-b border-slate-200">
              <th scope="row" className="px-3 py-2 font-medium">
                {row.unitCode}
                <span className="block text-xs font-normal text-slate-700">{row.unitTitle}</span>
              </th>
              {ragStates.map((r) => (
                <td key={r} className="px-3 py-2 text-right tabular-nums">
                  {row.counts[r] > 0 ? (
                    <Link
                      href={href(row.unitCode, r)}
                      className="text-brand-700 underline"
                      aria-label={`${row.counts[r]} ${ragLabels[r]} in ${row.unitCode}`}
                    >
                      {row.counts[r]}
                    </Link>
                  ) : (
                    "0"
                  )}
                </td>
              ))}
              <td className="px-3 py-2 text-right tabular-nums">
                <Link
                  href={href(row.unitCode)}
                  className="text-brand-700 underline"
                  aria-label={`All ${row.total} in ${row.unitCode}`}
                >
                  {row.total}
                </Link>
                <div
                  aria-hidden="true"
                  className="ml-auto mt-1 flex h-3 w-28 overflow-hidden rounded-sm border border-slate-300"
                >
                  {ragStates.map((r) =>
                    row.counts[r] > 0 ? (
                      <div
                        key={r}
                        className={ragFills[r]}
                        style={{ width: `${(100 * row.counts[r]) / Math.max(1, row.total)}%` }}
                      />
                    ) : null,
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
