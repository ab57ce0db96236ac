import { describe, expect, it } from "vitest";
import { newAuditEventId } from "@/lib/audit/event-id";

// The viewer orders events by (at, id): ids written in the same millisecond must sort in the
// order they were written, and later ones after earlier ones, like the cuids Prisma writes.

describe("audit event ids", () => {
  it("are 25 characters like a cuid and sort in the order they were made, within and across milliseconds", () => {
    const ids = [
      ...Array.from({ length: 50 }, () => newAuditEventId(1_800_000_000_000)),
      ...Array.from({ length: 50 }, () => newAuditEventId(1_800_000_000_001)),
    ];
    expect(ids.every((id) => /^c[0-9a-z]{24}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
