import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { findCandidates } from "@/lib/enrolments/enrolment-options";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

const answer = (status: number, body: object) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

// Longer searches are cut, not refused: the box is typed into a letter at a time.
const Search = z.object({
  q: z.string().catch("").default(""),
  enrolled: z.literal("1").optional().catch(undefined),
});

/**
 * GET /api/admin/candidates?q=[&enrolled=1] — the candidates of the admin's centre that the
 * enrolment and EQA visit forms can tick, matching q (lib/enrolments/enrolment-options.ts): the
 * first 50 by name, and how many match; with enrolled=1 only those enrolled at the centre.
 */
export const GET = withRouteLog("/api/admin/candidates", async (request: Request): Promise<Response> => {
  const actor = await getActor();
  if (!actor) return answer(401, { message: "Sign in to find candidates." });
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "user.list", { kind: "centre", centreId: centre.centreId })) {
    return answer(403, { message: "Only a centre admin can look up the centre's candidates." });
  }
  const params = new URL(request.url).searchParams;
  const { q, enrolled } = Search.parse({
    q: params.get("q") ?? undefined,
    enrolled: params.get("enrolled") ?? undefined,
  });
  return answer(200, await findCandidates(db, actor, centre.centreId, q, { enrolledOnly: enrolled === "1" }));
});
