// Generates the Prisma client twice from the one schema: once for SQLite, once for
// PostgreSQL (a driver adapter must match the provider the client was generated for).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { schemaFor } from "../lib/db/schema-engine";

const sqliteSchema = fs.readFileSync("prisma/schema.prisma", "utf8");
fs.mkdirSync("generated", { recursive: true });
const pgSchemaPath = path.join("generated", "schema.postgresql.prisma");
fs.writeFileSync(pgSchemaPath, schemaFor("postgresql", sqliteSchema));

for (const schema of ["prisma/schema.prisma", pgSchemaPath]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("Generated Prisma clients for SQLite and PostgreSQL.");
