// npm run db:migrate: applies committed migrations to DATABASE_URL (SQLite file or PostgreSQL).
import { env } from "../lib/env";
import { migrate } from "../lib/db/migrate";
import { redactUrl } from "../lib/db/provider";

try {
  const status = await migrate(env.DATABASE_URL, (line) => console.log(line));
  console.log(`Database ${redactUrl(env.DATABASE_URL)} is up to date (${status.applied.length} migrations).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
