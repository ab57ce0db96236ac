// npm run admin:create -- --email <email> --name "<name>": the first platform admin of a new
// install (or another one). Prints a one-time link to choose the password; never takes one.
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/client";
import { migrationStatus } from "../lib/db/migrate";
import { redactUrl } from "../lib/db/provider";
import { env } from "../lib/env";
import { AppError, InputError } from "../lib/errors";
import { createPlatformAdmin } from "../lib/ops/create-platform-admin";

const usage = 'Usage: npm run admin:create -- --email admin@example.org --name "Ada Admin"';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: { email?: string; name?: string };
try {
  args = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true }).values;
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
if (!args.email || !args.name) fail(`Give both --email and --name.\n${usage}`);

const status = await migrationStatus(env.DATABASE_URL).catch((error: unknown) =>
  fail(
    `Cannot reach the database ${redactUrl(env.DATABASE_URL)}: ${error instanceof Error ? error.message : String(error)}`,
  ),
);
if (status.pending.length > 0)
  fail(
    `The database ${redactUrl(env.DATABASE_URL)} lacks ${status.pending.length} migration(s). Run npm run db:migrate first.`,
  );

const baseUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
if (!env.NEXTAUTH_URL)
  console.warn(`NEXTAUTH_URL is not set, so the link below uses ${baseUrl}. Set it to the app's public URL.`);

const db = createDb(env.DATABASE_URL);
try {
  const admin = await createPlatformAdmin(db, { email: args.email, name: args.name }, { baseUrl });
  console.log(`Created platform admin ${admin.email}.`);
  console.log(`Open this link to choose the password (it works once, until ${admin.expiresAt.toISOString()}):`);
  console.log(admin.link);
  console.log("Then sign in, create a centre at /platform and invite its first centre admin there.");
} catch (error) {
  if (error instanceof InputError) fail(Object.values(error.fieldErrors).flat().join(" ") || error.userMessage);
  if (error instanceof AppError) fail(error.userMessage);
  throw error;
} finally {
  await db.$disconnect();
}
