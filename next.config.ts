import type { NextConfig } from "next";
import { contentSecurityPolicy } from "./lib/http/content-security-policy";
import { serverActionBodyLimit } from "./lib/http/server-action-limit";

const isDev = process.env.NODE_ENV === "development";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg"],
  // One limit, shared with proxy.ts, which answers 413 above it (lib/http/server-action-limit.ts).
  experimental: { serverActions: { bodySizeLimit: serverActionBodyLimit } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // Evidence file responses set their own, stricter policy (CSP sandbox); Next would
        // otherwise let these config headers override the route handler's.
        source: "/:path((?!api/files/).*)",
        headers: [{ key: "X-Frame-Options", value: "DENY" }],
      },
      {
        // Pages get their Content-Security-Policy, with a per-request script nonce, from
        // proxy.ts. /api is outside the proxy, so its routes get this fixed policy (no inline
        // script at all); evidence files, again, keep their own.
        source: "/api/:path((?!files/).*)",
        headers: [{ key: "Content-Security-Policy", value: contentSecurityPolicy(null, { dev: isDev }) }],
      },
      {
        // Behind a TLS-terminating proxy only: HSTS over plain http would be ignored anyway,
        // and must never lock a local demo out of http://localhost.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
