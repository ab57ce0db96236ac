import { db } from "@/lib/db";
import { issuerJwks } from "@/lib/credentials/issuer-documents";
import { jsonMessage, publicJson, signingUnavailable } from "@/lib/credentials/http";
import { credentialBaseUrl } from "@/lib/credentials/urls";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ centreId: string }> };

/**
 * GET /issuers/{centreId}/jwks: the public keys the centre has signed with, current and retired
 * (a retired key still verifies what it signed). Public on purpose: public keys are for everyone.
 */
export const GET = withRouteLog("/issuers/[centreId]/jwks", async (_request: Request, { params }: Params) => {
  const { centreId } = await params;
  try {
    const jwks = await issuerJwks(db, centreId, credentialBaseUrl());
    return jwks ? publicJson(jwks) : jsonMessage(404, "There is no issuer with this address.");
  } catch (error) {
    return signingUnavailable(error);
  }
});
