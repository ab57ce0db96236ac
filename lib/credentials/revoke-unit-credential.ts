import { recordAudit } from "../audit";
import type { Db } from "../db/client";

// Revoking a unit sign-off revokes its credential in the same transaction: revokedAt is what
// sets the credential's bit in the centre's status list (./status-list-credential.ts).

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Revokes the credential of a sign-off, if it has one not yet revoked; returns its id, else null. */
export async function revokeUnitCredential(
  tx: Tx,
  input: { unitSignOffId: string; actorId: string; revokedAt: Date; reason: string },
): Promise<string | null> {
  const credential = await tx.credential.findUnique({
    where: { unitSignOffId: input.unitSignOffId },
    select: { id: true, centreId: true, statusIndex: true, revokedAt: true },
  });
  if (!credential || credential.revokedAt) return null;
  const revoked = await tx.credential.updateMany({
    where: { id: credential.id, revokedAt: null },
    data: { revokedAt: input.revokedAt },
  });
  if (revoked.count !== 1) return null;
  await recordAudit(tx, {
    actorId: input.actorId,
    centreId: credential.centreId,
    action: "credential.revoke",
    entityType: "Credential",
    entityId: credential.id,
    before: { revokedAt: null },
    after: {
      revokedAt: input.revokedAt.toISOString(),
      unitSignOffId: input.unitSignOffId,
      statusIndex: credential.statusIndex,
      reason: input.reason,
    },
  });
  return credential.id;
}
