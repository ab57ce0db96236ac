// npm run audit:verify: walks every audit chain in DATABASE_URL and exits 1 naming, for each
// broken chain, the first event that was changed, removed or inserted
// (docs/decisions/0012-audit-chain.md).
import { verifyAuditChains } from "../lib/audit/verify";
import { createDb } from "../lib/db/client";
import { redactUrl } from "../lib/db/provider";
import { env } from "../lib/env";

const db = createDb(env.DATABASE_URL);
try {
  const report = await verifyAuditChains(db);
  if (report.ok) {
    console.log(
      `Audit log intact: ${report.events} events on ${report.chains} chains in ${redactUrl(env.DATABASE_URL)}.`,
    );
  } else {
    for (const problem of report.problems) console.error(problem.message);
    console.error(
      `Audit log broken: ${report.problems.length} problem(s) in ${redactUrl(env.DATABASE_URL)}. Restore from a backup taken before the first named event, or investigate who wrote to the database directly.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
