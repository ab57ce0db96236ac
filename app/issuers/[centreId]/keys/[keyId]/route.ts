import { db } from "@/lib/db";
import { issuerKey } from "@/lib/credentials/issuer-documents";
import { jsonMessage, publicJson, signingUnavailable } from "@/lib/credentials/http";
import { credentialBaseUrl } from "@/lib/credentials/urls";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ centreId: string; keyId: string }> };

/**
 * GET /issuers/{centreId}/keys/{keyId}: one public key as a JWK, what a credential's kid names.
 * Public on purpose, like the JWKS it is part of.
 */
export const GET = withRouteLog("/issuers/[centreId]/keys/[keyId]", async (_request: Request, { params }: Params) => {
  const { centreId, keyId } = await params;
  try {
    const jwk = await issuerKey(db, centreId, keyId, credentialBaseUrl());
    return jwk ? publicJson(jwk) : jsonMessage(404, "There is no such key.");
  } catch (error) {
    return signingUnavailable(error);
  }
});
