import Link from "next/link";
import type { EnrolmentFilters } from "@/lib/enrolments/list-enrolments";
import type { PersonOption, UnitOption } from "@/lib/enrolments/enrolment-options";
import { enrolmentStatuses } from "@/lib/enrolments/input";
import { statusLabels } from "./status";

const control = "mt-1 block w-full rounded border border-slate-500 px-3 py-2";

/** A plain GET form: filters live in the address, so a filtered list can be bookmarked and shared. */
export function EnrolmentFiltersForm({ filters, units, assessors }: { filters: EnrolmentFilters; units: UnitOption[]; assessors: PersonOption[] }) {
  return (
    <form method="get" action="/admin/enrolments" role="search" aria-label="Filter enrolments" className="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <label htmlFor="filter-search" className="block font-medium">
          Candidate name or email
        </label>
        <input id="filter-search" name="search" type="search" defaultValue={filters.search ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="filter-unit" className="block font-medium">
          Unit
        </label>
        <select id="filter-unit" name="unit" defaultValue={filters.unitCode ?? ""} className={control}>
          <option value="">All units</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {`${u.code} — ${u.title}`}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-assessor" className="block font-medium">
          Assessor
        </label>
        <select id="filter-assessor" name="assessor" defaultValue={filters.assessorId ?? ""} className={control}>
          <option value="">All assessors</option>
          {assessors.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className="block font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ""} className={control}>
          <option value="">All statuses</option>
          {enrolmentStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          Apply filters
        </button>
        <Link href="/admin/enrolments" className="text-brand-700 underline">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
