import { env } from "./lib/env";

// Node-only start-up checks (importing lib/env stops the server on a bad variable).
if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
  process.stderr.write("Configuration error: NEXTAUTH_SECRET must be set in production (at least 32 characters; npm run demo writes one to .env)\n");
  process.exit(1);
}
