import type { Metadata } from "next";
import Link from "next/link";
import { EnrolmentFiltersForm } from "@/components/enrolments/filters-form";
import { EnrolmentTable } from "@/components/enrolments/enrolment-table";
import { CountedPagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { loadEnrolmentResource } from "@/lib/enrolments/enrolment-resource";
import { getEnrolmentOptions } from "@/lib/enrolments/enrolment-options";
import { getEnrolment } from "@/lib/enrolments/get-enrolment";
import { listEnrolments } from "@/lib/enrolments/list-enrolments";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Enrolments" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function EnrolmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Enrolments">
        <p>Only a centre admin can see and manage a centre&apos;s enrolments, and you are not a centre admin at any centre.</p>
        <p>If you should be, ask your centre admin to give you that role.</p>
      </Refusal>
    );
  }

  const params = await searchParams;
  const query = { search: first(params.search), unit: first(params.unit), assessor: first(params.assessor), status: first(params.status) };
  const [list, options] = await Promise.all([
    listEnrolments(db, actor, {
      centreId: centre.centreId,
      page: Number.parseInt(first(params.page), 10) || 1,
      search: query.search,
      unitCode: query.unit,
      assessorId: query.assessor,
      status: query.status,
    }),
    getEnrolmentOptions(db, actor, centre.centreId),
  ]);

  const createdId = first(params.created);
  const createdResource = createdId ? await loadEnrolmentResource(db, createdId) : null;
  const created = createdResource && can(actor, "enrolment.read", createdResource) ? await getEnrolment(db, actor, createdResource.id) : null;
  const filtered = Boolean(list.filters.search || list.filters.unitCode || list.filters.assessorId || list.filters.status);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold">Enrolments</h1>
          <p className="text-slate-700">{centre.centreName}</p>
        </div>
        <Link href="/admin/enrolments/new" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          Enrol a candidate
        </Link>
      </div>

      <div role="status" aria-live="polite">
        {created ? (
          <p className="rounded border border-green-800 bg-green-50 p-3 text-green-900">
            {created.candidate.name} is enrolled on {created.unit.code} (version {created.unit.versionNumber}).{" "}
            <Link href={`/admin/enrolments/${created.id}`} className="underline">
              Open the enrolment
            </Link>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="filters-heading" className="space-y-2">
        <h2 id="filters-heading" className="text-xl font-semibold">
          Find enrolments
        </h2>
        <EnrolmentFiltersForm filters={list.filters} units={options.units} assessors={options.assessors} />
      </section>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-xl font-semibold">
          {filtered ? "Matching enrolments" : "All enrolments"}
        </h2>
        {list.total === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            {filtered ? "No enrolments match these filters. Change or clear the filters to see more." : "No one is enrolled yet. Use “Enrol a candidate” to start."}
          </p>
        ) : (
          <>
            <EnrolmentTable
              caption={`Enrolments at ${centre.centreName}${filtered ? ", filtered" : ""}: ${list.total} in all`}
              rows={list.items}
              columns={["candidate", "unit", "assessor", "iqa", "start", "plannedEnd", "status"]}
              linkTo={(row) => `/admin/enrolments/${row.id}`}
            />
            <CountedPagination page={list.page} pageCount={list.pageCount} total={list.total} pageSize={list.pageSize} basePath="/admin/enrolments" query={query} noun="enrolments" />
          </>
        )}
      </section>
    </div>
  );
}
