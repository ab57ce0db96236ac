import {
  FilterActions,
  FilterSearch,
  FilterSelects,
  labelledChoices,
  personChoices,
  unitChoices,
} from "@/components/ui/filters";
import type { EnrolmentFilters } from "@/lib/enrolments/list-enrolments";
import type { PersonOption, UnitOption } from "@/lib/enrolments/enrolment-options";
import { enrolmentStatuses } from "@/lib/enrolments/input";
import { statusLabels } from "./status";

/** A plain GET form: filters live in the address, so a filtered list can be bookmarked and shared. */
export function EnrolmentFiltersForm({
  filters,
  units,
  assessors,
}: {
  filters: EnrolmentFilters;
  units: UnitOption[];
  assessors: PersonOption[];
}) {
  return (
    <form
      method="get"
      action="/admin/enrolments"
      role="search"
      aria-label="Filter enrolments"
      className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <FilterSearch id="filter-search" value={filters.search} />
      <FilterSelects
        idPrefix="filter"
        values={{ unit: filters.unitCode, assessor: filters.assessorId, status: filters.status }}
        selects={[
          { name: "unit", label: "Unit", anyLabel: "All units", choices: unitChoices(units) },
          { name: "assessor", label: "Assessor", anyLabel: "All assessors", choices: personChoices(assessors) },
          {
            name: "status",
            label: "Status",
            anyLabel: "All statuses",
            choices: labelledChoices(enrolmentStatuses, statusLabels),
          },
        ]}
      />
      <FilterActions clearHref="/admin/enrolments" className="sm:col-span-2 lg:col-span-4" />
    </form>
  );
}
