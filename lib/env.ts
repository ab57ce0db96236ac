import { EnvError, parseEnv, type Env } from "./env-schema";

export { EnvError, EnvSchema, parseEnv, type Env } from "./env-schema";

// The environment, parsed once. Nothing else reads process.env for configuration.
// A bad value stops start-up with one line naming the variable and what it expects.

function loadEnv(): Env {
  // Next.js reads .env itself; command-line scripts (tsx) get the same file here.
  // Variables already set in the environment win.
  if (!process.env.NEXT_RUNTIME && typeof process.loadEnvFile === "function") {
    try {
      process.loadEnvFile(".env");
    } catch {
      // no .env file: defaults and the real environment apply
    }
  }
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    // One clear line, no stack trace: this is an operator's mistake, not a bug.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export const env: Env = loadEnv();
