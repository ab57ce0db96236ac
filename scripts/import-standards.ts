// npm run standards:import [-- <dir>]: validates and loads standards/*.json. Exits 1 if any file is invalid.
import { createDb } from "../lib/db/client";
import { env } from "../lib/env";
import { importStandards } from "../lib/standards/import";
import { standardsDir } from "../lib/standards/load-files";

const db = createDb(env.DATABASE_URL);
try {
  const started = performance.now();
  const report = await importStandards(db, process.argv[2] ?? standardsDir);
  for (const o of report.outcomes) console.log(`${o.code.padEnd(10)} version ${o.version}  ${o.change}`);
  for (const line of report.errors) console.error(line);
  console.log(
    `Imported ${report.outcomes.length} unit file(s) in ${Math.round(performance.now() - started)} ms${report.errors.length ? `; ${report.errors.length} problem(s) found, those files were not loaded` : ""}.`,
  );
  if (report.errors.length) process.exitCode = 1;
} catch (error) {
  console.error(
    `Import failed, nothing from the failing file was loaded: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
