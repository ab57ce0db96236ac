// npm run doctor [-- --mail-to you@example.org] [--public-url https://portfolio.example.org]
// Checks the deployment's configuration; one line per check, exit status 1 if any fails.
import { parseArgs } from "node:util";
import { formatCheck, runDoctor } from "../lib/ops/doctor";

let options: { "mail-to"?: string; "public-url"?: string };
try {
  options = parseArgs({
    options: { "mail-to": { type: "string" }, "public-url": { type: "string" } },
    strict: true,
  }).values;
} catch (error) {
  console.error(
    `${error instanceof Error ? error.message : String(error)}\nUsage: npm run doctor -- [--mail-to <address>] [--public-url <https://address people open>]`,
  );
  process.exit(2);
}

// The same .env the app and the other scripts read (lib/env.ts); variables already set win.
try {
  process.loadEnvFile(".env");
} catch {
  // no .env file: defaults and the real environment apply
}

const checks = await runDoctor(process.env, { mailTo: options["mail-to"], publicUrl: options["public-url"] });
for (const check of checks) console.log(formatCheck(check));
const failed = checks.filter((check) => !check.ok).length;
console.log(failed ? `${failed} check(s) failed.` : "All checks passed.");
process.exit(failed ? 1 : 0);
