import { db } from "@/lib/db";
import { jsonMessage, publicText, signingUnavailable } from "@/lib/credentials/http";
import { signedStatusList } from "@/lib/credentials/status-list-credential";
import { credentialBaseUrl } from "@/lib/credentials/urls";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ centreId: string }> };

/**
 * GET /issuers/{centreId}/status: the centre's revocation list, a BitstringStatusListCredential
 * signed as a VC-JWT. Public on purpose: anyone holding one of the centre's credentials must be
 * able to check it. It shows which list positions are revoked, nothing about whose they are.
 */
export const GET = withRouteLog("/issuers/[centreId]/status", async (_request: Request, { params }: Params) => {
  const { centreId } = await params;
  try {
    const jwt = await signedStatusList(db, centreId, { baseUrl: credentialBaseUrl(), now: new Date() });
    return jwt ? publicText(jwt, "application/vc+jwt") : jsonMessage(404, "There is no issuer with this address.");
  } catch (error) {
    return signingUnavailable(error);
  }
});
