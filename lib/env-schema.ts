import { z } from "zod";

// The environment's schema and parser, without reading the environment: npm run doctor checks a
// configuration that may be wrong without stopping at the first bad value (lib/env.ts does stop).

const databaseUrl = z.string().refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\/.+/.test(url), {
  message: 'must start with "file:" (SQLite, e.g. file:./data/app.db) or "postgresql://" (PostgreSQL)',
});

const byteSize = z.coerce.number().int().positive("must be a positive whole number of bytes");

const trustProxyMessage =
  "must be the number of reverse proxies in front of the app that set X-Forwarded-For (0 for none, usually 1)";

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: databaseUrl.default("file:./data/app.db"),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)")
    .optional(),
  NEXTAUTH_URL: z.url("must be the app's public URL, e.g. http://localhost:3000").optional(),
  STORAGE_DIR: z.string().min(1).default("./data/uploads"),
  // Where evidence files go: disk (STORAGE_DIR) or s3, any S3-compatible bucket (AWS S3, MinIO,
  // Cloudflare R2; docs/decisions/0023-object-storage.md). The S3_* settings apply to s3 only.
  STORAGE_DRIVER: z.enum(["disk", "s3"], { error: "must be disk or s3" }).default("disk"),
  S3_ENDPOINT: z.url("must be the server's URL, e.g. http://127.0.0.1:9000; leave unset for AWS S3").optional(),
  S3_BUCKET: z.string().min(3, "must be a bucket name").optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool({ error: "must be true or false" }).optional(),
  // Where resumable uploads wait until complete; with several servers, a directory they all
  // share (docs/decisions/0025-resumable-uploads.md). Kept apart from STORAGE_DIR.
  UPLOAD_STAGING_DIR: z.string().min(1).default("./data/upload-staging"),
  UPLOAD_MAX_BYTES: byteSize.default(2 * 1024 ** 3),
  CANDIDATE_QUOTA_BYTES: byteSize.default(20 * 1024 ** 3),
  PORT: z.coerce.number().int().min(1).max(65535, "must be a TCP port (1-65535)").default(3000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.org:587")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Competence Portfolio <no-reply@localhost>"),
  // How many reverse proxies in front of the app build X-Forwarded-For; 0 means the header is
  // not believed (a client could forge it), so sign-in is throttled per email (lib/auth/client-address.ts).
  TRUST_PROXY: z.coerce
    .number({ error: trustProxyMessage })
    .int(trustProxyMessage)
    .min(0, trustProxyMessage)
    .max(10, trustProxyMessage)
    .default(0),
  // Structured logs (lib/ops/log.ts): the least severe level written to stdout.
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  // GET /api/metrics answers only with this bearer token; unset, the endpoint does not exist (404).
  METRICS_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters (generate one with: openssl rand -hex 32)")
    .regex(/^[\x21-\x7e]+$/, "must be printable characters without spaces (generate one with: openssl rand -hex 32)")
    .optional(),
  // Encrypts each centre's credential signing key at rest (lib/credentials/key-secret.ts). Unset,
  // a production server refuses to sign (sign-offs say so); development and tests use a fixed
  // development secret, as next-auth does for NEXTAUTH_SECRET. Changing it makes stored keys
  // unreadable: a centre admin then rotates the key (credentials already issued still verify).
  CREDENTIAL_KEY_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)")
    .optional(),
  // Whether this server runs background jobs (lib/jobs; docs/decisions/0024-durable-jobs.md):
  // "off" for web-only servers, when other servers on the same database run them.
  JOBS_WORKER: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
});

export type Env = z.infer<typeof EnvSchema>;

// Settings that depend on each other (EnvSchema stays a plain object: doctor reads its shape).
const CheckedEnvSchema = EnvSchema.superRefine((env, context) => {
  if (env.STORAGE_DRIVER !== "s3") return;
  for (const name of ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
    if (!env[name])
      context.addIssue({
        code: "custom",
        path: [name],
        message: "must be set when STORAGE_DRIVER=s3 (the bucket and the access key that may read and write it)",
      });
  }
});

export class EnvError extends Error {}

/** Parses an environment; throws EnvError whose message is one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = CheckedEnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const value = source[name];
    // Never echo secrets: URLs lose their password, secret-like variables are not shown.
    const shown =
      value === undefined || /SECRET|PASSWORD|TOKEN/.test(name)
        ? undefined
        : value.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
    const got = shown === undefined ? "" : ` (got "${shown}")`;
    return `Configuration error: ${name} ${issue.message}${got}`;
  });
  throw new EnvError(lines.join("\n"));
}
