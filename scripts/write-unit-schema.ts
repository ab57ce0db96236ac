// npm run standards:schema: writes standards/unit.schema.json and standards/crosswalk.schema.json
// from their zod schemas, so editors validate the unit files and the crosswalk.
import fs from "node:fs";
import { z } from "zod";
import { CrosswalkFile } from "../lib/standards/crosswalk-schema";
import { UnitFile } from "../lib/standards/schema";

function jsonSchemaOf(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

export function unitJsonSchema(): string {
  return jsonSchemaOf(UnitFile, "Unit of competence (standards/<code>.json)");
}

export function crosswalkJsonSchema(): string {
  return jsonSchemaOf(CrosswalkFile, "Crosswalk between the units (standards/crosswalk.json)");
}

if (process.argv[1]?.endsWith("write-unit-schema.ts")) {
  fs.writeFileSync("standards/unit.schema.json", unitJsonSchema());
  fs.writeFileSync("standards/crosswalk.schema.json", crosswalkJsonSchema());
  console.log("wrote standards/unit.schema.json and standards/crosswalk.schema.json");
}
