import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { providerOf } from "@/lib/db/provider";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { env } from "@/lib/env";
import { csvDownload, plainText as text } from "@/lib/http/downloads";
import { withRouteLog } from "@/lib/ops/log-route";
import { exportProgressCsv } from "@/lib/progress/csv";
import { exportRefusal, readListFilters } from "@/lib/progress/filters";

export const dynamic = "force-dynamic";

/** GET /api/admin/progress/export?unit=&assessor=&cohort=&rag=&search=&sort=&dir= — the filtered candidate list as CSV. */
export const GET = withRouteLog("/api/admin/progress/export", async (request: Request): Promise<Response> => {
  const actor = await getActor();
  if (!actor) return text(401, "Sign in to download this export.");
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "centre.readDashboard", { kind: "centre", centreId: centre.centreId })) {
    return text(403, "Only a centre admin can download the progress export.");
  }
  const { filters, ignored } = readListFilters(new URL(request.url).searchParams);
  // Refused, not widened to every enrolment: a download has nowhere to show a notice.
  if (ignored.length > 0) return text(400, exportRefusal(ignored));
  return csvDownload(() =>
    exportProgressCsv(db, actor, { centreId: centre.centreId, ...filters }, { provider: providerOf(env.DATABASE_URL) }),
  );
});
