import crypto from "node:crypto";

// The audit log's hash chain (docs/decisions/0012-audit-chain.md). Pure: the writer
// (lib/audit.ts), the migration's backfill, the scale seed and the verifier all hash through
// here, so an event hashes the same whoever wrote it and whichever database holds it.

/** The chain of events that belong to no centre (sign-ins, notifications, standards imports). */
export const PLATFORM_CHAIN = "platform";
/** The "previous hash" of a chain's first event. */
export const GENESIS_HASH = "0".repeat(64);

export function chainIdOf(centreId: string | null): string {
  return centreId ?? PLATFORM_CHAIN;
}

export type ChainedContent = {
  chainId: string;
  seq: number;
  prevHash: string;
  centreId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  at: Date;
};

/**
 * A value as the database gives it back: what JSON keeps (no undefined, Dates as ISO strings).
 * Hashing this rather than the caller's object is what makes the write's hash match a re-read.
 */
export function asStoredJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/**
 * JSON with every object's keys sorted (PostgreSQL's jsonb does not keep key order), and the
 * same values JSON.stringify keeps (toJSON, undefined and functions dropped from objects), so
 * hashing a value gives what hashing it after a round trip through the database gives.
 */
export function canonicalJson(input: unknown): string {
  let value = input;
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function")
    value = (value as { toJSON(): unknown }).toJSON();
  if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol") return "null";
  if (typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

export function canonicalForm(event: ChainedContent): string {
  return canonicalFormAt(event, event.at.toISOString());
}

/** One member of the canonical form's object: as canonicalJson writes it, or nothing where it drops the value. */
function member(key: string, value: unknown): string {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return "";
  return `"${key}":${canonicalJson(value)},`;
}

/**
 * The canonical form with the time already as ISO text (the verifier reads it so): the text
 * canonicalJson gives for the object canonicalForm describes, written out with its keys in
 * their sorted order rather than sorting them for every event. tests/unit/audit-canonical.test.ts
 * holds the two equal.
 */
export function canonicalFormAt(event: Omit<ChainedContent, "at">, at: string): string {
  const text =
    member("action", event.action) +
    member("actorId", event.actorId) +
    member("after", event.after ?? null) +
    member("at", at) +
    member("before", event.before ?? null) +
    member("centreId", event.centreId) +
    member("chainId", event.chainId) +
    member("entityId", event.entityId) +
    member("entityType", event.entityType) +
    member("prevHash", event.prevHash) +
    member("seq", event.seq);
  return `{${text.slice(0, -1)}}`;
}

export function hashEvent(event: ChainedContent): string {
  return crypto.hash("sha256", canonicalForm(event), "hex");
}

/** hashEvent for an event whose time is ISO text already. */
export function hashEventAt(event: Omit<ChainedContent, "at">, at: string): string {
  return crypto.hash("sha256", canonicalFormAt(event, at), "hex");
}

/**
 * Links events onto a chain whose last event is `head`, in the order given: each gets the next
 * seq, the previous hash and its own. Returns the links and the new head.
 */
export function linkEvents<E extends Omit<ChainedContent, "chainId" | "seq" | "prevHash">>(
  chainId: string,
  head: { seq: number; hash: string },
  events: E[],
): {
  linked: Array<E & { chainId: string; seq: number; prevHash: string; hash: string }>;
  head: { seq: number; hash: string };
} {
  let { seq, hash } = head;
  const linked = events.map((event) => {
    const link = { ...event, chainId, seq: seq + 1, prevHash: hash };
    const own = hashEvent(link);
    seq = link.seq;
    hash = own;
    return { ...link, hash: own };
  });
  return { linked, head: { seq, hash } };
}
