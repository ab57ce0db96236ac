import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { caseIds } from "@/lib/standards/case/identifiers";
import { fetchCasePackage } from "@/lib/standards/case/fetch";
import { findCaseAssociation, importCasePackage, latestCasePackage } from "@/lib/standards/case/store";
import type { CFPackage } from "@/lib/standards/case/types";
import { importStandards } from "@/lib/standards/import";
import { createEmptyDatabase, useMigratedDb } from "../helpers/test-db";

// CASE interoperability both ways (issue #18 item 7, ADR 0022): frameworks published by
// OpenSALT (tests/fixtures/case/README.md) import and export again intact, and the crosswalk
// round-trips through CASE associations.

const state = useMigratedDb();
const baseUrl = "https://portfolio.example.org";
const fixtureDir = path.join(process.cwd(), "tests/fixtures/case");
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(fixtureDir, name), "utf8")) as {
    CFDocument: { identifier: string; title: string };
    CFItems: { identifier: string; fullStatement: string; humanCodingScheme?: string; CFItemType?: string }[];
    CFAssociations: {
      identifier: string;
      associationType: string;
      originNodeURI: { identifier: string; title: string; uri: string };
      destinationNodeURI: { identifier: string; title: string; uri: string };
    }[];
  };
const opensalt = {
  ItemTypeTestFramework: "ItemTypeTestFramework.json",
  MarkdownFramework: "MarkdownFramework.json",
  Utf8TestFramework: "Utf8TestFramework.json",
  WhatStandardsCouldBe: "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json",
};

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
});

/** Every item as [statement, coding scheme, item type, parent's statement (or the document's title)], sorted. */
function itemRows(pkg: Pick<CFPackage, "CFDocument" | "CFItems" | "CFAssociations">) {
  const statementOf = new Map<string, string>([[pkg.CFDocument.identifier, pkg.CFDocument.title]]);
  for (const item of pkg.CFItems) statementOf.set(item.identifier, item.fullStatement);
  const parentOf = new Map<string, string>();
  for (const a of pkg.CFAssociations)
    if (a.associationType === "isChildOf" && !parentOf.has(a.originNodeURI.identifier))
      parentOf.set(a.originNodeURI.identifier, a.destinationNodeURI.identifier);
  return pkg.CFItems.map((item) => [
    item.fullStatement,
    item.humanCodingScheme ?? null,
    item.CFItemType ?? null,
    statementOf.get(parentOf.get(item.identifier) ?? "") ?? null,
  ]).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

/** The crosswalk in force, as "a | b | relation" lines with each pair's ends sorted. */
async function crosswalkLines(db: Db): Promise<string[]> {
  const version = await db.crosswalkVersion.findFirst({ orderBy: { number: "desc" }, select: { id: true } });
  const pairs = await db.crosswalkPair.findMany({
    where: { versionId: version?.id ?? "" },
    select: {
      relation: true,
      aCriterion: { select: { kind: true, ref: true, unitVersion: { select: { unit: { select: { code: true } } } } } },
      bCriterion: { select: { kind: true, ref: true, unitVersion: { select: { unit: { select: { code: true } } } } } },
    },
  });
  const name = (c: (typeof pairs)[number]["aCriterion"]) => `${c.unitVersion.unit.code} ${c.kind} ${c.ref}`;
  return pairs.map((p) => `${[name(p.aCriterion), name(p.bCriterion)].sort().join(" | ")} | ${p.relation}`).sort();
}

describe("frameworks published by OpenSALT", () => {
  it.each(Object.entries(opensalt))("%s imports and exports again with every item intact", async (code, file) => {
    const original = fixture(file);
    const { outcome } = await importCasePackage(state.db, original, { code });
    expect(outcome).toEqual({ code, version: 1, change: "created" });
    const exported = JSON.parse(JSON.stringify(await latestCasePackage(state.db, code, { baseUrl }))) as CFPackage;
    expect(itemRows(exported)).toEqual(itemRows(original as unknown as CFPackage));
    expect(exported.CFItems).toHaveLength(original.CFItems.length);
  });

  it("maps a deeper tree onto groups: leaves are criteria, the path of items above them the grouping", async () => {
    const version = await state.db.unitVersion.findFirstOrThrow({
      where: { unit: { code: "WhatStandardsCouldBe" } },
      include: { groups: { orderBy: { position: "asc" }, include: { criteria: { orderBy: { position: "asc" } } } } },
    });
    expect(version.groups.map((g) => [g.ref, g.criteria.map((c) => c.ref)])).toEqual([
      ["CCSS.Math.Content.6.RP.A", ["CCSS.Math.Content.6.RP.A.1", "CCSS.Math.Content.6.RP.A.2"]],
      ["CCSS.Math.Content.6.RP.A.3", ["a", "b", "c", "d"].map((x) => `CCSS.Math.Content.6.RP.A.3${x}`)],
      ["CCSS.Math.Content.7.RP.A", ["CCSS.Math.Content.7.RP.A.1", "CCSS.Math.Content.7.RP.A.3"]],
      ["CCSS.Math.Content.7.RP.A.2", ["a", "b", "c", "d"].map((x) => `CCSS.Math.Content.7.RP.A.2${x}`)],
    ]);
  });

  it("keeps Markdown verbatim and text outside the Basic Multilingual Plane intact, in the database too", async () => {
    const table = await state.db.criterion.findFirstOrThrow({
      where: { ref: "MD.Table", unitVersion: { unit: { code: "MarkdownFramework" } } },
    });
    expect(table.text).toBe(fixture(opensalt.MarkdownFramework).CFItems[0]?.fullStatement);
    expect(table.text).toContain("| --- | --- |\r\n");
    const utf8 = await state.db.criterion.findFirstOrThrow({
      where: { unitVersion: { unit: { code: "Utf8TestFramework" } } },
    });
    expect(utf8.text).toBe("Item \u{1D451} 1");
    expect(utf8.text.codePointAt(5)).toBe(0x1d451);
  });

  it("reports every association to an unknown item instead of dropping it in silence", async () => {
    const original = fixture(opensalt.WhatStandardsCouldBe);
    const { associations } = await importCasePackage(state.db, original, { code: "WhatStandardsCouldBe" });
    const crosswalkTypes = original.CFAssociations.filter((a) =>
      /^(exactMatchOf|isRelatedTo)$/.test(a.associationType),
    );
    expect(crosswalkTypes).toHaveLength(18);
    expect(associations.pairs).toEqual([]);
    expect(associations.crosswalk).toBeNull();
    expect(associations.problems).toHaveLength(18);
    expect(associations.problems).toContain(
      'exactMatchOf association ca4e7b81-299e-4b48-9298-713c649cd0f2: destination 2c75d647-4ed4-56d8-965d-c3affe91643d ("Destination") is not a criterion of this framework or of a loaded unit; not imported as a crosswalk pair.',
    );
    // An end that is an item of the framework but became a group is named as such.
    expect(associations.problems).toContain(
      'exactMatchOf association b4d83eff-ae8e-45e5-b039-d7b832c05cd3: origin edfce0e7-dbbf-40d5-af1a-baccabef85e9 is an item of this framework that is not a criterion (it became a group or a range item); destination 5b6c487e-04f1-5ba9-9722-d099849b9167 ("Destination") is not a criterion of this framework or of a loaded unit; not imported as a crosswalk pair.',
    );
  });

  it("turns associations between a framework's criteria and loaded units into pairs that a later standards import keeps", async () => {
    const original = fixture(opensalt.MarkdownFramework);
    const cs34 = caseIds.criterion("CS34", 1, "assessment", "1.1");
    const link = (id: string) => ({ identifier: id, title: "x", uri: `${baseUrl}/ims/case/v1p0/CFItems/${id}` });
    const withAssociations = {
      ...original,
      CFAssociations: [
        ...original.CFAssociations,
        {
          identifier: "b0000000-0000-4000-8000-000000000001",
          associationType: "isRelatedTo",
          originNodeURI: link("a5eafca0-b8df-11e7-8d17-8dc52d8205bc"),
          destinationNodeURI: link(cs34),
        },
        {
          identifier: "b0000000-0000-4000-8000-000000000002",
          associationType: "exactMatchOf",
          originNodeURI: link("a5eafca0-b8df-11e7-8d17-8dc52d8205bc"),
          destinationNodeURI: link("c496e222-b8df-11e7-ba24-039ffdae3771"),
        },
      ],
    };
    const { associations } = await importCasePackage(state.db, withAssociations, { code: "MD2" });
    expect(associations.problems).toEqual([
      "exactMatchOf association b0000000-0000-4000-8000-000000000002: both ends are criteria of MD2; a crosswalk pair joins two different units.",
    ]);
    expect(associations.crosswalk?.change).toBe("newVersion");
    const line = "CS34 assessment 1.1 | MD2 assessment MD.Math | close";
    expect(await crosswalkLines(state.db)).toContain(line);

    const again = await importStandards(state.db);
    expect(again.errors).toEqual([]);
    expect(again.crosswalk?.change).toBe("unchanged");
    expect(await crosswalkLines(state.db)).toContain(line);
  });
});

describe("a CASE import that fails part-way", () => {
  it("leaves neither the unit nor its pairs when writing the pairs fails", async () => {
    const original = fixture(opensalt.MarkdownFramework);
    const link = (id: string) => ({ identifier: id, title: "x", uri: `${baseUrl}/ims/case/v1p0/CFItems/${id}` });
    const withPair = {
      ...original,
      CFAssociations: [
        ...original.CFAssociations,
        {
          identifier: "b0000000-0000-4000-8000-000000000003",
          associationType: "isRelatedTo",
          originNodeURI: link("a5eafca0-b8df-11e7-8d17-8dc52d8205bc"),
          destinationNodeURI: link(caseIds.criterion("CS34", 1, "assessment", "1.2")),
        },
      ],
    };
    // Every transaction's new crosswalk version fails to be written.
    const failing = new Proxy(state.db, {
      get(target, prop) {
        if (prop !== "$transaction") return Reflect.get(target, prop);
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(t, p) {
                  if (p !== "crosswalkVersion") return Reflect.get(t, p);
                  return new Proxy(t.crosswalkVersion, {
                    get: (delegate, key) =>
                      key === "create"
                        ? async () => Promise.reject(new Error("injected failure"))
                        : Reflect.get(delegate, key),
                  });
                },
              }),
            ),
          );
      },
    }) as Db;
    const versionsBefore = await state.db.crosswalkVersion.count();
    await expect(importCasePackage(failing, withPair, { code: "MD3" })).rejects.toThrow("injected failure");
    expect(await state.db.unit.count({ where: { code: "MD3" } })).toBe(0);
    expect(await state.db.crosswalkVersion.count()).toBe(versionsBefore);
  });
});

describe("the crosswalk through CASE", () => {
  it("exports pairs as exactMatchOf / isRelatedTo to the other unit's own CFItem, served by identifier", async () => {
    const pkg = await latestCasePackage(state.db, "CS5", { baseUrl });
    const crosswalk = pkg.CFAssociations.filter((a) => a.associationType !== "isChildOf");
    const lines = (await crosswalkLines(state.db)).filter((l) => / CS5 |^CS5 /.test(l));
    expect(crosswalk).toHaveLength(lines.length);
    expect(new Set(crosswalk.map((a) => a.associationType))).toEqual(new Set(["exactMatchOf", "isRelatedTo"]));
    const cu782 = caseIds.criterion("CU782", 1, "assessment", "1.1");
    const toCu782 = crosswalk.find((a) => a.destinationNodeURI.identifier === cu782);
    expect(toCu782).toMatchObject({
      associationType: "exactMatchOf",
      originNodeURI: { identifier: caseIds.criterion("CS5", 1, "outcome", "CS5/O1") },
      destinationNodeURI: { uri: `${baseUrl}/ims/case/v1p0/CFItems/${cu782}` },
    });
    expect(await findCaseAssociation(state.db, toCu782?.identifier ?? "", baseUrl)).toEqual({
      ...toCu782,
      CFDocumentURI: { title: pkg.CFDocument.title, identifier: pkg.CFDocument.identifier, uri: pkg.CFDocument.uri },
    });
    const childOf = pkg.CFAssociations.find((a) => a.associationType === "isChildOf");
    expect((await findCaseAssociation(state.db, childOf?.identifier ?? "", baseUrl))?.originNodeURI).toEqual(
      childOf?.originNodeURI,
    );
    expect(await findCaseAssociation(state.db, caseIds.document("CS5", 9), baseUrl)).toBeNull();
  });

  it("round-trips: the five units' packages imported into an empty database give the same pairs", async () => {
    const codes = ["CFAM&LFD3", "CS34", "CS5", "CU782", "INSCS042"];
    const before = (await crosswalkLines(state.db)).filter((l) => !/MD2/.test(l));
    const packages = await Promise.all(codes.map((code) => latestCasePackage(state.db, code, { baseUrl })));
    const empty = await createEmptyDatabase();
    await migrate(empty.url);
    const db = createDb(empty.url);
    try {
      for (const pkg of packages) await importCasePackage(db, JSON.parse(JSON.stringify(pkg)));
      expect(before.length).toBeGreaterThan(10);
      expect(await crosswalkLines(db)).toEqual(before);
    } finally {
      await db.$disconnect();
      await empty.drop();
    }
  });
});

describe("reading a framework from another CASE provider", () => {
  const served = fs.readFileSync(path.join(fixtureDir, opensalt.WhatStandardsCouldBe));
  let server: http.Server;
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === "/ims/case/v1p0/CFPackages/20c5134f-423d-4097-a971-3dd5152bf507") {
        response.writeHead(200, { "content-type": "application/json" }).end(served);
      } else if (request.url === "/slow") {
        response.writeHead(200, { "content-type": "application/json" });
        response.write("{"); // and never finishes
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("imports from a CFPackages/{id} URL", async () => {
    const pkg = await fetchCasePackage(`${origin}/ims/case/v1p0/CFPackages/20c5134f-423d-4097-a971-3dd5152bf507`);
    expect(pkg).toEqual(JSON.parse(served.toString("utf8")));
    const { outcome } = await importCasePackage(state.db, pkg, { code: "FROM-URL" });
    expect(outcome.change).toBe("created");
  });

  it("refuses other schemes, bodies over the cap, silence past the timeout, and error statuses", async () => {
    await expect(fetchCasePackage("file:///etc/passwd")).rejects.toThrowError(
      /^Only http and https URLs can be read, not file:/,
    );
    await expect(
      fetchCasePackage(`${origin}/ims/case/v1p0/CFPackages/20c5134f-423d-4097-a971-3dd5152bf507`, { maxBytes: 1000 }),
    ).rejects.toThrowError(/sent more than 1000 bytes/);
    await expect(fetchCasePackage(`${origin}/slow`, { timeoutMs: 300 })).rejects.toThrowError(
      `${origin}/slow did not answer within 0.3 s; try again later.`,
    );
    await expect(fetchCasePackage(`${origin}/ims/case/v1p0/CFPackages/nope`)).rejects.toThrowError(
      /answered 404 Not Found: check the URL/,
    );
  });
});
