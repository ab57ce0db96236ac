import { exportAuditCsv } from "@/lib/audit/csv";
import { readAuditFilters, type AuditScope } from "@/lib/audit/list";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { calendarDateIn } from "@/lib/format/date";
import { csvDownload, plainText as text } from "@/lib/http/downloads";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/admin/audit/export?person=&action=&entity=&from=&to= — the acting centre's filtered
 * audit log as CSV (its admins); with scope=platform (and chain=), every chain (platform admins).
 */
export const GET = withRouteLog("/api/admin/audit/export", async (request: Request): Promise<Response> => {
  const actor = await getActor();
  if (!actor) return text(401, "Sign in to download the audit log.");
  const params = new URL(request.url).searchParams;
  let scope: AuditScope;
  if (params.get("scope") === "platform") {
    if (!can(actor, "audit.read", { kind: "centre", centreId: "*" }))
      return text(403, "Only platform administrators can download the whole platform's audit log.");
    scope = { centreId: "*", timeZone: "UTC" };
  } else {
    const centre = centreForRole(actor, "CENTRE_ADMIN");
    if (!centre || !can(actor, "audit.read", { kind: "centre", centreId: centre.centreId }))
      return text(403, "Only a centre admin can download the centre's audit log.");
    const { timeZone } = await db.centre.findUniqueOrThrow({
      where: { id: centre.centreId },
      select: { timeZone: true },
    });
    scope = { centreId: centre.centreId, timeZone };
    params.delete("chain");
  }
  const { filters, problems } = readAuditFilters(params);
  // Refused, not widened: a download has nowhere to show which filter was dropped.
  if (problems.length > 0)
    return text(
      400,
      `The export was not made because some filters are not valid: ${problems.join("; ")}. Correct them and download again.`,
    );
  const filename = `audit-${scope.centreId === "*" ? "platform" : "centre"}-${calendarDateIn(new Date(), scope.timeZone)}.csv`;
  return csvDownload(async () => ({ filename, stream: await exportAuditCsv(db, actor, scope, filters) }));
});
