import type { Metadata } from "next";
import Link from "next/link";
import { firstParam, pageNumber } from "@/components/assessment/page-parts";
import { LinkButton } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FilterBar, FilterSelect, personChoices } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format/date";
import { dateLabel } from "@/lib/format/date-bounds";
import { centreIqas, listPlans, planListScopeFor, type PlanSummary } from "@/lib/qa/plans";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sampling plans" };

function planColumns(admin: boolean, tz: string): Column<PlanSummary>[] {
  return [
    {
      header: "Plan",
      rowHeader: true,
      cell: (p) => (
        <Link href={`/iqa/plans/${encodeURIComponent(p.id)}`} className={linkClass}>
          {p.title}
        </Link>
      ),
    },
    ...(admin ? [{ header: "IQA", cell: (p: PlanSummary) => p.iqaName }] : []),
    { header: "Period", cell: (p) => `${dateLabel(p.firstDay)} to ${dateLabel(p.lastDay)}` },
    { header: "Items", numeric: true, cell: (p) => p.items },
    { header: "Sampled", numeric: true, cell: (p) => p.sampled },
    { header: "Overdue", numeric: true, cell: (p) => p.overdue },
    { header: "Proposed", cell: (p) => formatDate(p.createdAt, tz) },
  ];
}

export default async function PlansPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const query = await searchParams;
  const iqaFilter = firstParam(query.iqa) || undefined;
  const scope = planListScopeFor(actor, iqaFilter);
  if (!scope)
    return (
      <Refusal
        title="Sampling plans"
        message="Switch to your internal quality assurer role to plan sampling, or to your centre admin role to read the centre's plans."
      />
    );
  const [list, iqas] = await Promise.all([
    listPlans(db, actor, scope, pageNumber(query.page)),
    scope.as === "CENTRE_ADMIN" ? centreIqas(db, scope.centreId) : Promise.resolve([]),
  ]);
  const tz = list.timeZone;
  const admin = scope.as === "CENTRE_ADMIN";
  const columns = planColumns(admin, tz);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Sampling plans"
        lead={
          admin
            ? "The centre's sampling plans: what each internal quality assurer samples, and how far they have got. Newest period first."
            : "Your plans of what to sample from the enrolments you quality-assure, newest period first. Propose a sample for a period and the app picks decisions at each assessor's rate, covering every assessor, unit, method, cohort and stage."
        }
        actions={admin ? undefined : <LinkButton href="/iqa/plans/new">New sampling plan</LinkButton>}
      />
      {admin ? (
        <FilterBar
          action="/iqa/plans"
          label="Filter plans"
          submitLabel="Show plans"
          clear={iqaFilter ? { href: "/iqa/plans", label: "All IQAs" } : undefined}
        >
          <FilterSelect
            id="plans-iqa"
            name="iqa"
            label="Internal quality assurer"
            value={iqaFilter}
            anyLabel="All IQAs"
            choices={personChoices(iqas)}
          />
        </FilterBar>
      ) : null}
      <PagedList
        list={list}
        basePath="/iqa/plans"
        query={{ iqa: iqaFilter }}
        noun="plans"
        empty={
          admin
            ? "No sampling plans match. An IQA makes one from their Sampling plans page."
            : "You have no sampling plans yet. Choose New sampling plan to propose your first sample."
        }
      >
        <DataTable
          caption="Sampling plans"
          hideCaption
          columns={columns}
          rows={list.items}
          rowKey={(p) => p.id}
          region
        />
      </PagedList>
    </div>
  );
}
