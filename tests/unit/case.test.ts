import { describe, expect, it } from "vitest";
import { standaloneDocument, standaloneItem, unitToCasePackage } from "@/lib/standards/case/export";
import { parseCaseId } from "@/lib/standards/case/http";
import { caseIdentifier, caseIds } from "@/lib/standards/case/identifiers";
import { CaseImportError, casePackageToUnit } from "@/lib/standards/case/import";
import type { CFPackage } from "@/lib/standards/case/types";
import { contentHashOf } from "@/lib/standards/import";
import { readUnitFiles } from "@/lib/standards/load-files";
import { UnitFile } from "@/lib/standards/schema";

const units = readUnitFiles().flatMap((file) => (file.ok ? [file.unit] : []));
const baseUrl = "https://portfolio.example.org";
const importedAt = new Date("2026-01-15T10:00:00.000Z");
const packageOf = (unit: UnitFile, version = 1) =>
  unitToCasePackage(unit, version, { baseUrl, lastChangeDateTime: importedAt });
/** What a client receives: the package through JSON. */
const overTheWire = (pkg: CFPackage): unknown => JSON.parse(JSON.stringify(pkg));
const parsed = (unit: UnitFile) => {
  const { $schema: _schema, ...rest } = UnitFile.parse(unit);
  return rest;
};
const byCode = (code: string) => {
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new Error(`standards/ has no unit ${code}`);
  return unit;
};

// CASE 1.0 OpenAPI: lower case, version 1-5, RFC 4122 variant.
const caseUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dateTimeWithZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("CASE export and import", () => {
  it("reads all five units", () => {
    expect(units.map((u) => u.code).sort()).toEqual(["CFAM&LFD3", "CS34", "CS5", "CU782", "INSCS042"]);
  });

  it.each(units.map((u) => [u.code, u] as const))("round-trips %s without losing anything", (code, unit) => {
    const back = casePackageToUnit(overTheWire(packageOf(unit)), { code });
    expect(UnitFile.parse(back)).toEqual(parsed(unit));
    // The importer would see the same content: re-importing an export changes nothing.
    expect(contentHashOf(back)).toBe(contentHashOf(unit));
  });

  it("reads the unit code from the package when none is given, and imports under a new code when asked", () => {
    const unit = byCode("CFAM&LFD3");
    const warnings: string[] = [];
    expect(casePackageToUnit(overTheWire(packageOf(unit)), { warn: (m) => warnings.push(m) })).toEqual(parsed(unit));
    expect(warnings).toEqual([]);
    expect(casePackageToUnit(overTheWire(packageOf(unit)), { code: "CFAM&LFD3-COPY" })).toEqual({
      ...parsed(unit),
      code: "CFAM&LFD3-COPY",
    });
  });

  it("rebuilds the tree from sequenceNumber whatever order items and associations come in", () => {
    const unit = byCode("CS34");
    const pkg = packageOf(unit);
    const shuffled = {
      ...pkg,
      CFItems: [...pkg.CFItems].reverse(),
      CFAssociations: [...pkg.CFAssociations].reverse().map(({ ...a }) => a),
    };
    // listEnumeration is only a fallback: make it useless to prove sequenceNumber is used.
    shuffled.CFItems = shuffled.CFItems.map((item) => ({ ...item, listEnumeration: "9" }));
    expect(casePackageToUnit(overTheWire(shuffled), { code: "CS34" })).toEqual(parsed(unit));
  });

  it("gives the same identifiers on every run, and these exact ones", () => {
    for (const unit of units) expect(packageOf(unit)).toEqual(packageOf(unit));
    // Regression guard: published identifiers must never change (CASE mirrors, badge alignments).
    expect(caseIds.document("CS34", 1)).toBe("9f6b93e9-47df-5333-9e9c-d031f15e65d5");
    expect(caseIds.criterion("CS34", 1, "assessment", "1.2")).toBe("16ee4b1f-5caf-5830-82fa-e00186f00646");
    expect(caseIds.criterion("CFAM&LFD3", 1, "performance", "1")).toBe("465b4884-1ed2-5f38-8a8b-7cdbe154bd0a");
    expect(caseIds.criterion("CFAM&LFD3", 1, "skill", "1")).toBe("579da463-89d3-5f3a-bfdc-48200505bf49");
    expect(packageOf(byCode("CS34")).CFDocument.identifier).toBe("9f6b93e9-47df-5333-9e9c-d031f15e65d5");
    expect(caseIdentifier("CS34", 1)).toBe(caseIdentifier("CS34", "1"));
  });

  it("gives a new version and a new code new identifiers", () => {
    const unit = byCode("CS34");
    expect(packageOf(unit, 2).CFDocument.identifier).not.toBe(packageOf(unit, 1).CFDocument.identifier);
    expect(caseIds.document("CS34-COPY", 1)).not.toBe(caseIds.document("CS34", 1));
  });

  it("never gives two objects the same identifier", () => {
    const ids = units.flatMap((unit) =>
      [1, 2].flatMap((version) => {
        const pkg = packageOf(unit, version);
        return [
          pkg.CFDocument.identifier,
          ...pkg.CFItems.map((i) => i.identifier),
          ...pkg.CFAssociations.map((a) => a.identifier),
        ];
      }),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(caseUuid);
  });

  it.each(units.map((u) => [u.code, u] as const))(
    "%s: every item has a statement, a type and its reference",
    (_code, unit) => {
      const pkg = packageOf(unit);
      const criteria = unit.groups.flatMap((g) => g.criteria);
      const rangeItems = criteria.reduce((n, c) => n + (c.range?.items.length ?? 0), 0);
      const requirementItems = unit.evidenceRequirements.reduce((n, r) => n + r.items.length, 0);
      expect(pkg.CFItems).toHaveLength(
        unit.groups.length + criteria.length + rangeItems + unit.evidenceRequirements.length + requirementItems,
      );

      for (const item of pkg.CFItems) {
        expect(item.fullStatement.trim()).not.toBe("");
        expect(item.CFItemType).toBeTruthy();
        expect(item.identifier).toMatch(caseUuid);
        expect(item.uri).toBe(`${baseUrl}/ims/case/v1p0/CFItems/${item.identifier}`);
        expect(item.lastChangeDateTime).toMatch(dateTimeWithZone);
        expect(
          item.CFItemTypeURI &&
            pkg.CFDefinitions.CFItemTypes.some(
              (t) => t.identifier === item.CFItemTypeURI?.identifier && t.title === item.CFItemType,
            ),
        ).toBe(true);
      }
      for (const group of unit.groups) {
        const groupItem = pkg.CFItems.find((i) => i.fullStatement === group.title && i.humanCodingScheme === group.ref);
        expect(groupItem, group.title).toBeDefined();
      }
      for (const criterion of criteria) {
        const item = pkg.CFItems.find(
          (i) => i.identifier === caseIds.criterion(unit.code, 1, criterion.kind, criterion.ref),
        );
        expect(item?.humanCodingScheme).toBe(criterion.ref);
        expect(item?.fullStatement).toBe(criterion.text);
      }
      for (const requirement of unit.evidenceRequirements) {
        const item = pkg.CFItems.find((i) => i.identifier === caseIds.requirement(unit.code, 1, requirement.ref));
        expect(item?.humanCodingScheme).toBe(requirement.ref);
        expect(item?.CFItemType).toBe("Evidence Requirement");
      }
    },
  );

  it.each(units.map((u) => [u.code, u] as const))(
    "%s: every association links nodes that exist, in order",
    (_code, unit) => {
      const pkg = packageOf(unit);
      const nodes = new Map([
        [pkg.CFDocument.identifier, pkg.CFDocument.uri],
        ...pkg.CFItems.map((i) => [i.identifier, i.uri] as const),
      ]);
      const siblings = new Map<string, number[]>();
      for (const association of pkg.CFAssociations) {
        expect(association.associationType).toBe("isChildOf");
        expect(association.identifier).toMatch(caseUuid);
        expect(association.lastChangeDateTime).toMatch(dateTimeWithZone);
        expect(nodes.get(association.originNodeURI.identifier)).toBe(association.originNodeURI.uri);
        expect(nodes.get(association.destinationNodeURI.identifier)).toBe(association.destinationNodeURI.uri);
        siblings.set(association.destinationNodeURI.identifier, [
          ...(siblings.get(association.destinationNodeURI.identifier) ?? []),
          association.sequenceNumber ?? 0,
        ]);
      }
      // Every item has exactly one parent, and siblings are numbered 1..n.
      expect(pkg.CFAssociations.map((a) => a.originNodeURI.identifier).sort()).toEqual(
        pkg.CFItems.map((i) => i.identifier).sort(),
      );
      for (const numbers of siblings.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    },
  );

  it("keeps packages within the strict CASE 1.0 shapes (no properties the OpenAPI forbids)", () => {
    const documentKeys = [
      "identifier",
      "uri",
      "creator",
      "title",
      "lastChangeDateTime",
      "officialSourceURL",
      "publisher",
      "description",
      "subject",
      "subjectURI",
      "language",
      "version",
      "adoptionStatus",
      "statusStartDate",
      "statusEndDate",
      "licenseURI",
      "notes",
    ];
    const itemKeys = [
      "identifier",
      "fullStatement",
      "alternativeLabel",
      "CFItemType",
      "uri",
      "humanCodingScheme",
      "listEnumeration",
      "abbreviatedStatement",
      "conceptKeywords",
      "conceptKeywordsURI",
      "notes",
      "language",
      "educationLevel",
      "CFItemTypeURI",
      "licenseURI",
      "statusStartDate",
      "statusEndDate",
      "lastChangeDateTime",
    ];
    const associationKeys = [
      "identifier",
      "associationType",
      "sequenceNumber",
      "uri",
      "originNodeURI",
      "destinationNodeURI",
      "CFAssociationGroupingURI",
      "lastChangeDateTime",
    ];
    for (const unit of units) {
      const pkg = packageOf(unit);
      expect(Object.keys(pkg).sort()).toEqual(["CFAssociations", "CFDefinitions", "CFDocument", "CFItems"]);
      expect(documentKeys).toEqual(expect.arrayContaining(Object.keys(pkg.CFDocument)));
      for (const item of pkg.CFItems) expect(itemKeys).toEqual(expect.arrayContaining(Object.keys(item)));
      for (const association of pkg.CFAssociations)
        expect(associationKeys).toEqual(expect.arrayContaining(Object.keys(association)));
      expect(pkg.CFDocument.lastChangeDateTime).toBe("2026-01-15T10:00:00+00:00");
    }
  });

  it("describes the document with the unit's metadata", () => {
    const nos = packageOf(byCode("CFAM&LFD3")).CFDocument;
    expect(nos).toMatchObject({
      title: byCode("CFAM&LFD3").title,
      creator: "Skills CFA",
      publisher: "Instructus",
      language: "en",
      version: "1",
      adoptionStatus: "Adopted",
      statusStartDate: "2021-02-12",
      subject: ["Management and Leadership"],
    });
    expect(nos.description).toContain("This standard is about managing customer service.");
    expect(nos.notes).toContain("Unit code: CFAM&LFD3");
    expect(packageOf(byCode("CU782")).CFDocument.creator).toBe("Unknown");
    expect(packageOf(byCode("CU782")).CFDocument.description).toContain("Delivering effective customer service");
  });

  it("carries a range's heading and rule in the criterion's notes, its items as child items", () => {
    const pkg = packageOf(byCode("CS34"));
    const criterion = pkg.CFItems.find((i) => i.identifier === caseIds.criterion("CS34", 1, "assessment", "1.2"));
    expect(criterion?.notes).toContain(
      "Range: Methods to monitor customer service operations\nRange rule: at least 3 of the 9 items\nRange guidance: ",
    );
    const children = pkg.CFAssociations.filter((a) => a.destinationNodeURI.identifier === criterion?.identifier);
    expect(children).toHaveLength(9);
    expect(
      children.map((a) => pkg.CFItems.find((i) => i.identifier === a.originNodeURI.identifier)?.CFItemType),
    ).toEqual(Array(9).fill("Range Item"));
  });

  it("keeps text with line breaks and label-like lines exact", () => {
    const unit = byCode("CS34");
    const tricky = "First line\n  indented second line\n\nRange rule: all items\nNote: not a note";
    const edited = UnitFile.parse({
      ...unit,
      notes: [tricky],
      groups: unit.groups.map((g, i) =>
        i === 0
          ? { ...g, notes: [tricky], criteria: g.criteria.map((c, j) => (j === 0 ? { ...c, guidance: [tricky] } : c)) }
          : g,
      ),
    });
    expect(casePackageToUnit(overTheWire(packageOf(edited)), { code: "CS34" })).toEqual(parsed(edited));
  });

  it("gives single-object responses their links to the package and document", () => {
    const pkg = packageOf(byCode("CS34"));
    const doc = standaloneDocument(pkg, baseUrl);
    expect(doc.CFPackageURI).toEqual({
      title: pkg.CFDocument.title,
      identifier: pkg.CFDocument.identifier,
      uri: `${baseUrl}/ims/case/v1p0/CFPackages/${pkg.CFDocument.identifier}`,
    });
    const [first] = pkg.CFItems;
    if (!first) throw new Error("no items");
    expect(standaloneItem(pkg, first).CFDocumentURI).toEqual({
      title: pkg.CFDocument.title,
      identifier: pkg.CFDocument.identifier,
      uri: pkg.CFDocument.uri,
    });
    expect(pkg.CFItems.every((item) => !("CFDocumentURI" in item))).toBe(true);
  });

  it("accepts only UUIDs as identifiers in paths", () => {
    expect(parseCaseId("9F6B93E9-47DF-5333-9E9C-D031F15E65D5")).toBe("9f6b93e9-47df-5333-9e9c-d031f15e65d5");
    expect(parseCaseId("9f6b93e9-47df-5333-9e9c-d031f15e65d5.json")).toBe("9f6b93e9-47df-5333-9e9c-d031f15e65d5");
    expect(parseCaseId("CS34")).toBeNull();
    expect(parseCaseId("9f6b93e9-47df-5333-9e9c-d031f15e65d5x")).toBeNull();
  });
});

describe("importing packages written elsewhere", () => {
  // The minimal valid package of docs/formats-case-ob3.md (A9), plus an association to another framework.
  const foreign = {
    CFDocument: {
      identifier: "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
      uri: "https://example.org/uri/9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
      creator: "Example Awarding Body",
      title: "Unit 101: Health and safety",
      lastChangeDateTime: "2017-05-25T18:05:33",
      language: "en",
      adoptionStatus: "Draft",
    },
    CFItems: [
      {
        identifier: "2b3c4d5e-6f7a-4b8c-ad9e-1f2a3b4c5d6e",
        uri: "https://example.org/uri/2b3c4d5e",
        fullStatement: "Identify hazards in the work area",
        humanCodingScheme: "1.1",
        listEnumeration: "1",
        CFItemType: "Assessment Criterion",
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
      },
      {
        identifier: "1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d",
        uri: "https://example.org/uri/1a2b3c4d",
        fullStatement: "Understand how to work safely",
        humanCodingScheme: "LO1",
        listEnumeration: "1",
        CFItemType: "Learning Outcome",
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
      },
      {
        identifier: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        uri: "https://example.org/uri/5e6f7a8b",
        fullStatement: "Report hazards",
        CFItemType: "Standard",
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
      },
    ],
    CFAssociations: [
      {
        identifier: "4d5e6f7a-8b9c-4d0e-8f1a-3b4c5d6e7f8a",
        uri: "https://example.org/uri/4d5e6f7a",
        associationType: "isChildOf",
        sequenceNumber: 1,
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
        originNodeURI: {
          title: "Identify hazards",
          identifier: "2b3c4d5e-6f7a-4b8c-ad9e-1f2a3b4c5d6e",
          uri: "https://example.org/uri/2b3c4d5e",
        },
        destinationNodeURI: {
          title: "Understand how to work safely",
          identifier: "1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d",
          uri: "https://example.org/uri/1a2b3c4d",
        },
      },
      {
        identifier: "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c",
        uri: "https://example.org/uri/6f7a8b9c",
        associationType: "isChildOf",
        sequenceNumber: 2,
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
        originNodeURI: {
          title: "Report hazards",
          identifier: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
          uri: "https://example.org/uri/5e6f7a8b",
        },
        destinationNodeURI: {
          title: "Understand how to work safely",
          identifier: "1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d",
          uri: "https://example.org/uri/1a2b3c4d",
        },
      },
      {
        identifier: "3c4d5e6f-7a8b-4c9d-be0f-2a3b4c5d6e7f",
        uri: "https://example.org/uri/3c4d5e6f",
        associationType: "isChildOf",
        sequenceNumber: 1,
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
        originNodeURI: {
          title: "Understand how to work safely",
          identifier: "1a2b3c4d-5e6f-4a7b-9c8d-0e1f2a3b4c5d",
          uri: "https://example.org/uri/1a2b3c4d",
        },
        destinationNodeURI: {
          title: "Unit 101",
          identifier: "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
          uri: "https://example.org/uri/9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
        },
      },
      {
        identifier: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
        uri: "https://example.org/uri/7a8b9c0d",
        associationType: "exactMatchOf",
        lastChangeDateTime: "2025-01-15T10:00:00+00:00",
        originNodeURI: {
          title: "Identify hazards",
          identifier: "2b3c4d5e-6f7a-4b8c-ad9e-1f2a3b4c5d6e",
          uri: "https://example.org/uri/2b3c4d5e",
        },
        destinationNodeURI: {
          title: "Elsewhere",
          identifier: "elsewhere-1",
          uri: "https://other.example/uri/elsewhere-1",
        },
      },
    ],
  };

  it("imports what fits, saying what it assumed", () => {
    const warnings: string[] = [];
    const unit = casePackageToUnit(foreign, { code: "U101", warn: (m) => warnings.push(m) });
    expect(unit).toMatchObject({
      code: "U101",
      title: "Unit 101: Health and safety",
      kind: "qualificationUnit",
      metadata: { developedBy: "Example Awarding Body" },
      groups: [
        {
          ref: "LO1",
          kind: "learningOutcome",
          title: "Understand how to work safely",
          criteria: [
            { ref: "1.1", kind: "assessment", text: "Identify hazards in the work area" },
            { ref: "LO1.2", kind: "assessment", text: "Report hazards" },
          ],
        },
      ],
      evidenceRequirements: [],
    });
    expect(warnings.join("\n")).toMatch(/Item type\(s\) "Standard" are not ones this application assesses by/);
    // The published item type and coding scheme are kept for export (the unit has no field of its own for them).
    expect(unit.groups[0]?.criteria[1]?.case).toEqual({
      identifier: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
      itemType: "Standard",
    });
    expect(warnings.join("\n")).toMatch(/has no humanCodingScheme; given the reference LO1\.2/);
  });

  it("accepts a package wrapped in a CFPackage property", () => {
    expect(casePackageToUnit({ CFPackage: foreign }, { code: "U101" }).groups).toHaveLength(1);
  });

  it("imports a framework that gives no code under one derived from its identifier, and says so", () => {
    const warnings: string[] = [];
    expect(casePackageToUnit(foreign, { warn: (m) => warnings.push(m) }).code).toBe("CASE-9f1c2d3e");
    expect(warnings).toContain(
      'CFDocument 9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f "Unit 101: Health and safety" does not give a unit code; imported as CASE-9f1c2d3e (give --code to choose another).',
    );
  });

  it("refuses what it cannot represent, naming the object", () => {
    expect(() => casePackageToUnit({ hello: "world" })).toThrowError(CaseImportError);
    expect(() => casePackageToUnit({ hello: "world" })).toThrowError(/^Not a CASE CFPackage: CFDocument: /);
    expect(() => casePackageToUnit({ ...foreign, CFAssociations: [] }, { code: "U101" })).toThrowError(
      /has no items under it/,
    );

    const nested = structuredClone(foreign);
    nested.CFAssociations.push({
      identifier: "8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e",
      uri: "https://example.org/uri/8b9c0d1e",
      associationType: "isChildOf",
      sequenceNumber: 1,
      lastChangeDateTime: "2025-01-15T10:00:00+00:00",
      originNodeURI: {
        title: "Deep",
        identifier: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
        uri: "https://example.org/uri/9c0d",
      },
      destinationNodeURI: {
        title: "Identify hazards",
        identifier: "2b3c4d5e-6f7a-4b8c-ad9e-1f2a3b4c5d6e",
        uri: "https://example.org/uri/2b3c4d5e",
      },
    });
    nested.CFItems.push({
      identifier: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
      uri: "https://example.org/uri/9c0d",
      fullStatement: "Deep",
      CFItemType: "Example",
      lastChangeDateTime: "2025-01-15T10:00:00+00:00",
    });
    // A deeper tree: 1.1 now has a child, so it becomes a group below LO1, and "Deep" its criterion.
    const deeper = casePackageToUnit(nested, { code: "U101" });
    expect(deeper.groups.map((g) => [g.ref, g.criteria.map((c) => c.text)])).toEqual([
      ["LO1", ["Report hazards"]],
      ["1.1", ["Deep"]],
    ]);
    expect(deeper.groups[1]?.case?.ancestors.map((a) => a.fullStatement)).toEqual(["Understand how to work safely"]);

    const duplicate = {
      ...foreign,
      CFItems: foreign.CFItems.map((item) =>
        item.fullStatement === "Report hazards" ? { ...item, humanCodingScheme: "1.1" } : item,
      ),
    };
    expect(() => casePackageToUnit(duplicate, { code: "U101" })).toThrowError(
      /CFItem 5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b \(1\.1\) "Report hazards": groups\[0\]\.criteria\[1\]\.ref: duplicate reference 1\.1/,
    );
  });
});
