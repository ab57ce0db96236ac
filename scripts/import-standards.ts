// npm run standards:import [-- <dir>]: validates and loads standards/*.json and the crosswalk
// between the units (crosswalk.json). Exits 1 if any file is invalid.
import { createDb } from "../lib/db/client";
import { env } from "../lib/env";
import { crosswalkFileName } from "../lib/standards/crosswalk-files";
import { importStandards } from "../lib/standards/import";
import { standardsDir } from "../lib/standards/load-files";

const db = createDb(env.DATABASE_URL);
try {
  const started = performance.now();
  const report = await importStandards(db, process.argv[2] ?? standardsDir);
  for (const o of report.outcomes) console.log(`${o.code.padEnd(10)} version ${o.version}  ${o.change}`);
  const crosswalk = report.crosswalk;
  if (crosswalk)
    console.log(
      `${"crosswalk".padEnd(10)} version ${crosswalk.version}  ${crosswalk.change} (${crosswalk.pairs} pairs)`,
    );
  for (const line of report.errors) console.error(line);
  // A refused crosswalk refuses the whole import; an invalid unit file only itself.
  const refusedCrosswalk = report.errors.some((line) => line.startsWith(`${crosswalkFileName}:`));
  const problems = !report.errors.length
    ? ""
    : refusedCrosswalk
      ? `; ${report.errors.length} problem(s) found, the crosswalk was refused and nothing was loaded`
      : `; ${report.errors.length} problem(s) found, those files were not loaded`;
  console.log(
    `Imported ${report.outcomes.length} unit file(s) in ${Math.round(performance.now() - started)} ms${problems}.`,
  );
  if (report.errors.length) process.exitCode = 1;
} catch (error) {
  console.error(`Import failed, nothing was loaded: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
