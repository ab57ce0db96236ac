import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { caseIds } from "@/lib/standards/case/identifiers";
import {
  findCaseDocument,
  findCaseItem,
  findCasePackage,
  importCasePackage,
  latestCasePackage,
  listCaseDocuments,
} from "@/lib/standards/case/store";
import { importStandards } from "@/lib/standards/import";
import { createEmptyDatabase, provider, useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();
const baseUrl = "https://portfolio.example.org";
const codes = ["CFAM&LFD3", "CS34", "CS5", "CU782", "INSCS042"];

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
});

/** Everything the database holds about a unit's latest version, without ids or the code. */
async function storedContent(db: Db, code: string) {
  const version = await db.unitVersion.findFirstOrThrow({
    where: { unit: { code } },
    orderBy: { number: "desc" },
    include: {
      groups: {
        orderBy: { position: "asc" },
        include: {
          criteria: { orderBy: { position: "asc" }, include: { rangeItems: { orderBy: { position: "asc" } } } },
        },
      },
      requirements: { orderBy: { position: "asc" } },
    },
  });
  const { $schema: _schema, code: _code, ...document } = version.document as Record<string, unknown>;
  return {
    title: version.title,
    kind: version.kind,
    level: version.level,
    creditValue: version.creditValue,
    sourceVersion: version.sourceVersion,
    document,
    groups: version.groups.map((group) => ({
      position: group.position,
      ref: group.ref,
      kind: group.kind,
      title: group.title,
      assessmentMethods: group.assessmentMethods,
      notes: group.notes,
      criteria: group.criteria.map((c) => ({
        position: c.position,
        ref: c.ref,
        kind: c.kind,
        text: c.text,
        rangeTitle: c.rangeTitle,
        rangeRule: c.rangeRule,
        rangeMin: c.rangeMin,
        rangeGuidance: c.rangeGuidance,
        guidance: c.guidance,
        rangeItems: c.rangeItems.map((r) => ({ position: r.position, text: r.text })),
      })),
    })),
    requirements: version.requirements.map((r) => ({
      position: r.position,
      ref: r.ref,
      text: r.text,
      items: r.items,
      checks: r.checks,
    })),
  };
}

describe("CASE export and import against the database", () => {
  it("exports CS34 and imports it under a new code with nothing lost", async () => {
    const pkg = await latestCasePackage(state.db, "CS34", { baseUrl });
    const { outcome } = await importCasePackage(state.db, JSON.parse(JSON.stringify(pkg)), { code: "CS34-COPY" });
    expect(outcome).toEqual({ code: "CS34-COPY", version: 1, change: "created" });

    const original = await storedContent(state.db, "CS34");
    const copy = await storedContent(state.db, "CS34-COPY");
    expect(copy).toEqual(original);
    // Spot checks that the comparison covers what matters.
    const criteria = original.groups.flatMap((g) => g.criteria);
    expect(criteria.find((c) => c.ref === "1.2")).toMatchObject({
      rangeRule: "atLeast",
      rangeMin: 3,
      rangeTitle: "Methods to monitor customer service operations",
    });
    expect(criteria.find((c) => c.ref === "1.2")?.rangeItems).toHaveLength(9);
    expect(original.groups[0]?.assessmentMethods).toContain("professional discussion");
  });

  it.each(codes.filter((code) => code !== "CS34"))(
    "exports %s and imports it under a new code with nothing lost",
    async (code) => {
      const pkg = await latestCasePackage(state.db, code, { baseUrl });
      await importCasePackage(state.db, JSON.parse(JSON.stringify(pkg)), { code: `${code}-COPY` });
      expect(await storedContent(state.db, `${code}-COPY`)).toEqual(await storedContent(state.db, code));
    },
  );

  it("keeps CU782's evidence requirements, their items and checks", async () => {
    const copy = await storedContent(state.db, "CU782-COPY");
    expect(copy.requirements).toHaveLength(7);
    expect(copy.requirements[0]?.checks).toEqual({ realWorkOnly: true, simulationAllowed: false });
    expect(copy.requirements[3]?.items).toHaveLength(3);
  });

  it("changes nothing when a unit's own export is imported under its own code", async () => {
    const pkg = await latestCasePackage(state.db, "CFAM&LFD3", { baseUrl });
    const { outcome } = await importCasePackage(state.db, pkg);
    expect(outcome).toEqual({ code: "CFAM&LFD3", version: 1, change: "unchanged" });
  });

  it("says so when the unit does not exist", async () => {
    await expect(latestCasePackage(state.db, "NOPE", { baseUrl })).rejects.toThrowError(
      "There is no unit with code NOPE.",
    );
  });

  it("finds documents, packages and items by identifier", async () => {
    const documents = await listCaseDocuments(state.db, baseUrl);
    expect(documents.map((d) => d.notes?.split("\n")[0])).toEqual(
      expect.arrayContaining(codes.map((code) => `Unit code: ${code}`)),
    );
    const cs34 = documents.find((d) => d.identifier === caseIds.document("CS34", 1));
    expect(cs34?.CFPackageURI?.uri).toBe(`${baseUrl}/ims/case/v1p0/CFPackages/${caseIds.document("CS34", 1)}`);

    const pkg = await findCasePackage(state.db, caseIds.document("CS34", 1), baseUrl);
    expect(pkg).toEqual(await latestCasePackage(state.db, "CS34", { baseUrl }));
    expect((await findCaseDocument(state.db, caseIds.document("CS34", 1), baseUrl))?.title).toBe(
      "Manage customer service operations",
    );

    const item = await findCaseItem(state.db, caseIds.criterion("CFAM&LFD3", 1, "skill", "1"), baseUrl);
    expect(item).toMatchObject({
      CFItemType: "Skill",
      humanCodingScheme: "1",
      CFDocumentURI: { identifier: caseIds.document("CFAM&LFD3", 1) },
    });

    expect(await findCasePackage(state.db, caseIds.document("CS34", 99), baseUrl)).toBeNull();
    expect(await findCaseItem(state.db, caseIds.document("CS34", 1), baseUrl)).toBeNull();
  });
});

const run = promisify(execFile);

describe("npm run standards:case", () => {
  it("exports and re-imports a unit from the command line", { timeout: 120_000 }, async () => {
    // A database of this project's provider: a temporary SQLite file, or a PostgreSQL database.
    const database = await createEmptyDatabase(provider);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-case-cli-"));
    const env = { ...process.env, DATABASE_URL: database.url };
    const node = (script: string, ...args: string[]) =>
      run(process.execPath, ["--import", "tsx", script, ...args], { cwd: process.cwd(), env });
    try {
      await node("scripts/migrate.ts");
      await node("scripts/import-standards.ts");

      const file = path.join(dir, "x.json");
      const exported = await node("scripts/case.ts", "export", "CS34", file);
      expect(exported.stdout.trim()).toBe(file);
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { CFDocument: { identifier: string; title: string } };
      expect(pkg.CFDocument).toMatchObject({
        identifier: caseIds.document("CS34", 1),
        title: "Manage customer service operations",
      });

      const imported = await node("scripts/case.ts", "import", file, "--code", "CS34-RT");
      const [summary, crosswalk, ...more] = imported.stdout.trim().split("\n");
      expect(summary).toBe("CS34-RT version 1 created: 5 groups, 28 criteria, 0 evidence requirements.");
      // CS34's exactMatchOf / isRelatedTo associations now join CS34-RT to the other units.
      expect(crosswalk).toMatch(
        /^Crosswalk version 2 newVersion: \d+ pairs, with \d+ from this framework's associations\.$/,
      );
      expect(more).toEqual([]);
      expect(imported.stderr).toBe("");

      // The same package from another CASE provider's CFPackages/{id} URL.
      const served = fs.readFileSync(file);
      const server = http.createServer((_request, response) => response.end(served));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ims/case/v1p0/CFPackages/${pkg.CFDocument.identifier}`;
      try {
        const fromUrl = await node("scripts/case.ts", "import", url, "--code", "CS34-URL");
        expect(fromUrl.stdout.split("\n")[0]).toBe(
          "CS34-URL version 1 created: 5 groups, 28 criteria, 0 evidence requirements.",
        );
      } finally {
        server.close();
      }
      const ftp = await node("scripts/case.ts", "import", "ftp://example.org/x.json").then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(ftp?.code).toBe(1);
      expect(ftp?.stderr.trim()).toMatch(/^Only http and https URLs can be read, not ftp:/);

      const failed = await node("scripts/case.ts", "import", path.join(dir, "missing.json")).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr.trim().split("\n")).toEqual([
        `Cannot read ${path.join(dir, "missing.json")}: no such file.`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
