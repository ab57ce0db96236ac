import { packResponse } from "@/lib/packs/http";
import { withRouteLog } from "@/lib/ops/log-route";

// One portfolio's evidence pack: its candidate's at any time, and its assessor's, IQA's and admins'.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ enrolmentId: string }> };

export const GET = withRouteLog("/api/packs/enrolments/[enrolmentId]", async (_request: Request, { params }: Params) =>
  packResponse({ kind: "enrolment", id: (await params).enrolmentId }),
);
