import { describe, expect, it } from "vitest";
import { beginUpload } from "@/lib/evidence/uploads-in-flight";

describe("uploads in flight", () => {
  it("counts what the candidate's other uploads hold, and not other candidates'", () => {
    const first = beginUpload("cand-a");
    const second = beginUpload("cand-a");
    const elsewhere = beginUpload("cand-b");
    first.hold(300);
    first.hold(200); // never less than held already
    second.hold(50);
    elsewhere.hold(1000);
    expect(second.othersBytes()).toBe(300);
    expect(first.othersBytes()).toBe(50);

    first.end();
    first.end();
    expect(second.othersBytes()).toBe(0);
    second.end();
    elsewhere.end();
  });

  it("counts a file recorded after an upload began, once, and takes it back if its row is not written", () => {
    const before = beginUpload("cand-c");
    const recorded = beginUpload("cand-c");
    recorded.hold(400);
    const notRecorded = recorded.recording();
    const after = beginUpload("cand-c");
    // `before` read the database before the row was written; `after` may already see it there.
    expect(before.othersBytes()).toBe(400);
    expect(after.othersBytes()).toBe(0);

    notRecorded();
    expect(before.othersBytes()).toBe(0);
    expect(after.othersBytes()).toBe(0);
    before.end();
    after.end();
  });

  it("starts afresh once a candidate has no upload in progress", () => {
    const only = beginUpload("cand-d");
    only.hold(10);
    only.recording();
    const next = beginUpload("cand-d");
    expect(next.othersBytes()).toBe(0);
    next.end();
  });
});
