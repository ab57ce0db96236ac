// npm run seed:scale -- --candidates 10000 [--database-url URL] [--centre-slug SLUG] [--seed N]
// Adds one centre with realistic progress data at scale (see scripts/bench/scale-data.ts) to the
// database in DATABASE_URL, or the one given. Applies pending migrations and imports the five
// units first. For benchmarks and load testing, not for production databases.
import { parseArgs } from "node:util";
import { migrate } from "../lib/db/migrate";
import { redactUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { seedScale } from "./bench/scale-data";

const { values } = parseArgs({
  options: {
    candidates: { type: "string", default: "10000" },
    "database-url": { type: "string" },
    "centre-slug": { type: "string" },
    seed: { type: "string" },
  },
});

const candidates = Number(values.candidates);
if (!Number.isInteger(candidates) || candidates < 1) {
  console.error("--candidates must be a whole number of at least 1, e.g. --candidates 10000");
  process.exit(1);
}
const databaseUrl = values["database-url"] ?? env.DATABASE_URL;

console.log(`Seeding ${candidates} candidates into ${redactUrl(databaseUrl)}`);
try {
  await migrate(databaseUrl);
  const report = await seedScale({
    databaseUrl,
    candidates,
    centreSlug: values["centre-slug"],
    seed: values.seed === undefined ? undefined : Number(values.seed),
    log: (line) => console.log(line),
  });
  const c = report.counts;
  console.log(
    `Done in ${(report.ms / 1000).toFixed(1)} s: ${c.users} people, ${c.enrolments} enrolments, ${c.evidence} evidence items, ${c.mappings} mappings, ` +
      `${c.decisions} decisions, ${c.unitSignOffs} unit sign-offs, ${c.auditEvents} audit events.`,
  );
  console.log(
    `Centre id ${report.centreId}; its admin is admin1@${values["centre-slug"] ?? `scale-${candidates}`}.example (no password: set one through an invitation to sign in).`,
  );
} catch (error) {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
