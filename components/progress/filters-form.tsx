import {
  FilterActions,
  FilterSearch,
  FilterSelect,
  FilterSelects,
  labelledChoices,
  personChoices,
  unitChoices,
} from "@/components/ui/filters";
import { cohortLabel, listSorts, type ListFilters, type ListSort } from "@/lib/progress/filters";
import type { ProgressOptions } from "@/lib/progress/options";
import { ragLabels, ragStates } from "@/lib/progress/rag";

export const sortLabels: Record<ListSort, string> = {
  name: "Candidate name",
  progress: "Progress",
  rag: "RAG status",
  lastActivity: "Last activity",
};

const directions = [
  { value: "asc", label: "Ascending" },
  { value: "desc", label: "Descending" },
];

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
    <form
      method="get"
      action={action}
      role="search"
      aria-label={list ? "Filter candidates" : "Filter the dashboard"}
      className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <FilterSelects
        idPrefix="progress"
        values={filters}
        selects={[
          { name: "unit", label: "Unit", anyLabel: "All units", choices: unitChoices(options.units) },
          { name: "assessor", label: "Assessor", anyLabel: "All assessors", choices: personChoices(options.assessors) },
          {
            name: "cohort",
            label: "Start cohort",
            anyLabel: "Any start month",
            choices: options.cohorts.map((c) => ({ value: c, label: cohortLabel(c) })),
            hint: "The month the enrolment started.",
          },
        ]}
      />
      {list ? (
        <>
          <FilterSelect
            id="progress-rag"
            name="rag"
            label="RAG status"
            value={filters.rag}
            anyLabel="Any status"
            choices={labelledChoices(ragStates, ragLabels)}
          />
          <FilterSearch id="progress-search" value={filters.search} />
          <div className="grid grid-cols-2 gap-2">
            <FilterSelect
              id="progress-sort"
              name="sort"
              label="Sort by"
              value={filters.sort ?? "name"}
              choices={labelledChoices(listSorts, sortLabels)}
            />
            <FilterSelect
              id="progress-dir"
              name="dir"
              label="Order"
              value={filters.dir}
              anyLabel="Usual"
              choices={directions}
            />
          </div>
        </>
      ) : null}
      <FilterActions clearHref={action} className="sm:col-span-2 lg:col-span-3" />
    </form>
  );
}

/** Says which values in the address the page left out, and why, above the filters they belong to. */
export function IgnoredFilters({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div role="status" className="space-y-1 rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
    </div>
  );
}
