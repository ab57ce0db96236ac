import { beforeAll, describe, expect, it } from "vitest";
import { importStandards, importUnit } from "@/lib/standards/import";
import { readUnitFiles } from "@/lib/standards/load-files";
import { getUnit, listUnits, SEARCH_PAGE_SIZE, searchCriteria } from "@/lib/standards/queries";
import type { UnitFile } from "@/lib/standards/schema";
import { useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();

const files: UnitFile[] = readUnitFiles().flatMap((parsed) => (parsed.ok ? [parsed.unit] : []));
const criteriaOf = (unit: UnitFile) => unit.groups.flatMap((group) => group.criteria);

/** What the search should find at least, worked out from the files rather than the database. */
function expectedMatches(query: string) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return files.flatMap((unit) =>
    criteriaOf(unit)
      .filter(
        (c) =>
          words.every((w) => c.text.toLowerCase().includes(w)) || c.ref.toLowerCase().startsWith(query.toLowerCase()),
      )
      .map((c) => `${unit.code} ${c.kind} ${c.ref}`),
  );
}

async function allHits(query: string) {
  const first = await searchCriteria(state.db, query, 1);
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await searchCriteria(state.db, query, page));
  return {
    total: first.total,
    hits: pages.flatMap((p) => p.units.flatMap((u) => u.criteria.map((c) => `${u.code} ${c.kind} ${c.ref}`))),
  };
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
});

describe("listUnits", () => {
  it("lists every unit once with criteria counted by kind", async () => {
    const units = await listUnits(state.db);
    expect(units.map((u) => u.code).sort()).toEqual(files.map((f) => f.code).sort());
    expect(units.map((u) => u.code)).toContain("CFAM&LFD3");
    for (const file of files) {
      const unit = units.find((u) => u.code === file.code);
      const expected = new Map<string, number>();
      for (const c of criteriaOf(file)) expected.set(c.kind, (expected.get(c.kind) ?? 0) + 1);
      expect(Object.fromEntries(unit?.criteriaCounts.map((c) => [c.kind, c.count]) ?? [])).toEqual(
        Object.fromEntries(expected),
      );
      expect(unit?.totalCriteria).toBe(criteriaOf(file).length);
      expect(unit?.versionNumber).toBe(1);
    }
  });

  it("names the developing or awarding body, or a dash", async () => {
    const units = await listUnits(state.db);
    expect(units.find((u) => u.code === "CFAM&LFD3")?.body).toBe("Skills CFA");
    expect(units.find((u) => u.code === "CS34")?.body).toBe("—");
    expect(units.find((u) => u.code === "CU782")).toMatchObject({
      level: "4",
      creditValue: 10,
      kind: "qualificationUnit",
    });
  });
});

describe("getUnit", () => {
  it("returns groups and criteria in source order with ranges", async () => {
    const unit = await getUnit(state.db, "CS34");
    expect(unit?.title).toBe("Manage customer service operations");
    expect(unit?.groups.map((g) => g.ref)).toEqual(["1", "2", "3", "4", "5"]);
    const c12 = unit?.groups[0]?.criteria[1];
    expect(c12).toMatchObject({
      ref: "1.2",
      kind: "assessment",
      anchor: "c-assessment-1-2",
      text: "assess the suitability of a range of methods to monitor customer service operations",
    });
    expect(c12?.range).toMatchObject({
      title: "Methods to monitor customer service operations",
      rule: "atLeast",
      min: 3,
    });
    expect(c12?.range?.items).toHaveLength(9);
    expect(c12?.range?.items[0]).toBe("listening to calls");
    expect(unit?.groups[0]?.assessmentMethods[0]).toBe("Questioning");
    expect(unit?.transcriptionNotes.length).toBeGreaterThan(0);
    expect(unit?.versions).toHaveLength(1);
    expect(unit?.versions[0]?.contentHashShort).toMatch(/^[0-9a-f]{12}$/);
  });

  it("returns evidence requirements with their checks", async () => {
    const unit = await getUnit(state.db, "CU782");
    expect(unit?.requirements[0]?.checks).toEqual({ realWorkOnly: true, simulationAllowed: false });
    expect(unit?.requirements[3]?.items.map((i) => i.ref)).toEqual(["a", "b", "c"]);
    expect(unit?.metadata.aims?.length).toBe(1);
  });

  it("returns null for an unknown code or version", async () => {
    expect(await getUnit(state.db, "NOPE")).toBeNull();
    expect(await getUnit(state.db, "CS34", 7)).toBeNull();
  });
});

describe("searchCriteria", () => {
  it("matches words whatever their case, on this database", async () => {
    const lower = await searchCriteria(state.db, "contingencies");
    const upper = await searchCriteria(state.db, "CONTINGENCIES");
    const mixed = await searchCriteria(state.db, "ConTinGencies");
    expect(lower.total).toBeGreaterThan(0);
    expect(upper.total).toBe(lower.total);
    expect(mixed.units).toEqual(lower.units);
    expect(lower.units.length).toBeGreaterThanOrEqual(3);
    // Every criterion whose text has the word, and those whose range or guidance has it.
    const { hits } = await allHits("contingencies");
    expect(hits).toEqual(expect.arrayContaining(expectedMatches("contingencies")));
  });

  it("needs every word, in any order", async () => {
    const result = await allHits("RISKS develop contingencies");
    expect(result.hits).toContain("CS34 assessment 2.3");
    expect(result.hits.sort()).toEqual(expectedMatches("RISKS develop contingencies").sort());
  });

  it("finds criteria by reference", async () => {
    const result = await searchCriteria(state.db, "1.2");
    const refs = result.units.flatMap((u) => u.criteria.map((c) => `${u.code} ${c.ref}`));
    expect(refs).toEqual(expect.arrayContaining(["CS34 1.2", "CU782 1.2"]));
    expect((await allHits("1.2")).hits.sort()).toEqual(expectedMatches("1.2").sort());
    const cs5 = await searchCriteria(state.db, "cs5/o4");
    expect(cs5.units.flatMap((u) => u.criteria.map((c) => c.ref))).toEqual(["CS5/O4"]);
    expect(cs5.units[0]?.criteria[0]?.anchor).toBe("c-outcome-CS5-O4");
  });

  it("paginates 25 a page and reports the total", async () => {
    const expected = expectedMatches("customer");
    expect(expected.length).toBeGreaterThan(SEARCH_PAGE_SIZE);
    const first = await searchCriteria(state.db, "Customer", 1);
    // The unit titles and ranges count too, so more than the texts alone.
    expect(first.total).toBeGreaterThanOrEqual(expected.length);
    expect(first.pageCount).toBe(Math.ceil(first.total / SEARCH_PAGE_SIZE));
    expect(first.units.flatMap((u) => u.criteria)).toHaveLength(SEARCH_PAGE_SIZE);
    const { hits } = await allHits("customer");
    expect(hits).toHaveLength(first.total);
    expect(new Set(hits).size).toBe(first.total);
    expect(hits).toEqual(expect.arrayContaining(expected));
    const beyond = await searchCriteria(state.db, "customer", 999);
    expect(beyond.page).toBe(first.pageCount);
  });

  it("treats LIKE wildcards and blank queries as nothing special", async () => {
    expect((await searchCriteria(state.db, "%")).total).toBe(0);
    expect((await searchCriteria(state.db, "_")).total).toBe(0);
    expect((await searchCriteria(state.db, "   ")).total).toBe(0);
  });

  it("searches only the latest version of each unit", async () => {
    const cs34 = files.find((f) => f.code === "CS34");
    if (!cs34) throw new Error("CS34.json is missing");
    const [firstGroup, ...rest] = cs34.groups;
    if (!firstGroup) throw new Error("CS34 has no groups");
    const changed: UnitFile = {
      ...cs34,
      groups: [
        {
          ...firstGroup,
          criteria: firstGroup.criteria.map((c) =>
            c.ref === "1.2" ? { ...c, text: "assess zebra-striped monitoring methods" } : c,
          ),
        },
        ...rest,
      ],
    };
    expect((await importUnit(state.db, changed)).change).toBe("newVersion");

    expect((await listUnits(state.db)).find((u) => u.code === "CS34")?.versionNumber).toBe(2);
    expect((await searchCriteria(state.db, "ZEBRA-STRIPED")).total).toBe(1);
    const old = await searchCriteria(state.db, "suitability of a range of methods to monitor");
    expect(old.units.map((u) => u.code)).not.toContain("CS34");
    const previous = await getUnit(state.db, "CS34", 1);
    expect(previous?.groups[0]?.criteria[1]?.text).toBe(
      "assess the suitability of a range of methods to monitor customer service operations",
    );
    expect(previous?.latestVersionNumber).toBe(2);
    expect((await getUnit(state.db, "CS34"))?.versions.map((v) => v.number)).toEqual([2, 1]);
  });
});
