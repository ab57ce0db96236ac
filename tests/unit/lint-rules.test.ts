import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The project's own ESLint config, run on snippets as if they were files in the tree:
// what CI's lint step would say of a commit containing them.
const eslint = new ESLint({ cwd: process.cwd() });

// Loading the config (typescript-eslint, the Next plugin) takes seconds on a busy 2-core machine.
// Do it once before the tests, with room for a loaded CI box, so each test only times the lint itself.
// CI failed once with the load inside the first test's default 5 s.
beforeAll(async () => {
  await eslint.calculateConfigForFile("lib/foo.ts");
  await eslint.lintText("export {};\n", { filePath: "lib/warm-up.ts" });
}, 120_000);

async function lint(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result;
}

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  return (await lint(code, filePath)).messages.map((m) => m.ruleId ?? m.message);
}

describe("lint rules", { timeout: 30_000 }, () => {
  it("refuses process.env in the app's code and names the place to read configuration from", async () => {
    const result = await lint("export const url = process.env.DATABASE_URL;\n", "lib/foo.ts");
    expect(result.messages.map((m) => m.ruleId)).toContain("no-restricted-syntax");
    expect(result.messages.find((m) => m.ruleId === "no-restricted-syntax")?.message).toMatch(/lib\/env\.ts/);
  });

  it("refuses it in pages and components too", async () => {
    expect(await ruleIds("export const x = process.env.X;\n", "app/page-helper.ts")).toContain("no-restricted-syntax");
    expect(await ruleIds("export const x = process.env.X;\n", "components/foo.tsx")).toContain("no-restricted-syntax");
  });

  it("allows it in lib/env.ts, the one place that parses the environment", async () => {
    expect(await ruleIds("export const x = process.env.X;\n", "lib/env.ts")).not.toContain("no-restricted-syntax");
  });

  it("allows scripts to read and pass variables to the processes they start", async () => {
    expect(await ruleIds("export const x = process.env.X;\n", "scripts/foo.ts")).not.toContain("no-restricted-syntax");
  });
});
