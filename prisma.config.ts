import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a native schema engine it cannot download here. `generate`,
// `validate` and `format` only need the path to exist; migrations run through
// scripts/migrate.ts instead. See docs/decisions/0002-offline-migrations.md.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(process.cwd(), "prisma", "schema-engine-stub");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/app.db" },
});
