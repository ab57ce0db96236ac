import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { providerOfClient } from "../db/provider";
import { GENESIS_HASH, hashEventAt } from "./chain";

// Walks audit chains from their first event to their head and names the first event that
// breaks each: changed (its content no longer gives its hash), removed (a gap in the sequence,
// or a head beyond the last event) or inserted (an event past the head, one that does not
// follow its predecessor, or a row that is on no chain at all).

export type ChainProblem = {
  chainId: string | null;
  kind: "changed" | "removed" | "inserted";
  eventId: string | null;
  seq: number | null;
  message: string;
};

export type VerifyReport = { ok: boolean; chains: number; events: number; problems: ChainProblem[] };

/**
 * The verifier reads a chain in ranges of this many seqs (a page; fewer events where some are
 * missing), the next while it hashes this one. Small enough that a page's objects die young:
 * 20,000 cost a quarter more CPU, most of it in the garbage collector. Tests pass a smaller one
 * to cross page boundaries.
 */
export const VERIFY_PAGE = 2_000;

/** What the verifier reads of an event: what is hashed, its id, and its time as ISO text. */
type StoredEvent = {
  id: string;
  chainId: string;
  seq: number;
  prevHash: string | null;
  hash: string | null;
  centreId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: string;
};

/**
 * PostgreSQL: each event as one JSON object text built by the database, the time already ISO
 * text, parsed straight into the shape the walk uses. One column a row decodes several times
 * faster than a dozen (the driver's timestamp and per-column conversions were most of the
 * verifier's time); aggregating a whole page into one value was slower again, on the database's
 * side. A range of seqs, not ORDER BY ... LIMIT: on a small chain the planner sorted the whole
 * chain (on disk) to return its first page; this process sorts the page instead.
 */
async function readPagePostgres(db: Db, chainId: string, from: number, to: number): Promise<StoredEvent[]> {
  const rows = await db.$queryRaw<Array<{ e: string }>>`
    SELECT json_build_object('id', "id", 'chainId', "chainId", 'seq', "seq", 'prevHash', "prevHash", 'hash', "hash",
      'centreId', "centreId", 'actorId', "actorId", 'action', "action", 'entityType', "entityType",
      'entityId', "entityId", 'before', "before", 'after', "after",
      'at', to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text AS "e"
    FROM "AuditEvent" WHERE "chainId" = ${chainId} AND "seq" >= ${from} AND "seq" < ${to}`;
  return rows.map(({ e }) => JSON.parse(e) as StoredEvent).sort((a, b) => a.seq - b.seq);
}

/** SQLite: the client runs in this process, so there is nothing to save on the wire. */
async function readPageSqlite(db: Db, chainId: string, from: number, to: number): Promise<StoredEvent[]> {
  const rows = await db.auditEvent.findMany({
    where: { chainId, seq: { gte: from, lt: to } },
    orderBy: { seq: "asc" },
    select: {
      id: true,
      seq: true,
      prevHash: true,
      hash: true,
      centreId: true,
      actorId: true,
      action: true,
      entityType: true,
      entityId: true,
      before: true,
      after: true,
      at: true,
    },
  });
  return rows.map((r) => ({ ...r, chainId, seq: r.seq as number, at: r.at.toISOString() }));
}

/** The lowest seq at or above `from` on the chain, or null: where to read next after a range with no events. */
async function nextSeq(db: Db, chainId: string, from: number): Promise<number | null> {
  const { _min } = await db.auditEvent.aggregate({ where: { chainId, seq: { gte: from } }, _min: { seq: true } });
  return _min.seq;
}

/**
 * A chain's events in seq order, a page at a time, reading the next page while the caller works
 * on this one. It starts at the chain's lowest seq (below 1 is an insertion to report) and skips
 * ranges with no events, so a forged seq far ahead costs one lookup, not a walk to it.
 */
export async function* chainEvents(db: Db, chainId: string, pageSize = VERIFY_PAGE): AsyncGenerator<StoredEvent[]> {
  const read = providerOfClient(db) === "postgresql" ? readPagePostgres : readPageSqlite;
  const { _min, _max } = await db.auditEvent.aggregate({
    where: { chainId },
    _min: { seq: true },
    _max: { seq: true },
  });
  if (_min.seq === null || _max.seq === null) return;
  const last = _max.seq;
  let from: number | null = _min.seq;
  let next: Promise<StoredEvent[]> | null = read(db, chainId, from, from + pageSize);
  while (next && from !== null) {
    const page: StoredEvent[] = await next;
    from += pageSize;
    if (page.length === 0) from = await nextSeq(db, chainId, from);
    next = from !== null && from <= last ? read(db, chainId, from, from + pageSize) : null;
    // A page nobody waits for (the caller stopped at a problem) must not become an unhandled rejection.
    next?.catch(() => {});
    if (page.length) yield page;
  }
}

function describe(e: { id: string; seq: number | null; action: string; at: Date | string }): string {
  const at = typeof e.at === "string" ? e.at : e.at.toISOString();
  return `event ${e.id} (seq ${e.seq}, ${e.action} at ${at})`;
}

type ChainWalk = {
  chainId: string;
  headSeq: number;
  expected: number;
  prevHash: string;
  prevId: string | null;
  events: number;
};

/** Checks one event against the walk so far; a problem, or nothing and the walk moves on. */
function checkEvent(walk: ChainWalk, e: StoredEvent): [ChainProblem["kind"], string] | null {
  walk.events++;
  const { seq } = e;
  if (seq < walk.expected)
    return ["inserted", `${describe(e)} comes before the chain's first event (seq 1): it was inserted.`];
  if (seq > walk.headSeq)
    return ["inserted", `${describe(e)} is past the chain's head (seq ${walk.headSeq}): it was inserted.`];
  if (seq > walk.expected) {
    const gap =
      seq - 1 > walk.expected ? `events seq ${walk.expected}-${seq - 1} are` : `event seq ${walk.expected} is`;
    return ["removed", `${gap} missing before ${describe(e)}: removed.`];
  }
  // A null prevHash is written "null" rather than "": either way it cannot match a hash.
  if (hashEventAt(e as StoredEvent & { prevHash: string }, e.at) !== e.hash)
    return ["changed", `${describe(e)} does not match its hash: it was changed.`];
  if (e.prevHash !== walk.prevHash) {
    const before = walk.prevId ? `event ${walk.prevId}` : "the chain's start";
    return ["inserted", `${describe(e)} does not follow ${before}: it was inserted (or replaced the event before it).`];
  }
  walk.prevHash = e.hash as string;
  walk.prevId = e.id;
  walk.expected = seq + 1;
  return null;
}

/** After the last event: the head must sit on it. */
function checkEnd(walk: ChainWalk, head: { seq: number; hash: string } | undefined) {
  const { expected, headSeq, prevId } = walk;
  if (expected - 1 < headSeq) {
    const gap = headSeq > expected ? `events seq ${expected}-${headSeq} are` : `event seq ${headSeq} is`;
    const after = prevId ? `event ${prevId}` : "the chain's start";
    return { kind: "removed" as const, e: null, message: `${gap} missing at the end (after ${after}): removed.` };
  }
  if (head && head.hash !== walk.prevHash)
    return {
      kind: "changed" as const,
      e: prevId ? { id: prevId, seq: headSeq } : null,
      message: `the chain's head does not match its last event ${prevId}: it was changed.`,
    };
  return null;
}

async function verifyChain(
  db: Db,
  chainId: string,
  head: { seq: number; hash: string } | undefined,
  pageSize: number,
): Promise<{ events: number; problem?: ChainProblem }> {
  const walk: ChainWalk = {
    chainId,
    headSeq: head?.seq ?? 0,
    expected: 1,
    prevHash: GENESIS_HASH,
    prevId: null,
    events: 0,
  };
  const problem = (kind: ChainProblem["kind"], e: { id: string; seq: number | null } | null, message: string) => ({
    events: walk.events,
    problem: { chainId, kind, eventId: e?.id ?? null, seq: e?.seq ?? null, message: `chain ${chainId}: ${message}` },
  });
  for await (const page of chainEvents(db, chainId, pageSize)) {
    for (const e of page) {
      const found = checkEvent(walk, e);
      if (found) return problem(found[0], e, found[1]);
    }
  }
  const end = checkEnd(walk, head);
  return end ? problem(end.kind, end.e, end.message) : { events: walk.events };
}

/** Verifies every chain, or only the given ones (a centre admin's "verify now"). */
export async function verifyAuditChains(
  db: Db,
  only?: { chainIds: string[]; centreIds: Array<string | null> },
  options: { pageSize?: number } = {},
): Promise<VerifyReport> {
  const heads = await db.auditChainHead.findMany({ where: only ? { chainId: { in: only.chainIds } } : {} });
  const used = await db.auditEvent.groupBy({
    by: ["chainId"],
    where: { chainId: only ? { in: only.chainIds } : { not: null } },
  });
  const headOf = new Map(heads.map((h) => [h.chainId, h]));
  const chainIds = [...new Set([...heads.map((h) => h.chainId), ...used.map((u) => u.chainId as string)])].sort();

  const problems: ChainProblem[] = [];
  let events = 0;
  for (const chainId of chainIds) {
    const result = await verifyChain(db, chainId, headOf.get(chainId), options.pageSize ?? VERIFY_PAGE);
    events += result.events;
    if (result.problem) problems.push(result.problem);
  }
  // Rows on no chain were written around recordAudit: nothing vouches for them.
  const unchained = await db.auditEvent.findMany({
    where: {
      OR: [{ chainId: null }, { seq: null }, { hash: null }],
      ...(only ? { centreId: { in: only.centreIds.filter((c) => c !== null) } } : {}),
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: 10,
    select: { id: true, seq: true, action: true, at: true, chainId: true },
  });
  for (const e of unchained) {
    problems.push({
      chainId: e.chainId,
      kind: "inserted",
      eventId: e.id,
      seq: e.seq,
      message: `${describe(e)} is on no chain: it was inserted.`,
    });
  }
  return { ok: problems.length === 0, chains: chainIds.length, events, problems };
}

/**
 * "Verify now" in the viewer: a centre admin verifies their centre's chain, a platform admin
 * ("*") every chain. Says how many events are intact, or names the first broken one.
 */
export async function verifyNow(db: Db, actor: Actor, centreId: string): Promise<{ ok: boolean; message: string }> {
  authorize(actor, "audit.read", { kind: "centre", centreId });
  const report = await verifyAuditChains(
    db,
    centreId === "*" ? undefined : { chainIds: [centreId], centreIds: [centreId] },
  );
  if (report.ok) {
    const chains = centreId === "*" ? ` on ${report.chains} chain${report.chains === 1 ? "" : "s"}` : "";
    return {
      ok: true,
      message: `Chain intact: ${report.events} event${report.events === 1 ? "" : "s"}${chains}, each matching its hash and following the one before.`,
    };
  }
  const [first] = report.problems;
  const more =
    report.problems.length > 1
      ? ` (${report.problems.length - 1} more problem${report.problems.length > 2 ? "s" : ""} on other chains: run npm run audit:verify for all of them)`
      : "";
  return {
    ok: false,
    message: `Chain broken: ${first!.message}${more} Tell your platform administrator; the events before it are still verified.`,
  };
}
