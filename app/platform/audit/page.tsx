import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { linkClass } from "@/components/ui/styles";
import { Refusal } from "@/components/ui/refusal";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { listAuditEvents, readAuditFilters } from "@/lib/audit/list";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log (platform)" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function PlatformAuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, "audit.read", { kind: "centre", centreId: "*" })) {
    return (
      <Refusal
        title="Audit log"
        message="Only platform administrators can read the whole platform's audit log. A centre's admins read theirs under Audit log."
        linkClassName={linkClass}
      />
    );
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one !== undefined) search.set(key, one);
  }
  const { filters, problems } = readAuditFilters(search);
  // Every centre, by name (a platform has tens of centres), and the chain of events outside any.
  const centres = await db.centre.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  const chains = [{ id: PLATFORM_CHAIN, name: "Platform (sign-ins, accounts, standards)" }, ...centres];
  const result = await listAuditEvents(db, actor, { centreId: "*", timeZone: "UTC" }, filters, search.get("page"));
  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">Audit log</h1>
        <p className="text-slate-700">
          Every centre&apos;s events and the platform&apos;s own, newest first. Times are in UTC.
        </p>
      </div>
      <AuditLog
        basePath="/platform/audit"
        scope="platform"
        filters={filters}
        problems={problems}
        result={result}
        timeZone="UTC"
        chains={chains}
      />
    </div>
  );
}
