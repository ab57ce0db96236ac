import { beforeAll, describe, expect, it } from "vitest";
import { crosswalkBetween, equivalentsOfUnit } from "@/lib/standards/crosswalk-queries";
import { importStandards, importUnit } from "@/lib/standards/import";
import { readUnitFiles } from "@/lib/standards/load-files";
import { provider, useMigratedDb } from "../helpers/test-db";

// What the standards pages read about the crosswalk: a unit's criteria with their curated
// equivalents, and the crosswalk between two units (coverage each way and the pairs), from the
// loaded crosswalk version joined to the units' current versions.

const state = useMigratedDb();

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
});

describe(`equivalents on a unit page on ${provider}`, () => {
  it("lists CU782 1.1's twin in CS5 first, as the same requirement, linked to it", async () => {
    const equivalents = await equivalentsOfUnit(state.db, "CU782");
    const first = equivalents["c-assessment-1-1"]?.[0];
    expect(first).toMatchObject({
      relation: "exact",
      other: {
        unit: "CS5",
        kind: "outcome",
        ref: "CS5/O1",
        versionNumber: 1,
        href: "/standards/CS5#c-outcome-CS5-O1",
        text: "You analyse customer expectations and define the service offer designed to meet those expectations",
      },
    });
    expect(first?.rationale).toMatch(/\S/);
    // Exact before close.
    expect(equivalents["c-assessment-1-1"]!.map((e) => e.relation)).toEqual([
      "exact",
      "close",
      "close",
      "close",
      "close",
    ]);
  });

  it("gives every CU782 criterion at least one equivalent, and none for a CFAM&LFD3 skill", async () => {
    const cu782 = await equivalentsOfUnit(state.db, "CU782");
    expect(Object.keys(cu782)).toHaveLength(27);
    const cfam = await equivalentsOfUnit(state.db, "CFAM&LFD3");
    expect(Object.keys(cfam).filter((anchor) => anchor.startsWith("c-skill-"))).toEqual([]);
    expect(cfam["c-performance-16"]?.map((e) => `${e.other.unit} ${e.other.ref}`)).toEqual(
      expect.arrayContaining(["INSCS042 19", "CS5 CS5/B5", "CS5 CS5/B6"]),
    );
  });

  it("is empty for a unit or version that does not exist", async () => {
    expect(await equivalentsOfUnit(state.db, "NOPE")).toEqual({});
    expect(await equivalentsOfUnit(state.db, "CU782", 9)).toEqual({});
  });
});

describe(`the crosswalk between two units on ${provider}`, () => {
  it("counts CU782's criteria with an exact equivalent in CS5 (all 27) and lists the 27 pairs", async () => {
    const view = await crosswalkBetween(state.db, "CU782", "CS5");
    expect(view?.crosswalk?.number).toBe(1);
    expect(view?.a).toMatchObject({ code: "CU782", total: 27, withExact: 27, withAny: 27, without: [] });
    expect(view?.b).toMatchObject({ code: "CS5", total: 33, withExact: 27, withAny: 27 });
    // CS5's behaviours have no CU782 twin.
    expect(view?.b.without.map((c) => c.ref)).toEqual(["CS5/B1", "CS5/B2", "CS5/B3", "CS5/B4", "CS5/B5", "CS5/B6"]);
    expect(view?.pairs).toHaveLength(27);
    expect(view?.pairs.every((p) => p.relation === "exact" && p.a.unit === "CU782" && p.b.unit === "CS5")).toBe(true);
    expect(view?.pairs.map((p) => p.a.ref).slice(0, 3)).toEqual(["1.1", "1.2", "1.3"]);
  });

  it("turns the pairs round when the units are asked for the other way", async () => {
    const view = await crosswalkBetween(state.db, "CS5", "CU782");
    expect(view?.pairs.every((p) => p.a.unit === "CS5" && p.b.unit === "CU782")).toBe(true);
    expect(view?.a.withExact).toBe(27);
  });

  it("counts close pairs as covered but not as exact", async () => {
    const view = await crosswalkBetween(state.db, "CS34", "CFAM&LFD3");
    expect(view?.pairs.length).toBeGreaterThan(0);
    expect(view?.pairs.every((p) => p.relation === "close")).toBe(true);
    expect(view?.a.withExact).toBe(0);
    expect(view?.a.withAny).toBe(new Set(view?.pairs.map((p) => p.a.ref)).size);
  });

  it("is null for a unit that does not exist", async () => {
    expect(await crosswalkBetween(state.db, "CU782", "NOPE")).toBeNull();
  });
});

describe(`a unit with a newer version than the loaded crosswalk on ${provider}`, () => {
  beforeAll(async () => {
    // CS34 changes without the crosswalk being imported again (a CASE import, say).
    const cs34 = readUnitFiles().flatMap((p) => (p.ok && p.unit.code === "CS34" ? [p.unit] : []))[0]!;
    expect((await importUnit(state.db, { ...cs34, title: `${cs34.title} (revised)` })).change).toBe("newVersion");
  });

  it("shows no pairs against the new text: they were curated for version 1", async () => {
    expect(await equivalentsOfUnit(state.db, "CS34")).toEqual({});
    const view = await crosswalkBetween(state.db, "CS34", "CFAM&LFD3");
    expect(view?.a.versionNumber).toBe(2);
    expect(view?.pairs).toEqual([]);
    expect(view?.a.withAny).toBe(0);
  });

  it("still shows them on version 1, and links the other units to CS34 version 1", async () => {
    expect(Object.keys(await equivalentsOfUnit(state.db, "CS34", 1)).length).toBeGreaterThan(0);
    const cfam = await equivalentsOfUnit(state.db, "CFAM&LFD3");
    const toCs34 = Object.values(cfam)
      .flat()
      .filter((e) => e.other.unit === "CS34");
    expect(toCs34.length).toBeGreaterThan(0);
    expect(
      toCs34.every((e) => e.other.versionNumber === 1 && e.other.href.startsWith("/standards/CS34?version=1#")),
    ).toBe(true);
  });
});
