import { describe, expect, it } from "vitest";
import { canonicalForm, canonicalJson, GENESIS_HASH, hashEvent, linkEvents } from "@/lib/audit/chain";

// An event must hash the same before it is written and after the database gives it back:
// PostgreSQL's jsonb reorders keys, and JSON drops undefined and turns Dates into strings.

const base = {
  centreId: "c",
  actorId: "a",
  action: "x.y",
  entityType: "T",
  entityId: "1",
  before: null,
  at: new Date("2026-11-23T10:00:00.123Z"),
};

describe("the canonical form", () => {
  it("sorts keys at every depth and keeps what JSON keeps", () => {
    expect(
      canonicalJson({ b: 1, a: { d: [3, { f: 1, e: undefined }], c: new Date("2026-01-01T00:00:00Z") }, z: undefined }),
    ).toBe('{"a":{"c":"2026-01-01T00:00:00.000Z","d":[3,{"f":1}]},"b":1}');
  });

  it("hashes an event the same after a round trip through JSON with its keys reordered", () => {
    const written = {
      ...base,
      after: { title: "Ä & ☃", when: new Date("2026-01-01T00:00:00Z"), gone: undefined, n: 1.5 },
    };
    const [link] = linkEvents("c", { seq: 0, hash: GENESIS_HASH }, [written]).linked;
    const reread = { ...link!, after: { n: 1.5, when: "2026-01-01T00:00:00.000Z", title: "Ä & ☃" } };
    expect(hashEvent(reread)).toBe(link!.hash);
    expect(hashEvent({ ...reread, after: { ...reread.after, n: 2 } })).not.toBe(link!.hash);
  });

  it("links events in order: each follows the one before", () => {
    const { linked, head } = linkEvents("c", { seq: 4, hash: "f".repeat(64) }, [
      { ...base, after: 1 },
      { ...base, after: 2 },
    ]);
    expect(linked.map((l) => [l.seq, l.prevHash])).toEqual([
      [5, "f".repeat(64)],
      [6, linked[0]!.hash],
    ]);
    expect(head).toEqual({ seq: 6, hash: linked[1]!.hash });
  });

  it("writes the form with its keys in sorted order exactly as canonicalJson does, whatever the values", () => {
    const values = [
      null,
      undefined,
      "",
      'é ☃ "q"\n\u2028',
      0,
      -1.5,
      1e21,
      true,
      [],
      {},
      { b: [{ d: 1, c: null }], a: "x" },
    ];
    for (const value of values) {
      const event = {
        chainId: "c",
        seq: 12,
        prevHash: GENESIS_HASH,
        centreId: value === undefined ? null : "c",
        actorId: value as string | null,
        action: "x.y",
        entityType: "T",
        entityId: value === undefined ? undefined : "1",
        before: value,
        after: { nested: value },
        at: base.at,
      } as Parameters<typeof canonicalForm>[0];
      expect(canonicalForm(event)).toBe(
        canonicalJson({
          ...event,
          before: event.before ?? null,
          after: event.after ?? null,
          at: event.at.toISOString(),
        }),
      );
    }
  });

  it("hashes an event as the chains already written were hashed", () => {
    // Computed by the first version of the chain (before the verifier was made faster): existing
    // chains verify only while this holds.
    const event = {
      chainId: "centre-1",
      seq: 7,
      prevHash: "ab".repeat(32),
      centreId: "centre-1",
      actorId: "user-1",
      action: "decision.sign",
      entityType: "Decision",
      entityId: "d-1",
      before: { z: [1, "two", null], a: 'é ☃ "q"\n' },
      after: null,
      at: new Date("2026-11-23T10:00:00.123Z"),
    };
    expect(hashEvent(event)).toBe("8626aeb241f925f8eb2da5c590a27c722a52e1bd9eb6c2f2a978e68f481e45ac");
  });
});
