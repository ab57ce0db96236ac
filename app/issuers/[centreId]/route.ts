import { db } from "@/lib/db";
import { issuerProfile } from "@/lib/credentials/issuer-documents";
import { jsonMessage, publicJson, signingUnavailable } from "@/lib/credentials/http";
import { credentialBaseUrl } from "@/lib/credentials/urls";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ centreId: string }> };

/**
 * GET /issuers/{centreId}: the centre's Open Badges issuer Profile, the issuer.id of its
 * credentials. Public on purpose (anyone checking a credential reads it); only a centre that has
 * issued has one, and it says nothing but the name its credentials already carry.
 */
export const GET = withRouteLog("/issuers/[centreId]", async (_request: Request, { params }: Params) => {
  const { centreId } = await params;
  try {
    const profile = await issuerProfile(db, centreId, credentialBaseUrl());
    return profile ? publicJson(profile) : jsonMessage(404, "There is no issuer with this address.");
  } catch (error) {
    return signingUnavailable(error);
  }
});
