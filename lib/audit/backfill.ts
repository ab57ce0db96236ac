import { GENESIS_HASH, linkEvents } from "./chain";

// The audit_chain migration's TypeScript step: the SQL gave every existing event its chain and
// seq (in the order they happened); SQLite cannot compute SHA-256, so the hashes and the chains'
// heads are computed here, inside the migration's own transaction (lib/db/migration-hooks.ts).

/** A connection already inside the migration's transaction; `?` placeholders. */
export type SqlRunner = {
  provider: "sqlite" | "postgresql";
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

type Row = {
  id: string;
  chainId: string;
  seq: number | string;
  centreId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  at: string | number;
};

const BATCH = 5_000;

function columns(provider: SqlRunner["provider"]): string {
  // Read JSON as text and the time as UTC ISO on both, so both hash the same content.
  return provider === "postgresql"
    ? `"before"::text AS "before", "after"::text AS "after", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at"`
    : `"before", "after", "at"`;
}

async function writeHashes(run: SqlRunner, links: Array<{ id: string; prevHash: string; hash: string }>) {
  if (run.provider === "postgresql") {
    await run.query(
      `UPDATE "AuditEvent" AS e SET "prevHash" = u.p, "hash" = u.h FROM unnest(?::text[], ?::text[], ?::text[]) AS u(id, p, h) WHERE e."id" = u.id`,
      [links.map((l) => l.id), links.map((l) => l.prevHash), links.map((l) => l.hash)],
    );
    return;
  }
  for (const l of links)
    await run.query(`UPDATE "AuditEvent" SET "prevHash" = ?, "hash" = ? WHERE "id" = ?`, [l.prevHash, l.hash, l.id]);
}

/** Hashes every chained-but-unhashed event in (chainId, seq) order and records each chain's head. Returns how many. */
export async function hashExistingAuditEvents(run: SqlRunner): Promise<number> {
  let chainId = "";
  let head = { seq: 0, hash: GENESIS_HASH };
  let done = 0;
  const closeChain = async () => {
    if (chainId)
      await run.query(`INSERT INTO "AuditChainHead" ("chainId", "seq", "hash") VALUES (?, ?, ?)`, [
        chainId,
        head.seq,
        head.hash,
      ]);
  };
  for (;;) {
    const rows = await run.query<Row>(
      `SELECT "id", "chainId", "seq", "centreId", "actorId", "action", "entityType", "entityId", ${columns(run.provider)}
       FROM "AuditEvent" WHERE "hash" IS NULL AND ("chainId" > ? OR ("chainId" = ? AND "seq" > ?))
       ORDER BY "chainId", "seq" LIMIT ${BATCH}`,
      [chainId, chainId, head.seq],
    );
    if (rows.length === 0) break;
    const links: Array<{ id: string; prevHash: string; hash: string }> = [];
    for (const row of rows) {
      if (row.chainId !== chainId) {
        await closeChain();
        chainId = row.chainId;
        head = { seq: 0, hash: GENESIS_HASH };
      }
      const event = {
        centreId: row.centreId,
        actorId: row.actorId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before === null ? null : JSON.parse(row.before),
        after: row.after === null ? null : JSON.parse(row.after),
        at: new Date(row.at),
      };
      const { linked, head: next } = linkEvents(chainId, head, [event]);
      if (next.seq !== Number(row.seq))
        throw new Error(`audit backfill: chain ${chainId} expected seq ${next.seq}, found ${row.seq}`);
      links.push({ id: row.id, prevHash: linked[0]!.prevHash, hash: linked[0]!.hash });
      head = next;
    }
    await writeHashes(run, links);
    done += links.length;
  }
  await closeChain();
  return done;
}
