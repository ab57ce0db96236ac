import { packResponse } from "@/lib/packs/http";
import { withRouteLog } from "@/lib/ops/log-route";

// The evidence pack of an IQA sampling plan's enrolments, for its IQA and the centre's admins.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ planId: string }> };

export const GET = withRouteLog("/api/packs/plans/[planId]", async (_request: Request, { params }: Params) =>
  packResponse({ kind: "samplingPlan", id: (await params).planId }),
);
