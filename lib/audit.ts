import { asStoredJson, chainIdOf, GENESIS_HASH, linkEvents } from "./audit/chain";
import { newAuditEventId } from "./audit/event-id";
import type { Db } from "./db/client";
import { providerOfClient, type Provider } from "./db/provider";
import { recordAuditAppends } from "./ops/metrics";

type Tx = Pick<Db, "auditEvent" | "auditChainHead" | "$queryRaw" | "$executeRaw">;
type Head = { seq: number; hash: string };

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
async function lockChainHead(tx: Tx, chainId: string): Promise<Head> {
  const rows = await tx.$queryRaw<Array<{ seq: number | bigint; hash: string }>>`
    INSERT INTO "AuditChainHead" ("chainId", "seq", "hash") VALUES (${chainId}, 0, ${GENESIS_HASH})
    ON CONFLICT ("chainId") DO UPDATE SET "seq" = "AuditChainHead"."seq"
    RETURNING "seq", "hash"`;
  const head = rows[0];
  if (!head) throw new Error(`audit chain ${chainId}: no head row`);
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * The head each chain had after this process's last append to it: a guess, never trusted.
 * An append linked onto it only lands if the database's head is exactly that (see appendAfter),
 * so a guess made stale by another process, or by a transaction that rolled back, costs one
 * statement that changes nothing, then the locking path.
 */
const knownHeads = new Map<string, Head>();

function rememberHead(chainId: string, head: Head) {
  if (knownHeads.size >= 10_000 && !knownHeads.has(chainId)) knownHeads.clear();
  knownHeads.set(chainId, head);
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

type Link = ReturnType<typeof linkEvents<ReturnType<typeof content>>>["linked"][number];

/** The row to write: Prisma wants "no value" for a null JSON column, not null. */
function row(link: Link) {
  return {
    ...link,
    before: link.before === null ? undefined : (link.before as object),
    after: link.after === null ? undefined : (link.after as object),
  };
}

const jsonText = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * PostgreSQL, one statement: moves the head from `prev` to `next` only if it is still at `prev`
 * (an UPDATE waits for a concurrent writer's lock, then re-checks its condition against what
 * that writer committed), and inserts the event only if the head moved. Returns rows inserted.
 */
function appendPostgres(tx: Tx, id: string, link: Link, next: Head): Promise<number> {
  return tx.$executeRaw`
    WITH "moved" AS (
      UPDATE "AuditChainHead" SET "seq" = ${next.seq}, "hash" = ${next.hash}
      WHERE "chainId" = ${link.chainId} AND "seq" = ${link.seq - 1} AND "hash" = ${link.prevHash}
      RETURNING 1
    )
    INSERT INTO "AuditEvent" ("id", "chainId", "seq", "prevHash", "hash", "centreId", "actorId", "action",
      "entityType", "entityId", "before", "after", "at")
    SELECT ${id}, ${link.chainId}, ${link.seq}::int, ${link.prevHash}, ${link.hash}, ${link.centreId},
      ${link.actorId}, ${link.action}, ${link.entityType}, ${link.entityId}, ${jsonText(link.before)}::jsonb,
      ${jsonText(link.after)}::jsonb, ${link.at}::timestamp(3)
    FROM "moved"`;
}

/** SQLite (no writes inside WITH): the same condition on the head, then the insert. */
async function appendSqlite(tx: Tx, id: string, link: Link, next: Head): Promise<number> {
  const moved = await tx.$executeRaw`
    UPDATE "AuditChainHead" SET "seq" = ${next.seq}, "hash" = ${next.hash}
    WHERE "chainId" = ${link.chainId} AND "seq" = ${link.seq - 1} AND "hash" = ${link.prevHash}`;
  if (moved !== 1) return 0;
  return tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "chainId", "seq", "prevHash", "hash", "centreId", "actorId", "action",
      "entityType", "entityId", "before", "after", "at")
    VALUES (${id}, ${link.chainId}, ${link.seq}, ${link.prevHash}, ${link.hash}, ${link.centreId}, ${link.actorId},
      ${link.action}, ${link.entityType}, ${link.entityId}, ${jsonText(link.before)}, ${jsonText(link.after)}, ${link.at})`;
}

/** Links the event onto `prev` and writes it if the chain's head is still `prev`; false if it is not. */
async function appendAfter(tx: Tx, provider: Provider, prev: Head, id: string, body: ReturnType<typeof content>) {
  const chainId = chainIdOf(body.centreId);
  const { linked, head } = linkEvents(chainId, prev, [body]);
  const link = linked[0]!;
  const inserted = await (provider === "postgresql" ? appendPostgres : appendSqlite)(tx, id, link, head);
  if (inserted !== 1) return null;
  rememberHead(chainId, head);
  return { id, chainId, seq: link.seq, hash: link.hash };
}

/**
 * Appends an AuditEvent to its chain (its centre's, or the platform's); call it with the
 * transaction client that makes the change. It holds the chain's head until that transaction
 * ends, so make it one of the transaction's last writes.
 *
 * One statement when this process wrote the chain's last event (the usual case): the event is
 * linked onto the head it left, and written only if the head is still there. Otherwise the head
 * is locked and read first (docs/decisions/0012-audit-chain.md, "Cost").
 */
export async function recordAudit(
  tx: Tx,
  event: AuditInput,
): Promise<{ id: string; chainId: string; seq: number; hash: string }> {
  const provider = providerOfClient(tx);
  const body = content(event, event.at ?? new Date());
  const chainId = chainIdOf(event.centreId);
  const id = newAuditEventId();
  const known = knownHeads.get(chainId);
  let written = known ? await appendAfter(tx, provider, known, id, body) : null;
  if (!written) written = await appendAfter(tx, provider, await lockChainHead(tx, chainId), id, body);
  if (!written) throw new Error(`audit chain ${chainId}: its head moved while this transaction held it`);
  recordAuditAppends(1);
  return written;
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
    rememberHead(chainId, next);
    recordAuditAppends(linked.length);
  }
}

/** For tests and the bench: forget every remembered head, as a freshly started process would. */
export function forgetAuditChainHeads(): void {
  knownHeads.clear();
}
