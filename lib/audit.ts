import type { Db } from "./db/client";

type Tx = Pick<Db, "auditEvent">;

export type AuditInput = {
  actorId: string | null;
  centreId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends an AuditEvent; call it with the transaction client that makes the change. */
export function recordAudit(tx: Tx, event: AuditInput) {
  return tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      centreId: event.centreId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before === undefined ? undefined : (event.before as object),
      after: event.after === undefined ? undefined : (event.after as object),
    },
  });
}
