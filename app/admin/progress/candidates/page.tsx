import type { Metadata } from "next";
import Link from "next/link";
import { PagedList, emptyListText } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { IgnoredFilters, ProgressFiltersForm } from "@/components/progress/filters-form";
import { ProgressTable } from "@/components/progress/progress-table";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/provider";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { env } from "@/lib/env";
import { listProgress } from "@/lib/progress/candidate-list";
import { filtersQuery, ignoredCohortNotice, queryString, readListFilters } from "@/lib/progress/filters";
import { getProgressOptions } from "@/lib/progress/options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Candidates’ progress" };

type SearchParams = Record<string, string | string[] | undefined>;

// long-function: the candidates' progress list read top to bottom: the refusal, the back link and heading, the filters, the CSV link and the paged table, each already a component; what remains is their props and order
export default async function ProgressCandidatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal
        title="Candidates’ progress"
        message={refusalMessage(actor, "the candidates’ progress")}
        linkClassName={linkClass}
      />
    );
  }
  const ctx = { provider: providerOf(env.DATABASE_URL), now: new Date() };
  const { filters, ignored } = readListFilters(await searchParams, ctx.now);
  const [list, options] = await Promise.all([
    listProgress(db, actor, { centreId: centre.centreId, ...filters }, ctx),
    getProgressOptions(db, actor, centre.centreId, ctx.now),
  ]);
  const filtered = Boolean(filters.unit || filters.assessor || filters.cohort || filters.rag || filters.search);
  const exportHref = `/api/admin/progress/export${queryString(filtersQuery({ ...list.filters, dir: list.dir }, { withPage: false }))}`;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p>
          <Link
            href={`/admin/progress${queryString(filtersQuery({ unit: filters.unit, assessor: filters.assessor, cohort: filters.cohort }))}`}
            className={linkClass}
          >
            Back to the progress dashboard
          </Link>
        </p>
        <h1 className="text-3xl font-bold">Candidates’ progress</h1>
        <p className="text-slate-700">{list.centre.name}: one row per candidate and unit.</p>
      </div>

      <Section id="filters-heading" title="Find candidates" className="space-y-2">
        <IgnoredFilters notices={ignored.map(ignoredCohortNotice)} />
        <ProgressFiltersForm action="/admin/progress/candidates" options={options} filters={list.filters} list />
      </Section>

      <section aria-labelledby="list-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h2 id="list-heading" className="text-xl font-semibold">
            {filtered ? "Matching enrolments" : "All enrolments"} ({list.total})
          </h2>
          {list.total > 0 ? (
            <a
              href={exportHref}
              download
              className="rounded border border-slate-400 bg-white px-3 py-1.5 font-medium text-brand-700 hover:bg-slate-100"
            >
              Download this list as CSV ({list.total} rows)
            </a>
          ) : null}
        </div>
        <PagedList
          list={list}
          basePath="/admin/progress/candidates"
          query={filtersQuery({ ...list.filters, page: 1 })}
          noun="enrolments"
          empty={emptyListText(
            filtered,
            "enrolments",
            "No one is enrolled yet. Enrol candidates on the Enrolments page.",
          )}
        >
          <ProgressTable
            rows={list.items}
            timeZone={list.centre.timeZone}
            filters={list.filters}
            dir={list.dir}
            caption={`Enrolments at ${list.centre.name}${filtered ? ", filtered" : ""}: ${list.total} in all, page ${list.page} of ${list.pageCount}`}
          />
        </PagedList>
        <p className="text-sm text-slate-700">
          Dates and times are in the centre’s time zone ({list.centre.timeZone}).
        </p>
      </section>
    </div>
  );
}
