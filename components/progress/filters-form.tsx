import Link from "next/link";
import { cohortLabel, listSorts, type ListFilters, type ListSort } from "@/lib/progress/filters";
import type { ProgressOptions } from "@/lib/progress/options";
import { ragLabels, ragStates } from "@/lib/progress/rag";

const control = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

export const sortLabels: Record<ListSort, string> = { name: "Candidate name", progress: "Progress", rag: "RAG status", lastActivity: "Last activity" };

/**
 * A plain GET form: the filters live in the address, so a view can be bookmarked, shared and
 * exported as it is. The list adds RAG, a name or email search and the sort.
 */
export function ProgressFiltersForm({
  action,
  options,
  filters,
  list = false,
}: {
  action: string;
  options: ProgressOptions;
  filters: Partial<ListFilters>;
  list?: boolean;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={list ? "Filter candidates" : "Filter the dashboard"} className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
      <div>
        <label htmlFor="progress-unit" className="block font-medium">
          Unit
        </label>
        <select id="progress-unit" name="unit" defaultValue={filters.unit ?? ""} className={control}>
          <option value="">All units</option>
          {options.units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${u.code} — ${u.title}`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="progress-assessor" className="block font-medium">
          Assessor
        </label>
        <select id="progress-assessor" name="assessor" defaultValue={filters.assessor ?? ""} className={control}>
          <option value="">All assessors</option>
          {options.assessors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="progress-cohort" className="block font-medium">
          Start cohort
        </label>
        <select id="progress-cohort" name="cohort" defaultValue={filters.cohort ?? ""} className={control} aria-describedby="progress-cohort-hint">
          <option value="">Any start month</option>
          {options.cohorts.map((c) => (
            <option key={c} value={c}>
              {cohortLabel(c)}
            </option>
          ))}
        </select>
        <p id="progress-cohort-hint" className="mt-1 text-sm text-slate-700">
          The month the enrolment started.
        </p>
      </div>
      {list ? (
        <>
          <div>
            <label htmlFor="progress-rag" className="block font-medium">
              RAG status
            </label>
            <select id="progress-rag" name="rag" defaultValue={filters.rag ?? ""} className={control}>
              <option value="">Any status</option>
              {ragStates.map((r) => (
                <option key={r} value={r}>
                  {ragLabels[r]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="progress-search" className="block font-medium">
              Candidate name or email
            </label>
            <input id="progress-search" name="search" type="search" defaultValue={filters.search ?? ""} className={control} />
          </div>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor="progress-sort" className="block font-medium">
                Sort by
              </label>
              <select id="progress-sort" name="sort" defaultValue={filters.sort ?? "name"} className={control}>
                {listSorts.map((s) => (
                  <option key={s} value={s}>
                    {sortLabels[s]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="progress-dir" className="block font-medium">
                Order
              </label>
              <select id="progress-dir" name="dir" defaultValue={filters.dir ?? ""} className={control}>
                <option value="">Usual</option>
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </div>
          </div>
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          Apply filters
        </button>
        <Link href={action} className="text-brand-700 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
