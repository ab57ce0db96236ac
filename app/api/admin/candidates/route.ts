import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { findCandidatesToEnrol } from "@/lib/enrolments/enrolment-options";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

const answer = (status: number, body: object) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

// Longer searches are cut, not refused: the box is typed into a letter at a time.
const Search = z.object({ q: z.string().catch("").default("") });

/**
 * GET /api/admin/candidates?q= — the candidates of the admin's centre the enrolment form can
 * tick, matching q (lib/enrolments/enrolment-options.ts): the first 50 by name, and how many match.
 */
export const GET = withRouteLog("/api/admin/candidates", async (request: Request): Promise<Response> => {
  const actor = await getActor();
  if (!actor) return answer(401, { message: "Sign in to find candidates to enrol." });
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "enrolment.create", { kind: "centre", centreId: centre.centreId })) {
    return answer(403, { message: "Only a centre admin can look up the centre's candidates to enrol." });
  }
  const { q } = Search.parse({ q: new URL(request.url).searchParams.get("q") ?? undefined });
  return answer(200, await findCandidatesToEnrol(db, actor, centre.centreId, q));
});
