// npm run standards:schema: writes standards/unit.schema.json from the zod schema, so editors validate unit files.
import fs from "node:fs";
import { z } from "zod";
import { UnitFile } from "../lib/standards/schema";

export function unitJsonSchema(): string {
  const schema = z.toJSONSchema(UnitFile, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "Unit of competence (standards/<code>.json)" }, null, 2)}\n`;
}

if (process.argv[1]?.endsWith("write-unit-schema.ts")) {
  fs.writeFileSync("standards/unit.schema.json", unitJsonSchema());
  console.log("wrote standards/unit.schema.json");
}
