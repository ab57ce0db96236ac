import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { describeWait } from "@/lib/assessment/waited";
import { formatDate } from "@/lib/format/date";
import { filtersQuery, queryString, type ProgressFilters } from "@/lib/progress/filters";
import type { Workload } from "@/lib/progress/workload";

export function WorkloadTable({ workload, filters }: { workload: Workload; filters: ProgressFilters }) {
  const { now, centre } = workload;
  return (
    <DataTable
      caption="Each assessor’s workload, most evidence waiting first"
      hideCaption
      rows={workload.assessors}
      rowKey={(row) => row.assessor.id}
      empty="No assessors yet. Give someone the assessor role on the People page, then assign them to enrolments."
      columns={[
        {
          header: "Assessor",
          rowHeader: true,
          cell: (row) => (
            <Link
              href={`/admin/progress/candidates${queryString({ ...filtersQuery(filters), assessor: row.assessor.id })}`}
              className="text-brand-700 underline"
            >
              {row.assessor.name}
            </Link>
          ),
        },
        { header: "Evidence waiting", numeric: true, cell: (row) => row.waitingEvidence },
        {
          header: "Oldest waiting",
          cell: (row) =>
            row.oldestWaitingSince ? (
              <>
                {describeWait(row.oldestWaitingSince, now)}
                <span className="block text-xs text-slate-700">
                  since{" "}
                  <time dateTime={row.oldestWaitingSince.toISOString()}>
                    {formatDate(row.oldestWaitingSince, centre.timeZone)}
                  </time>
                </span>
              </>
            ) : (
              <span className="text-slate-700">Nothing waiting</span>
            ),
        },
        { header: "Decisions, last 30 days", numeric: true, cell: (row) => row.decisionsLast30Days },
        { header: "Candidates assigned", numeric: true, cell: (row) => row.candidatesAssigned },
      ]}
    />
  );
}
