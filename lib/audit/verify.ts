import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { GENESIS_HASH, hashEvent } from "./chain";

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

const PAGE = 5_000;

const chainedSelect = {
  id: true,
  chainId: true,
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
} as const;

function describe(e: { id: string; seq: number | null; action: string; at: Date }): string {
  return `event ${e.id} (seq ${e.seq}, ${e.action} at ${e.at.toISOString()})`;
}

async function verifyChain(
  db: Db,
  chainId: string,
  head: { seq: number; hash: string } | undefined,
): Promise<{ events: number; problem?: ChainProblem }> {
  const headSeq = head?.seq ?? 0;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let prevId: string | null = null;
  let events = 0;
  const problem = (kind: ChainProblem["kind"], e: { id: string; seq: number | null } | null, message: string) => ({
    events,
    problem: { chainId, kind, eventId: e?.id ?? null, seq: e?.seq ?? null, message: `chain ${chainId}: ${message}` },
  });
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { chainId, seq: { gte: expected } },
      orderBy: { seq: "asc" },
      take: PAGE,
      select: chainedSelect,
    });
    for (const e of page) {
      events++;
      const seq = e.seq as number;
      if (seq > headSeq)
        return problem("inserted", e, `${describe(e)} is past the chain's head (seq ${headSeq}): it was inserted.`);
      if (seq > expected) {
        const gap = seq - 1 > expected ? `events seq ${expected}-${seq - 1} are` : `event seq ${expected} is`;
        return problem("removed", e, `${gap} missing before ${describe(e)}: removed.`);
      }
      if (hashEvent({ ...e, chainId, seq, prevHash: e.prevHash ?? "" }) !== e.hash) {
        return problem("changed", e, `${describe(e)} does not match its hash: it was changed.`);
      }
      if (e.prevHash !== prevHash) {
        return problem(
          "inserted",
          e,
          `${describe(e)} does not follow ${prevId ? `event ${prevId}` : "the chain's start"}: it was inserted (or replaced the event before it).`,
        );
      }
      prevHash = e.hash as string;
      prevId = e.id;
      expected = seq + 1;
    }
    if (page.length < PAGE) break;
  }
  if (expected - 1 < headSeq) {
    const gap = headSeq > expected ? `events seq ${expected}-${headSeq} are` : `event seq ${headSeq} is`;
    return problem(
      "removed",
      null,
      `${gap} missing at the end (after ${prevId ? `event ${prevId}` : "the chain's start"}): removed.`,
    );
  }
  if (head && head.hash !== prevHash)
    return problem(
      "changed",
      prevId ? { id: prevId, seq: headSeq } : null,
      `the chain's head does not match its last event ${prevId}: it was changed.`,
    );
  return { events };
}

/** Verifies every chain, or only the given ones (a centre admin's "verify now"). */
export async function verifyAuditChains(
  db: Db,
  only?: { chainIds: string[]; centreIds: Array<string | null> },
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
    const result = await verifyChain(db, chainId, headOf.get(chainId));
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
