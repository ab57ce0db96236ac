import crypto from "node:crypto";

// Ids for audit events written with raw SQL (lib/audit.ts), shaped like the cuids Prisma gives
// the rest: "c", the time in ms (base 36, 8 characters), a per-process counter (4) and 12 random
// characters, 25 in all. Time and counter first, so ordering the log by (at, id), as the viewer
// does, keeps events of the same millisecond in the order this process wrote them.

let counter = 0;
const COUNTER_SPAN = 36 ** 4;

export function newAuditEventId(now = Date.now()): string {
  counter = (counter + 1) % COUNTER_SPAN;
  const random = crypto.randomBytes(8).readBigUInt64BE().toString(36).padStart(13, "0").slice(-12);
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}
