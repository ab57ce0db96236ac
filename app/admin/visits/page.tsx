import type { Metadata } from "next";
import { pageParam } from "@/components/enrolments/role-enrolments";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { VisitTable } from "@/components/visits/visit-parts";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { listCentreVisits } from "@/lib/qa/visit-read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "EQA visits" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function VisitsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "visit.manage", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="EQA visits">
        <p>Only a centre admin arranges external quality assurers&apos; visits, and you are not a centre admin here.</p>
        <p>If you should be, ask your centre admin to give you that role, or switch role in the header.</p>
      </Refusal>
    );
  }
  const { page } = await searchParams;
  const list = await listCentreVisits(db, actor, { centreId: centre.centreId, page: pageParam(page) });
  return (
    <div className="space-y-6">
      <PageHeader
        title="EQA visits"
        lead="Visits by external quality assurers: the portfolios in each visit's scope open to its EQA, read-only, on the visit's days only."
        actions={<LinkButton href="/admin/visits/new">Arrange a visit</LinkButton>}
      >
        <p className="text-sm text-slate-700">{centre.centreName}. Latest visits first.</p>
      </PageHeader>
      <PagedList
        list={list}
        basePath="/admin/visits"
        noun="visits"
        empty="No visit has been arranged yet. Use “Arrange a visit” when the awarding body tells you its EQA's dates."
      >
        <VisitTable
          caption={`EQA visits at ${centre.centreName}: ${list.total} in all`}
          visits={list.items}
          href={(v) => `/admin/visits/${encodeURIComponent(v.id)}`}
        />
      </PagedList>
    </div>
  );
}
