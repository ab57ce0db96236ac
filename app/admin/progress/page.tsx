import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBandsChart, RagByUnitTable, WeeklyChart } from "@/components/progress/charts";
import { IgnoredFilters, ProgressFiltersForm } from "@/components/progress/filters-form";
import { RagBadge } from "@/components/progress/rag";
import { WorkloadTable } from "@/components/progress/workload-table";
import { CountedPagination } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/provider";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { env } from "@/lib/env";
import { getDashboard } from "@/lib/progress/dashboard";
import {
  cohortLabel,
  filtersQuery,
  ignoredCohortNotice,
  queryString,
  readProgressFilters,
} from "@/lib/progress/filters";
import { getProgressOptions } from "@/lib/progress/options";
import { AMBER_MAX_POINTS_BEHIND, GREEN_MAX_POINTS_BEHIND, ragDescriptions, ragStates } from "@/lib/progress/rag";
import { getWorkload, readWorkloadPage, WORKLOAD_PAGE_PARAM } from "@/lib/progress/workload";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Progress" };

type SearchParams = Record<string, string | string[] | undefined>;

const percent = (part: number, whole: number) => (whole > 0 ? Math.floor((100 * part) / whole) : 0);

// long-function: the progress dashboard read top to bottom: the refusal, the heading with the filters described, the four figure cards, the RAG table and its explanation, the two charts and the workload table; the tables and charts are components, the cards and wording are used once here
export default async function ProgressDashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Progress" message={refusalMessage(actor, "the progress dashboard")} linkClassName={linkClass} />
    );
  }
  const ctx = { provider: providerOf(env.DATABASE_URL), now: new Date() };
  const params = await searchParams;
  const { filters, ignored } = readProgressFilters(params, ctx.now);
  const input = { centreId: centre.centreId, ...filters };
  const [dashboard, workload, options] = await Promise.all([
    getDashboard(db, actor, input, ctx),
    getWorkload(db, actor, { ...input, page: readWorkloadPage(params) }, ctx),
    getProgressOptions(db, actor, centre.centreId, ctx.now),
  ]);
  const { enrolments, criteria, rag } = dashboard;
  const active = enrolments.active;
  const filtered = Boolean(filters.unit || filters.assessor || filters.cohort);
  const describeFilters = [
    filters.unit ? `unit ${filters.unit}` : null,
    filters.assessor ? `assessor ${options.assessors.find((a) => a.id === filters.assessor)?.name ?? "chosen"}` : null,
    filters.cohort ? `started in ${cohortLabel(filters.cohort)}` : null,
  ].filter(Boolean);
  const listHref = (extra: Record<string, string> = {}) =>
    `/admin/progress/candidates${queryString({ ...filtersQuery(filters), ...extra })}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold">Progress</h1>
          <p className="text-slate-700">
            {dashboard.centre.name}
            {filtered ? ` · ${describeFilters.join(", ")}` : " · all enrolments"}
          </p>
        </div>
        <Link href={listHref()} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          See the candidates
        </Link>
      </div>

      <Section id="filters-heading" title="Filters" className="space-y-2">
        <IgnoredFilters notices={ignored.map(ignoredCohortNotice)} />
        <ProgressFiltersForm action="/admin/progress" options={options} filters={filters} />
      </Section>

      <Section id="figures-heading" title="At a glance">
        {enrolments.total === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            {filtered
              ? "No enrolments match these filters. Change or clear the filters."
              : "No one is enrolled yet. Enrol candidates on the Enrolments page."}
          </p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <li className="rounded border border-slate-200 bg-white p-4">
              <p className="text-3xl font-bold tabular-nums">{active}</p>
              <p>
                <Link href={listHref()} className={linkClass}>
                  Active enrolments
                </Link>
              </p>
              <p className="text-sm text-slate-700">{rag.notStarted} not started yet</p>
            </li>
            <li className="rounded border border-slate-200 bg-white p-4">
              <p className="text-3xl font-bold tabular-nums">{enrolments.completed}</p>
              <p>
                <Link href={listHref({ rag: "completed" })} className={linkClass}>
                  Completed
                </Link>
              </p>
              <p className="text-sm text-slate-700">{enrolments.withdrawn} withdrawn</p>
            </li>
            <li className="rounded border border-slate-200 bg-white p-4">
              <p className="text-3xl font-bold tabular-nums">{percent(criteria.met, criteria.total)}%</p>
              <p>Criteria met</p>
              <p className="text-sm text-slate-700">
                {criteria.met} of {criteria.total} criteria in the units of active enrolments
              </p>
            </li>
            <li className="rounded border border-slate-200 bg-white p-4">
              <ul className="space-y-1">
                {(["red", "amber", "green"] as const).map((state) => (
                  <li key={state} className="flex items-center justify-between gap-2">
                    <Link href={listHref({ rag: state })} className={linkClass} aria-label={`${rag[state]} ${state}`}>
                      <RagBadge rag={state} />
                    </Link>
                    <span className="text-xl font-bold tabular-nums">{rag[state]}</span>
                  </li>
                ))}
              </ul>
            </li>
          </ul>
        )}
      </Section>

      <Section id="rag-heading" title="RAG status by unit">
        <RagByUnitTable rows={dashboard.ragByUnit} filters={filters} />
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700 underline">How the RAG status is worked out</summary>
          <div className="mt-2 space-y-2 rounded border border-slate-200 bg-white p-3">
            <p>
              For an active enrolment, progress (criteria met as a share of the criteria in the unit) is compared with
              the share of the planned time used (from the start date to the planned end date). Green: not more than{" "}
              {GREEN_MAX_POINTS_BEHIND} percentage points behind. Amber: up to {AMBER_MAX_POINTS_BEHIND} points behind.
              Red: more than {AMBER_MAX_POINTS_BEHIND} points behind, or past the planned end date.
            </p>
            <ul className="list-disc pl-6">
              {ragStates.map((state) => (
                <li key={state}>
                  <RagBadge rag={state} /> {ragDescriptions[state]}
                </li>
              ))}
            </ul>
          </div>
        </details>
      </Section>

      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="bands-heading" title="Progress of active enrolments">
          <ProgressBandsChart bands={dashboard.progressBands} />
        </Section>
        <Section id="weekly-heading" title="Criteria met per week">
          <WeeklyChart weeks={dashboard.weeks} timeZone={dashboard.centre.timeZone} />
        </Section>
      </div>

      <Section id="workload-heading" title="Assessor workload">
        <p className="text-sm text-slate-700">
          Evidence waiting: items submitted for review in active enrolments, each counted once however many criteria it
          is mapped to.
        </p>
        <WorkloadTable workload={workload} filters={filters} />
        <CountedPagination
          list={workload.list}
          basePath="/admin/progress"
          query={filtersQuery(filters)}
          noun="assessors"
          pageParam={WORKLOAD_PAGE_PARAM}
          fragment="workload-heading"
        />
      </Section>
    </div>
  );
}
