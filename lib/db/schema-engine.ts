import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Provider } from "./provider";

// Prisma's CLI needs a native schema engine it cannot download here, so migration SQL is
// produced by the engine's WebAssembly build with a fake, query-less adapter
// (docs/decisions/0002-offline-migrations.md).
// Used by scripts and tests only, never by the running app.

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string | null }>;
};

function fakeAdapter(provider: Provider) {
  const base = {
    provider: provider === "postgresql" ? "postgres" : "sqlite",
    adapterName: "offline-sql-generator",
    async queryRaw(query: { sql: string }) {
      if (provider === "postgresql" && query.sql.includes("pg_namespace")) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5, 7, 0],
          rows: [[true, "PostgreSQL 16.0", 160000]],
        };
      }
      return { columnNames: [], columnTypes: [], rows: [] };
    },
    async executeRaw() {
      return 0;
    },
    async executeScript() {},
    async startTransaction(): Promise<never> {
      throw new Error("the offline SQL generator cannot open transactions");
    },
    getConnectionInfo() {
      return provider === "postgresql"
        ? { schemaName: "public", supportsRelationJoins: true }
        : { supportsRelationJoins: false };
    },
    async dispose() {},
  };
  return base;
}

type EngineModule = { SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } };
let engineModule: Promise<EngineModule> | undefined;

// The wasm module can be instantiated once per process; engines are then created from it.
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const dir = path.join(process.cwd(), "node_modules", "@prisma", "schema-engine-wasm");
    const bg = await import(pathToFileURL(path.join(dir, "schema_engine_bg.js")).href);
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => process.stderr.write(`schema engine panic: ${message}\n`),
    };
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
      "./schema_engine_bg.js": bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg as EngineModule;
  })();
  return engineModule;
}

async function createEngine(provider: Provider, schema: string): Promise<Engine> {
  const bg = await loadEngineModule();
  const factory = {
    provider: provider === "postgresql" ? "postgres" : "sqlite",
    adapterName: "offline-sql-generator",
    connect: async () => fakeAdapter(provider),
    connectToShadowDb: async () => fakeAdapter(provider),
  };
  return bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory as never),
  );
}

/** Rewrites the SQLite schema text for another provider: the only difference between them. */
export function schemaFor(provider: Provider, sqliteSchema: string): string {
  if (provider === "sqlite") return sqliteSchema;
  return sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/generated\/sqlite"/, 'output   = "../generated/postgresql"');
}

/** The SQL that takes a database from one schema to another (null means empty). */
export async function diffSql(provider: Provider, from: string | null, to: string | null): Promise<string> {
  const anySchema = to ?? from;
  if (!anySchema) return "";
  const engine = await createEngine(provider, anySchema);
  const target = (schema: string | null) =>
    schema ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] } : { tag: "empty" };
  const result = await engine.diff({
    from: target(from),
    to: target(to),
    script: true,
    exitCode: null,
    shadowDatabaseUrl: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = result.stdout ?? "";
  return sql.trim() === "-- This is an empty migration." ? "" : sql;
}
