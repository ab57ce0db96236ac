// Parsing of an HTTP Range request header (RFC 9110 section 14) for one representation of a
// known size. Only single byte ranges are served; anything else gets the whole file, which
// the RFC allows (a server may always ignore Range).

export type RangeDecision =
  /** No usable Range: send 200 with the whole file. */
  | { kind: "whole" }
  /** Send 206 with bytes start..end inclusive. */
  | { kind: "partial"; start: number; end: number }
  /** Send 416 with `Content-Range: bytes *\/size`. */
  | { kind: "unsatisfiable" };

const whole = { kind: "whole" } as const;
const unsatisfiable = { kind: "unsatisfiable" } as const;
const digits = /^\d+$/;

export function parseRange(header: string | null | undefined, size: number): RangeDecision {
  if (!header) return whole;
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  // Another unit, or no "bytes=" at all: ignored.
  if (!match) return whole;
  const specs = (match[1] ?? "").split(",").map((part) => part.trim());
  // Multiple ranges would need multipart/byteranges; the whole file is the simple, valid answer.
  if (specs.length !== 1) return whole;
  const spec = specs[0] ?? "";
  const dash = spec.indexOf("-");
  if (dash < 0) return whole;
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();

  if (first === "") {
    // "-n": the last n bytes.
    if (!digits.test(last)) return whole;
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return unsatisfiable;
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }

  if (!digits.test(first) || (last !== "" && !digits.test(last))) return whole;
  const start = Number(first);
  const end = last === "" ? Infinity : Number(last);
  // "5-2" is invalid, not unsatisfiable: the RFC says to ignore the header.
  if (end < start) return whole;
  if (start >= size) return unsatisfiable;
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

export function contentRangeHeader(decision: RangeDecision, size: number): string | null {
  if (decision.kind === "partial") return `bytes ${decision.start}-${decision.end}/${size}`;
  if (decision.kind === "unsatisfiable") return `bytes */${size}`;
  return null;
}
