import type { NextConfig } from "next";

const isDev = process.env.NODE_ENV === "development";

// Next's hydration uses inline scripts, so script-src needs 'unsafe-inline'; 'unsafe-eval'
// is only for the dev server's hot reload and never sent in production.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg"],
  // The CSV import form posts files up to 1 MB; multipart overhead needs a little more.
  // Evidence files never go through server actions (they stream to a route handler).
  experimental: { serverActions: { bodySizeLimit: "2mb" } },
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
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Frame-Options", value: "DENY" },
        ],
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
