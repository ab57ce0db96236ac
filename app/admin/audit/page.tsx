import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { linkClass } from "@/components/ui/styles";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { listAuditEvents, readAuditFilters } from "@/lib/audit/list";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

function asSearch(params: SearchParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) search.set(key, one);
  }
  return search;
}

export default async function CentreAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const acting = centreForRole(actor, "CENTRE_ADMIN");
  if (!acting || !can(actor, "audit.read", { kind: "centre", centreId: acting.centreId })) {
    return <Refusal title="Audit log" message={refusalMessage(actor, "the audit log")} linkClassName={linkClass} />;
  }
  const search = asSearch(await searchParams);
  // The platform view's chain filter means nothing here: a centre's admins see its chain only.
  search.delete("chain");
  const { filters, problems } = readAuditFilters(search);
  const centre = await db.centre.findUniqueOrThrow({
    where: { id: acting.centreId },
    select: { name: true, timeZone: true },
  });
  const result = await listAuditEvents(
    db,
    actor,
    { centreId: acting.centreId, timeZone: centre.timeZone },
    filters,
    search.get("page"),
  );
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">Audit log</h1>
        <p className="text-slate-700">
          Everything done at {centre.name}, newest first, with what it changed. Times are in the centre&apos;s time
          zone.
        </p>
      </div>
      <AuditLog
        basePath="/admin/audit"
        scope="centre"
        filters={filters}
        problems={problems}
        result={result}
        timeZone={centre.timeZone}
      />
    </div>
  );
}
