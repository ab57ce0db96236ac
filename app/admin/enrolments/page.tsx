import type { Metadata } from "next";
import Link from "next/link";
import { EnrolmentFiltersForm } from "@/components/enrolments/filters-form";
import { EnrolmentTable } from "@/components/enrolments/enrolment-table";
import { PagedList, emptyListText } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
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

// long-function: the enrolments page read top to bottom: the refusal, the query read from the URL, the just-created notice, then the header, the filters and the paged table, each already a component; what remains is their order
export default async function EnrolmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Enrolments">
        <p>
          Only a centre admin can see and manage a centre&apos;s enrolments, and you are not a centre admin at any
          centre.
        </p>
        <p>If you should be, ask your centre admin to give you that role.</p>
      </Refusal>
    );
  }

  const params = await searchParams;
  const query = {
    search: first(params.search),
    unit: first(params.unit),
    assessor: first(params.assessor),
    status: first(params.status),
  };
  const [list, options] = await Promise.all([
    listEnrolments(db, actor, {
      centreId: centre.centreId,
      page: Number.parseInt(first(params.page), 10) || 1,
      search: query.search,
      unitCode: query.unit,
      assessorId: query.assessor,
      status: query.status,
    }),
    getEnrolmentOptions(db, actor, centre.centreId, ["ASSESSOR"]),
  ]);

  const createdId = first(params.created);
  const createdResource = createdId ? await loadEnrolmentResource(db, createdId) : null;
  const created =
    createdResource && can(actor, "enrolment.read", createdResource)
      ? await getEnrolment(db, actor, createdResource.id)
      : null;
  const filtered = Boolean(
    list.filters.search || list.filters.unitCode || list.filters.assessorId || list.filters.status,
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold">Enrolments</h1>
          <p className="text-slate-700">{centre.centreName}</p>
        </div>
        <Link
          href="/admin/enrolments/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
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

      <Section id="filters-heading" title="Find enrolments" className="space-y-2">
        <EnrolmentFiltersForm filters={list.filters} units={options.units} assessors={options.assessors} />
      </Section>

      <Section id="list-heading" title={filtered ? "Matching enrolments" : "All enrolments"}>
        <PagedList
          list={list}
          basePath="/admin/enrolments"
          query={query}
          noun="enrolments"
          empty={emptyListText(filtered, "enrolments", "No one is enrolled yet. Use “Enrol a candidate” to start.")}
        >
          <EnrolmentTable
            caption={`Enrolments at ${centre.centreName}${filtered ? ", filtered" : ""}: ${list.total} in all`}
            rows={list.items}
            columns={["candidate", "unit", "assessor", "iqa", "start", "plannedEnd", "status"]}
            linkTo={(row) => `/admin/enrolments/${row.id}`}
          />
        </PagedList>
      </Section>
    </div>
  );
}
