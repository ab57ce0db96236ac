import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { createSigningKey } from "./signing-keys";
import { credentialBaseUrl, credentialUrls } from "./urls";

// A centre admin replaces the centre's signing key (after a suspected leak, or a lost
// CREDENTIAL_KEY_SECRET). The old key is retired, not deleted: it stays in the JWKS, so every
// credential it signed still verifies; new credentials and the status list use the new key.

export type RotatedKey = { keyId: string; kid: string; retiredKeyIds: string[] };

export async function rotateSigningKey(db: Db, actor: Actor, centreId: string, now = new Date()): Promise<RotatedKey> {
  authorize(actor, "credential.rotateKey", { kind: "centre", centreId }, now);
  const baseUrl = credentialBaseUrl();
  return db.$transaction(async (tx) => {
    const current = await tx.centreSigningKey.findMany({
      where: { centreId, retiredAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    await tx.centreSigningKey.updateMany({ where: { centreId, retiredAt: null }, data: { retiredAt: now } });
    const key = await createSigningKey(tx, centreId, now);
    const retiredKeyIds = current.map((k) => k.id);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "credential.rotateKey",
      entityType: "CentreSigningKey",
      entityId: key.id,
      before: { currentKeyIds: retiredKeyIds },
      after: { currentKeyId: key.id, retiredAt: now.toISOString() },
    });
    return { keyId: key.id, kid: credentialUrls(baseUrl).key(centreId, key.id), retiredKeyIds };
  });
}
