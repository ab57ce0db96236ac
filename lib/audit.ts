import { asStoredJson, chainIdOf, GENESIS_HASH, linkEvents } from "./audit/chain";
import type { Db } from "./db/client";
import { recordAuditAppends } from "./ops/metrics";

type Tx = Pick<Db, "auditEvent" | "auditChainHead" | "$queryRaw">;

export type AuditInput = {
  actorId: string | null;
  centreId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** When it happened; now if not given. */
  at?: Date;
};

/**
 * Takes the chain's head row until the transaction ends and returns it, creating it at the
 * genesis if the chain is new. The upsert's no-op update is the lock: on PostgreSQL a second
 * writer to the same chain waits here until the first commits, then reads the head the first
 * left (READ COMMITTED re-reads the row); SQLite runs one writer at a time anyway.
 */
async function lockChainHead(tx: Tx, chainId: string): Promise<{ seq: number; hash: string }> {
  const rows = await tx.$queryRaw<Array<{ seq: number | bigint; hash: string }>>`
    INSERT INTO "AuditChainHead" ("chainId", "seq", "hash") VALUES (${chainId}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainId") DO UPDATE SET "seq" = "AuditChainHead"."seq"
    RETURNING "seq", "hash"`;
  const head = rows[0];
  if (!head) throw new Error(`audit chain ${chainId}: no head row`);
  return { seq: Number(head.seq), hash: head.hash };
}

function content(event: AuditInput, at: Date) {
  return {
    centreId: event.centreId,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: asStoredJson(event.before),
    after: asStoredJson(event.after),
    at,
  };
}

/** The row to write: Prisma wants "no value" for a null JSON column, not null. */
function row<E extends ReturnType<typeof content> & { chainId: string; seq: number; prevHash: string; hash: string }>(
  link: E,
) {
  return {
    ...link,
    before: link.before === null ? undefined : (link.before as object),
    after: link.after === null ? undefined : (link.after as object),
  };
}

/**
 * Appends an AuditEvent to its chain (its centre's, or the platform's); call it with the
 * transaction client that makes the change. It holds the chain's head until that transaction
 * ends, so make it one of the transaction's last writes.
 */
export async function recordAudit(tx: Tx, event: AuditInput) {
  const chainId = chainIdOf(event.centreId);
  const head = await lockChainHead(tx, chainId);
  const { linked, head: next } = linkEvents(chainId, head, [content(event, event.at ?? new Date())]);
  const created = await tx.auditEvent.create({ data: row(linked[0]!) });
  await tx.auditChainHead.update({ where: { chainId }, data: next });
  recordAuditAppends(1);
  return created;
}

/**
 * Appends many events in one insert per chain, in the order given (for imports and seeds).
 * Chains are locked in id order so two bulk writers cannot deadlock on each other.
 */
export async function recordAudits(tx: Tx, events: AuditInput[]): Promise<void> {
  const now = new Date();
  const byChain = new Map<string, ReturnType<typeof content>[]>();
  for (const event of events) {
    const chainId = chainIdOf(event.centreId);
    const list = byChain.get(chainId) ?? [];
    list.push(content(event, event.at ?? now));
    byChain.set(chainId, list);
  }
  for (const chainId of [...byChain.keys()].sort()) {
    const head = await lockChainHead(tx, chainId);
    const { linked, head: next } = linkEvents(chainId, head, byChain.get(chainId)!);
    await tx.auditEvent.createMany({ data: linked.map(row) });
    await tx.auditChainHead.update({ where: { chainId }, data: next });
    recordAuditAppends(linked.length);
  }
}
