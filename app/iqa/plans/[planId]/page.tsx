import Link from "next/link";
import { cache } from "react";
import { DoneBanner, firstParam, pageNumber } from "@/components/assessment/page-parts";
import { CoverageMatrix } from "@/components/qa/coverage-matrix";
import { AddDecisionForm, RemoveItemForm } from "@/components/qa/plan-forms";
import { BackLink } from "@/components/ui/back-link";
import { DataTable, type Column } from "@/components/ui/data-table";
import { DescriptionList } from "@/components/ui/description-list";
import { FilterBar, FilterSelect } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { StatusTag, type StatusTone } from "@/components/ui/status-tag";
import { linkClass, panelClass, successClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { formatDate, formatLastDay } from "@/lib/format/date";
import { dateLabel } from "@/lib/format/date-bounds";
import {
  getPlan,
  getPlanCoverage,
  itemStatusWords,
  stageWords,
  type ItemStatus,
  type PlanCoverage,
  type PlanItem,
  type PlanView,
} from "@/lib/qa/plans";

export const dynamic = "force-dynamic";

type Params = { planId: string };
type SearchParams = Record<string, string | string[] | undefined>;
type AddFilter = { assessorId?: string; unitCode?: string };

const load = cache(async (planId: string, page: number) =>
  orNotFound(getPlan(db, await requireActor(), planId, { page })),
);

export const generateMetadata = titleOnceFound("Sampling plan", ({ planId }: Params) => load(planId, 1));

const doneMessages: Record<string, string> = {
  proposed:
    "Sample proposed and saved as this plan. Review each item, remove any you will not sample, or add decisions by hand.",
  added: "Decision added to the plan.",
  removed: "Item removed from the plan.",
};

const statusTones: Record<ItemStatus, StatusTone> = { planned: "neutral", sampled: "positive", overdue: "warning" };

function itemColumns(view: PlanView): Column<PlanItem>[] {
  const planPath = `/iqa/plans/${encodeURIComponent(view.plan.id)}`;
  const what = (i: PlanItem) => `${i.unitCode} ${i.criterionRef} for ${i.candidateName}`;
  return [
    { header: "Assessor", cell: (i) => i.assessorName },
    { header: "Candidate", rowHeader: true, cell: (i) => i.candidateName },
    { header: "Unit", cell: (i) => i.unitCode },
    { header: "Criterion", cell: (i) => <span className="font-mono">{i.criterionRef}</span> },
    { header: "Method", cell: (i) => i.methodLabel },
    { header: "Stage", cell: (i) => stageWords[i.stage] },
    {
      header: "Status",
      cell: (i) => (
        <>
          <StatusTag tone={statusTones[i.status]}>{itemStatusWords[i.status]}</StatusTag>
          {i.addedBy === "iqa" ? <span className="block text-xs text-slate-700">Added by hand</span> : null}
        </>
      ),
    },
    {
      header: "Review",
      cell: (i) => (
        <Link href={`${planPath}/items/${encodeURIComponent(i.id)}`} className={linkClass}>
          Review<span className="sr-only"> {what(i)}</span>
        </Link>
      ),
    },
    ...(view.canEdit
      ? [
          {
            header: "Remove",
            cell: (i: PlanItem) =>
              i.status === "sampled" ? (
                <span className="text-sm text-slate-700">Sampled: stays</span>
              ) : (
                <RemoveItemForm planId={view.plan.id} itemId={i.id} what={what(i)} />
              ),
          },
        ]
      : []),
  ];
}

function Summary({ view, coverage }: { view: PlanView; coverage: PlanCoverage }) {
  const { plan } = view;
  return (
    <DescriptionList
      items={[
        { term: "Internal quality assurer", details: plan.iqaName },
        { term: "Period", details: `${dateLabel(plan.firstDay)} to ${dateLabel(plan.lastDay)}` },
        {
          term: "Items",
          details: `${plan.items} of the ${coverage.decisions} decisions signed in the period: ${view.planned} planned, ${plan.sampled} sampled, ${plan.overdue} overdue`,
        },
        { term: "Due by", details: `The end of ${formatLastDay(plan.dueDate, plan.timeZone)}` },
        {
          term: "Seed",
          details: `${plan.seed} (proposed ${formatDate(plan.createdAt, plan.timeZone)}; the same seed over the same decisions proposes the same sample)`,
        },
      ]}
    />
  );
}

function AddDecision({
  view,
  coverage,
  toAdd: { options, total },
  filter,
}: {
  view: PlanView;
  coverage: PlanCoverage;
  toAdd: NonNullable<PlanCoverage["toAdd"]>;
  filter: AddFilter;
}) {
  const path = `/iqa/plans/${encodeURIComponent(view.plan.id)}`;
  return (
    <Section id="add-title" title="Add a decision by hand" className={`${panelClass} space-y-3`}>
      {total === 0 && !filter.assessorId && !filter.unitCode ? (
        <p>Every decision signed in the period is already in the plan.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {total > options.length
              ? `Showing the newest ${options.length} of ${total} decisions not in the plan. Narrow the list by assessor or unit.`
              : `${total} ${total === 1 ? "decision" : "decisions"} signed in the period ${total === 1 ? "is" : "are"} not in the plan.`}
          </p>
          <FilterBar
            action={`${path}#add-title`}
            label="Narrow the decisions to add"
            submitLabel="Show decisions"
            clear={
              filter.assessorId || filter.unitCode ? { href: `${path}#add-title`, label: "All decisions" } : undefined
            }
          >
            <FilterSelect
              id="add-assessor"
              name="assessor"
              label="Assessor"
              value={filter.assessorId}
              anyLabel="All assessors"
              choices={coverage.assessorIds.map((id) => ({ value: id, label: coverage.assessorNames[id] ?? id }))}
            />
            <FilterSelect
              id="add-unit"
              name="unit"
              label="Unit"
              value={filter.unitCode}
              anyLabel="All units"
              choices={coverage.unitCodes.map((code) => ({ value: code, label: code }))}
            />
          </FilterBar>
          {options.length ? (
            <AddDecisionForm planId={view.plan.id} options={options} />
          ) : (
            <p>No decision of that assessor or unit is left out of the plan.</p>
          )}
        </>
      )}
    </Section>
  );
}

export default async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}) {
  const { planId } = await params;
  const query = await searchParams;
  const view = await load(planId, pageNumber(query.page));
  const filter = { assessorId: firstParam(query.assessor) || undefined, unitCode: firstParam(query.unit) || undefined };
  const coverage = await getPlanCoverage(db, await requireActor(), planId, { add: filter });
  const done = firstParam(query.done);
  const planPath = `/iqa/plans/${encodeURIComponent(view.plan.id)}`;
  return (
    <div className="space-y-8">
      <BackLink href="/iqa/plans">Back to sampling plans</BackLink>
      <PageHeader
        title={view.plan.title}
        lead={`A sample of the decisions signed between ${dateLabel(view.plan.firstDay)} and ${dateLabel(view.plan.lastDay)} on the enrolments ${view.canEdit ? "you quality-assure" : `${view.plan.iqaName} quality-assures`} at ${view.plan.centreName}.`}
      >
        <Summary view={view} coverage={coverage} />
      </PageHeader>
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <Section id="items-title" title="Items">
        <PagedList
          list={view.items}
          basePath={planPath}
          noun="items"
          empty="This plan has no items. Add decisions by hand below, or propose a new sample."
        >
          <DataTable
            caption={`Items of ${view.plan.title}`}
            hideCaption
            columns={itemColumns(view)}
            rows={view.items.items}
            rowKey={(i) => i.id}
            region
          />
        </PagedList>
      </Section>
      <Section id="coverage-title" title="Coverage">
        <p className="max-w-3xl text-slate-700">
          Over time the sample should reach every candidate group, assessor, method and unit. Decisions signed in the
          period are counted as they stand today.
        </p>
        {coverage.cells.length ? <CoverageMatrix coverage={coverage} /> : null}
        <h3 className="text-lg font-semibold">Gaps</h3>
        {coverage.gapWords.length ? (
          <ul className="list-disc space-y-1 pl-5">
            {coverage.gapWords.map((words, index) => (
              <li key={`${index}:${words}`}>{words}</li>
            ))}
          </ul>
        ) : (
          <p className={successClass}>No gaps: every assessor on every unit, method, cohort and stage has an item.</p>
        )}
      </Section>
      {coverage.toAdd ? <AddDecision view={view} coverage={coverage} toAdd={coverage.toAdd} filter={filter} /> : null}
    </div>
  );
}
