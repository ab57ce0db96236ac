import { FilterActions, FilterSearch, FilterSelect, personChoices, unitChoices } from "@/components/ui/filters";
import type { EnrolmentFilters } from "@/lib/enrolments/list-enrolments";
import type { PersonOption, UnitOption } from "@/lib/enrolments/enrolment-options";
import { enrolmentStatuses } from "@/lib/enrolments/input";
import { statusLabels } from "./status";

/** A plain GET form: filters live in the address, so a filtered list can be bookmarked and shared. */
export function EnrolmentFiltersForm({ filters, units, assessors }: { filters: EnrolmentFilters; units: UnitOption[]; assessors: PersonOption[] }) {
  return (
    <form method="get" action="/admin/enrolments" role="search" aria-label="Filter enrolments" className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      <FilterSearch id="filter-search" value={filters.search} />
      <FilterSelect id="filter-unit" name="unit" label="Unit" value={filters.unitCode} anyLabel="All units" choices={unitChoices(units)} />
      <FilterSelect id="filter-assessor" name="assessor" label="Assessor" value={filters.assessorId} anyLabel="All assessors" choices={personChoices(assessors)} />
      <FilterSelect id="filter-status" name="status" label="Status" value={filters.status} anyLabel="All statuses" choices={enrolmentStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
      <FilterActions clearHref="/admin/enrolments" className="sm:col-span-2 lg:col-span-4" />
    </form>
  );
}
