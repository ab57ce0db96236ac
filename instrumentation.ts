// Runs once when the server starts: a bad configuration stops it with one clear line
// instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
    process.stderr.write("Configuration error: NEXTAUTH_SECRET must be set in production (at least 32 characters; npm run demo writes one to .env)\n");
    process.exit(1);
  }
}
