// npm run standards:case -- export <code> [file] [--base-url URL]
//   Writes the CASE 1.0 CFPackage of the unit's latest version (default file: <code>.case.json,
//   "&" written as "-", in the current directory) and prints the path.
// npm run standards:case -- import <file-or-url> [--code NEWCODE]
//   Reads a CFPackage from a file or from another CASE provider's
//   https://.../ims/case/v1p0/CFPackages/{id}, converts it to a unit (any tree: ADR 0022) and loads
//   it like a unit file; its exactMatchOf / isRelatedTo associations between known criteria become
//   crosswalk pairs, and every association that does not is reported as a warning.
// Any error prints one line and exits 1.
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/db/client";
import { env } from "../lib/env";
import { fetchCasePackage, looksLikeUrl } from "../lib/standards/case/fetch";
import { importCasePackage, latestCasePackage } from "../lib/standards/case/store";

const usage =
  "Usage: npm run standards:case -- export <code> [file] [--base-url URL] | import <file-or-url> [--code NEWCODE]";

class UsageError extends Error {}

/** Splits argv into positional arguments and --name value / --name=value options. */
function parseArgs(argv: string[], known: readonly string[]): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(name)) throw new UsageError(`Unknown option --${name}. ${usage}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value. ${usage}`);
    options.set(name, value);
  }
  return { positional, options };
}

const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : oneLine(error)}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${oneLine(error)}`);
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === "export") {
    const { positional, options } = parseArgs(rest, ["base-url"]);
    const [code, file, extra] = positional;
    if (!code || extra !== undefined) throw new UsageError(usage);
    const baseUrl = options.get("base-url") ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
    const target = path.resolve(file ?? `${code.replace(/&/g, "-")}.case.json`);
    const db = createDb(env.DATABASE_URL);
    try {
      const pkg = await latestCasePackage(db, code, { baseUrl });
      fs.writeFileSync(target, `${JSON.stringify(pkg, null, 2)}\n`);
    } finally {
      await db.$disconnect();
    }
    console.log(target);
    return;
  }
  if (command === "import") {
    const { positional, options } = parseArgs(rest, ["code"]);
    const [source, extra] = positional;
    if (!source || extra !== undefined) throw new UsageError(usage);
    const pkg = looksLikeUrl(source) ? await fetchCasePackage(source) : readJson(source);
    const db = createDb(env.DATABASE_URL);
    try {
      const warn = (message: string) => console.warn(`warning: ${message}`);
      const { unit, outcome, associations } = await importCasePackage(db, pkg, { code: options.get("code"), warn });
      const criteria = unit.groups.reduce((n, group) => n + group.criteria.length, 0);
      console.log(
        `${outcome.code} version ${outcome.version} ${outcome.change}: ${unit.groups.length} groups, ${criteria} criteria, ${unit.evidenceRequirements.length} evidence requirements.`,
      );
      associations.problems.forEach(warn);
      if (associations.crosswalk)
        console.log(
          `Crosswalk version ${associations.crosswalk.version} ${associations.crosswalk.change}: ${associations.crosswalk.pairs} pairs, with ${associations.pairs.length} from this framework's associations.`,
        );
    } finally {
      await db.$disconnect();
    }
    return;
  }
  throw new UsageError(usage);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(oneLine(error));
  process.exitCode = 1;
}
