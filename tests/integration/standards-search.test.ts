import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { seedDemo } from "@/lib/demo/seed";
import { searchMappableCriteria } from "@/lib/mapping/search-mappable-criteria";
import { importStandards } from "@/lib/standards/import";
import { searchCriteria, type CriterionSearch } from "@/lib/standards/queries";
import { useMigratedDb } from "../helpers/test-db";

// Issue 15, item 4: the standards search and the mapping search use the database's own
// full-text search, so references in any written form, range items, rules in words and
// guidance are found, stemmed and ranked.

const state = useMigratedDb();
let candidate: SessionActor;

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  const user = await state.db.user.findUniqueOrThrow({ where: { email: "candidate@northgate.example" } });
  const actor = await loadActor(state.db, user.id);
  if (!actor) throw new Error("no actor for the demo candidate");
  candidate = actor;
});

/** "CS34 1.2", best first. */
const hits = (result: CriterionSearch) => result.units.flatMap((u) => u.criteria.map((c) => `${u.code} ${c.ref}`));
const mappable = async (query: string) =>
  (await searchMappableCriteria(state.db, candidate, { query })).units.flatMap((u) =>
    u.criteria.map((c) => `${u.unitCode} ${c.ref}`),
  );

describe("the public standards search", () => {
  it("finds a criterion by its reference written with its unit code, in any form", async () => {
    for (const query of ["CS34 1.2", "cs34/1.2", "CS 34 1.2", "cs34-1.2"]) {
      expect(hits(await searchCriteria(state.db, query)), query).toEqual(["CS34 1.2"]);
    }
    expect(hits(await searchCriteria(state.db, "CS5/O4"))).toEqual(["CS5 CS5/O4"]);
    expect(hits(await searchCriteria(state.db, "CS5 O4"))).toEqual(["CS5 CS5/O4"]);
    expect(hits(await searchCriteria(state.db, "O4"))).toEqual(["CS5 CS5/O4"]);
    expect(hits(await searchCriteria(state.db, "INSCS042 P3"))).toEqual(["INSCS042 3"]);
    const cfam5 = await searchCriteria(state.db, "CFAM&LFD3 5");
    expect(hits(cfam5).slice(0, 1)).toEqual(["CFAM&LFD3 5"]);
    expect(cfam5.units.map((u) => u.code)).toEqual(["CFAM&LFD3"]);
  });

  it("reads P7 and K3 as the performance criterion 7 and the knowledge statement 3", async () => {
    const p7 = await searchCriteria(state.db, "P7");
    expect(p7.units.flatMap((u) => u.criteria.map((c) => `${c.kind} ${c.ref}`))).toEqual(
      expect.arrayContaining(["performance 7"]),
    );
    expect(p7.units.flatMap((u) => u.criteria).every((c) => c.kind === "performance" && c.ref === "7")).toBe(true);
    const k3 = await searchCriteria(state.db, "INSCS042 K3");
    expect(k3.units.flatMap((u) => u.criteria.map((c) => `${u.code} ${c.kind} ${c.ref}`))).toEqual([
      "INSCS042 knowledge 3",
    ]);
  });

  it("finds a criterion by an item of its range, and says which item", async () => {
    const result = await searchCriteria(state.db, "mystery shoppers");
    expect(hits(result)).toEqual(["CS34 1.2"]);
    expect(result.units[0]?.criteria[0]?.rangeMatches).toEqual(["use of mystery shoppers"]);
    expect(result.units[0]?.criteria[0]?.rangeRule).toBe("at least 3 of these 9");
  });

  it("finds criteria by their range rule in words, as the unit page writes it or with the number spelled", async () => {
    expect(hits(await searchCriteria(state.db, "at least three"))[0]).toBe("CS34 1.2");
    expect(hits(await searchCriteria(state.db, "at least 3 of these 9"))[0]).toBe("CS34 1.2");
  });

  it("stems words: monitoring finds monitor, and shopper finds shoppers", async () => {
    const result = await searchCriteria(state.db, "monitoring");
    const texts = result.units.flatMap((u) => u.criteria.map((c) => c.text.toLowerCase()));
    expect(texts).toContain("assess the suitability of a range of methods to monitor customer service operations");
    expect(hits(await searchCriteria(state.db, "mystery shopper"))).toEqual(["CS34 1.2"]);
  });

  it("ranks exact references first, before references that only start with the query", async () => {
    const result = await searchCriteria(state.db, "4");
    const refs = result.units.flatMap((u) => u.criteria.map((c) => c.ref));
    const exact = refs.filter((ref) => ref === "4").length;
    expect(exact).toBeGreaterThanOrEqual(3);
    expect(refs.slice(0, exact)).toEqual(Array(exact).fill("4"));
    const byCode = await searchCriteria(state.db, "1.2");
    expect(hits(byCode).slice(0, 2).sort()).toEqual(["CS34 1.2", "CU782 1.2"]);
  });

  it("ranks a criterion whose own text holds the words above those that mention them in passing", async () => {
    const result = await searchCriteria(state.db, "monitor customer service");
    expect(hits(result)[0]).toBe("CS34 1.2");
  });

  it("reads search syntax as plain text, and says when there is nothing to search for", async () => {
    for (const junk of [
      `"`,
      "*",
      "NEAR(",
      "-",
      ":",
      "(",
      "AND",
      "OR NOT",
      "a:b",
      `"unbalanced`,
      "^",
      "%",
      "_",
      "customer*",
      "'; DROP TABLE x; --",
    ]) {
      const result = await searchCriteria(state.db, junk);
      expect(result.total, junk).toBeGreaterThanOrEqual(0);
    }
    for (const onlyPunctuation of [`"`, "*", "-", ":", "%", "   "]) {
      const result = await searchCriteria(state.db, onlyPunctuation);
      expect(result, onlyPunctuation).toMatchObject({ total: 0, searchable: false });
    }
  });
});

describe("the mapping search (the demo candidate: CS34 and CU782)", () => {
  it("finds the three queries of the issue among the candidate's criteria", async () => {
    expect(await mappable("CS34 1.2")).toEqual(["CS34 1.2"]);
    expect(await mappable("cs34/1.2")).toEqual(["CS34 1.2"]);
    expect(await mappable("mystery shoppers")).toEqual(["CS34 1.2"]);
    expect((await mappable("at least three"))[0]).toBe("CS34 1.2");
  });

  it("keeps to the candidate's units", async () => {
    expect(await mappable("CS5 O4")).toEqual([]);
    expect((await mappable("1.2")).sort()).toEqual(["CS34 1.2", "CU782 1.2"]);
    for (const junk of [`"`, "*", "NEAR(", "-", ":"]) expect(await mappable(junk), junk).toEqual([]);
  });
});
