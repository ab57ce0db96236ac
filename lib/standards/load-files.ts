import fs from "node:fs";
import path from "node:path";
import { UnitFile } from "./schema";

export const standardsDir = path.join(process.cwd(), "standards");

export type ParsedUnitFile = { file: string; ok: true; unit: UnitFile } | { file: string; ok: false; errors: string[] };

/** Turns a zod/JSON path into the form a person finds in the file: groups[0].criteria[3].text */
function jsonPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "(root)";
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("");
}

/** Parses one unit file's text; every problem names the file and the JSON path. */
export function parseUnitText(file: string, text: string): ParsedUnitFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      file,
      ok: false,
      errors: [`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const result = UnitFile.safeParse(json);
  if (result.success) return { file, ok: true, unit: result.data };
  return {
    file,
    ok: false,
    errors: result.error.issues.map((issue) => `${file}: ${jsonPath(issue.path)}: ${issue.message}`),
  };
}

export function unitFileNames(dir = standardsDir): string[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((name) => name.endsWith(".json") && name !== "unit.schema.json")
    .sort();
}

export function readUnitFiles(dir = standardsDir): ParsedUnitFile[] {
  return unitFileNames(dir).map((name) =>
    parseUnitText(name, fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name), "utf8")),
  );
}
