import { packResponse } from "@/lib/packs/http";
import { withRouteLog } from "@/lib/ops/log-route";

// The evidence pack of an EQA visit, for its EQA during its days (lib/packs/build.ts).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ visitId: string }> };

export const GET = withRouteLog("/api/packs/visits/[visitId]", async (_request: Request, { params }: Params) =>
  packResponse({ kind: "visit", id: (await params).visitId }),
);
