import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { UnitFile } from "./schema";

export const standardsDir = path.join(process.cwd(), "standards");

export type ParsedUnitFile = { file: string; ok: true; unit: UnitFile } | { file: string; ok: false; errors: string[] };

/** Turns a zod/JSON path into the form a person finds in the file: groups[0].criteria[3].text */
function jsonPath(segments: readonly PropertyKey[]): string {
  if (segments.length === 0) return "(root)";
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("");
}

/** Parses a JSON file's text with a zod schema; every problem names the file and the JSON path. */
export function parseJsonText<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [`${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${file}: ${jsonPath(issue.path)}: ${issue.message}`),
  };
}

/** Parses one unit file's text; every problem names the file and the JSON path. */
export function parseUnitText(file: string, text: string): ParsedUnitFile {
  const parsed = parseJsonText(file, text, UnitFile);
  return parsed.ok ? { file, ok: true, unit: parsed.value } : { file, ok: false, errors: parsed.errors };
}

const notUnitFiles = new Set(["unit.schema.json", "crosswalk.json", "crosswalk.schema.json"]);

export function unitFileNames(dir = standardsDir): string[] {
  return (
    fs
      .readdirSync(/*turbopackIgnore: true*/ dir)
      // The crosswalk and the JSON Schemas sit beside the units but are not units.
      .filter((name) => name.endsWith(".json") && !notUnitFiles.has(name))
      .sort()
  );
}

export function readUnitFiles(dir = standardsDir): ParsedUnitFile[] {
  return unitFileNames(dir).map((name) =>
    parseUnitText(name, fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), "utf8")),
  );
}
