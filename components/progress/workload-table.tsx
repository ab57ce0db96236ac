import Link from "next/link";
import { describeWait } from "@/lib/assessment/waited";
import { formatDate } from "@/lib/format/date";
import { filtersQuery, queryString, type ProgressFilters } from "@/lib/progress/filters";
import type { Workload } from "@/lib/progress/workload";

export function WorkloadTable({ workload, filters }: { workload: Workload; filters: ProgressFilters }) {
  const { now, centre } = workload;
  if (workload.assessors.length === 0) {
    return <p className="rounded border border-slate-300 bg-white p-4">No assessors yet. Give someone the assessor role on the People page, then assign them to enrolments.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-sm">
        <caption className="sr-only">Each assessor’s workload, most evidence waiting first</caption>
        <thead>
          <tr className="border-b border-slate-300 bg-slate-100">
            <th scope="col" className="px-3 py-2">
              Assessor
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Evidence waiting
            </th>
            <th scope="col" className="px-3 py-2">
              Oldest waiting
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Decisions, last 30 days
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Candidates assigned
            </th>
          </tr>
        </thead>
        <tbody>
          {workload.assessors.map((row) => (
            <tr key={row.assessor.id} className="border-b border-slate-200">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/admin/progress/candidates${queryString({ ...filtersQuery(filters), assessor: row.assessor.id })}`} className="text-brand-700 underline">
                  {row.assessor.name}
                </Link>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{row.waitingEvidence}</td>
              <td className="px-3 py-2">
                {row.oldestWaitingSince ? (
                  <>
                    {describeWait(row.oldestWaitingSince, now)}
                    <span className="block text-xs text-slate-700">
                      since <time dateTime={row.oldestWaitingSince.toISOString()}>{formatDate(row.oldestWaitingSince, centre.timeZone)}</time>
                    </span>
                  </>
                ) : (
                  <span className="text-slate-700">Nothing waiting</span>
                )}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{row.decisionsLast30Days}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.candidatesAssigned}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
