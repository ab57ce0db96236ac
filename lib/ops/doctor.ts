import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrationStatus } from "../db/migrate";
import { providerOf, redactUrl, sqliteFilePath } from "../db/provider";
import { EnvError, EnvSchema, parseEnv } from "../env-schema";
import { createSmtpTransport } from "../mail/smtp-transport";
import { s3SettingsOf } from "../storage/s3";
import { probeObjectStore, probeStorage } from "./storage-probe";

// npm run doctor: what a deployment commonly gets wrong, one check per function so each can be
// tested alone. Checks read the raw environment (not lib/env, which stops the process at the
// first bad value) so that every problem is reported in one run.

export type DoctorCheck = {
  name: string;
  ok: boolean;
  detail: string;
  /** Passes, but worth a look. */ warning?: boolean;
};

type Source = Record<string, string | undefined>;
const GiB = 1024 ** 3;
const timeoutMs = 5_000;

const pass = (name: string, detail: string): DoctorCheck => ({ name, ok: true, detail });
const warn = (name: string, detail: string): DoctorCheck => ({ name, ok: true, warning: true, detail });
const fail = (name: string, detail: string): DoctorCheck => ({ name, ok: false, detail });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

/** A variable as the app reads it: unset and empty are the same; an invalid value is kept as typed, for its check to report. */
function setting<K extends keyof typeof EnvSchema.shape>(source: Source, name: K): string {
  const raw = source[name] || undefined;
  const parsed = EnvSchema.shape[name].safeParse(raw);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : (raw ?? "");
}

// Variables with a check of their own below; the configuration check reports the rest.
const ownCheck = /^Configuration error: (DATABASE_URL|NEXTAUTH_SECRET|NEXTAUTH_URL|SMTP_URL) /;

export function checkConfiguration(source: Source): DoctorCheck {
  try {
    parseEnv(source);
    return pass("configuration", "every variable has a valid value");
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    const lines = error.message.split("\n").filter((line) => !ownCheck.test(line));
    return lines.length
      ? fail("configuration", lines.map((line) => line.replace(/^Configuration error: /, "")).join("; "))
      : pass("configuration", "the other variables are valid");
  }
}

export async function checkDatabase(databaseUrl: string): Promise<DoctorCheck> {
  let provider;
  try {
    provider = providerOf(databaseUrl);
  } catch {
    return fail(
      "database",
      `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${redactUrl(databaseUrl).split(":")[0]}:..."`,
    );
  }
  const shown = redactUrl(databaseUrl);
  if (provider === "sqlite") {
    const file = path.resolve(sqliteFilePath(databaseUrl));
    if (!fs.existsSync(file))
      return fail(
        "database",
        `the SQLite file ${file} does not exist. Run npm run db:migrate to create it, or fix DATABASE_URL.`,
      );
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        db.prepare("SELECT 1").get();
      } finally {
        db.close();
      }
      return pass("database", `SQLite file ${file} opens`);
    } catch (error) {
      return fail("database", `cannot open the SQLite file ${file}: ${messageOf(error)}`);
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return pass("database", `PostgreSQL at ${shown} answers`);
  } catch (error) {
    return fail("database", `PostgreSQL at ${shown} does not answer: ${messageOf(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function checkMigrations(databaseUrl: string): Promise<DoctorCheck> {
  try {
    const status = await migrationStatus(databaseUrl);
    if (status.edited.length)
      return fail(
        "migrations",
        `applied migrations differ from the committed files: ${status.edited.join(", ")}. Restore the committed files.`,
      );
    if (status.pending.length)
      return fail(
        "migrations",
        `${status.pending.length} of ${status.pending.length + status.applied.length} not applied (${status.pending.join(", ")}). Run npm run db:migrate.`,
      );
    return pass("migrations", `all ${status.applied.length} applied`);
  } catch (error) {
    return fail("migrations", `cannot read them: ${messageOf(error)}`);
  }
}

export async function checkStorage(storageDir: string): Promise<DoctorCheck> {
  const probe = await probeStorage(storageDir);
  return probe.ok ? pass("storage", `${path.resolve(storageDir)} is writable`) : fail("storage", probe.reason);
}

// The settings an S3 provider is built from, parsed alone so another bad variable does not hide them.
const s3Schema = EnvSchema.pick({
  STORAGE_DRIVER: true,
  STORAGE_DIR: true,
  S3_ENDPOINT: true,
  S3_BUCKET: true,
  S3_REGION: true,
  S3_ACCESS_KEY_ID: true,
  S3_SECRET_ACCESS_KEY: true,
  S3_FORCE_PATH_STYLE: true,
});

/** STORAGE_DRIVER=s3: the bucket takes a small object (written and removed again). */
export async function checkObjectStore(source: Source): Promise<DoctorCheck> {
  const picked = Object.keys(s3Schema.shape).map((name) => [name, source[name] || undefined]);
  const parsed = s3Schema.safeParse(Object.fromEntries(picked));
  if (!parsed.success) return fail("storage", "not checked: fix the S3_* settings the configuration check names");
  let settings;
  try {
    settings = s3SettingsOf(parsed.data);
  } catch {
    return fail("storage", "STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  }
  const probe = await probeObjectStore(settings, timeoutMs);
  const where = settings.endpoint ?? `AWS S3 (${settings.region})`;
  return probe.ok
    ? pass("storage", `bucket ${settings.bucket} at ${where} is writable`)
    : fail("storage", probe.reason);
}

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** NEXTAUTH_URL: set, https unless the app is only used on this machine, and the address people use. */
export function checkPublicUrl(nextauthUrl: string | undefined, options: { publicUrl?: string } = {}): DoctorCheck {
  const name = "public URL";
  if (!nextauthUrl)
    return fail(
      name,
      "NEXTAUTH_URL is not set. Set it to the address people open, e.g. https://portfolio.example.org: links in invitations and resets use it.",
    );
  let url: URL;
  try {
    url = new URL(nextauthUrl);
  } catch {
    return fail(
      name,
      `NEXTAUTH_URL "${nextauthUrl}" is not a URL. Set it to the address people open, e.g. https://portfolio.example.org`,
    );
  }
  const local = localHosts.has(url.hostname);
  if (url.protocol !== "https:" && !local) {
    return fail(
      name,
      `NEXTAUTH_URL ${url.origin} is not https. Outside localhost passwords and session cookies must not cross the network in clear: put the app behind TLS (docs/deploy.md) and use https://.`,
    );
  }
  if (options.publicUrl !== undefined) {
    let expected: string;
    try {
      expected = new URL(options.publicUrl).origin;
    } catch {
      return fail(name, `--public-url "${options.publicUrl}" is not a URL.`);
    }
    if (expected !== url.origin)
      return fail(
        name,
        `NEXTAUTH_URL is ${url.origin} but people open ${expected}: sign-in redirects and links in mail would go to the wrong place.`,
      );
  }
  if (url.pathname !== "/")
    return warn(name, `NEXTAUTH_URL ${nextauthUrl} has a path; the app expects to be served at the root of its host.`);
  if (local) return warn(name, `NEXTAUTH_URL is ${url.origin}: fine on this machine only; links in mail point here.`);
  return pass(
    name,
    `${url.origin}${options.publicUrl === undefined ? " (give --public-url to compare with the address people open)" : ", as people open it"}`,
  );
}

export function checkSecret(secret: string | undefined): DoctorCheck {
  if (!secret)
    return fail("secret", "NEXTAUTH_SECRET is not set; sign-in cannot work. Generate one: openssl rand -base64 32");
  if (secret.length < 32)
    return fail(
      "secret",
      `NEXTAUTH_SECRET has ${secret.length} characters; it needs at least 32. Generate one: openssl rand -base64 32`,
    );
  return pass("secret", `NEXTAUTH_SECRET has ${secret.length} characters`);
}

/**
 * CREDENTIAL_KEY_SECRET unlocks each centre's credential signing key. Unset, a production server
 * refuses every unit sign-off (it cannot issue the credential), so the operator hears it here first.
 */
export function checkCredentialSecret(secret: string | undefined): DoctorCheck {
  const name = "credentials";
  const generate = "Generate one: openssl rand -base64 32, and back it up apart from the database.";
  if (!secret)
    return fail(name, `CREDENTIAL_KEY_SECRET is not set; in production units cannot be signed off. ${generate}`);
  if (secret.length < 32)
    return fail(name, `CREDENTIAL_KEY_SECRET has ${secret.length} characters; it needs at least 32. ${generate}`);
  return pass(name, `CREDENTIAL_KEY_SECRET has ${secret.length} characters`);
}

/** The part of a nodemailer transport the mail check uses (tests may pass their own). */
export type DoctorMailTransport = {
  verify(): Promise<unknown>;
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
};

export async function checkMail(
  config: { smtpUrl: string | undefined; mailFrom: string; mailTo?: string },
  createTransport: (url: string) => DoctorMailTransport = (url) =>
    createSmtpTransport(url, { connectMs: timeoutMs, greetingMs: timeoutMs, socketMs: timeoutMs }),
): Promise<DoctorCheck> {
  if (!config.smtpUrl) {
    return warn(
      "mail",
      `SMTP_URL is not set: mail stays in the outbox (centre admins read it at /admin/outbox) and nobody is emailed.${config.mailTo ? " No test mail sent." : ""}`,
    );
  }
  if (!/^smtps?:\/\/.+/.test(config.smtpUrl))
    return fail("mail", "SMTP_URL must start with smtp:// or smtps://, e.g. smtp://user:password@mail.example.org:587");
  const server = redactUrl(config.smtpUrl);
  const transport = createTransport(config.smtpUrl);
  try {
    await transport.verify();
    if (!config.mailTo)
      return pass(
        "mail",
        `${server} accepts a connection from ${config.mailFrom}; give --mail-to <address> to send a test message`,
      );
    await transport.sendMail({
      from: config.mailFrom,
      to: config.mailTo,
      subject: "Competence Portfolio: test message from npm run doctor",
      text: "This message was sent by npm run doctor to check the mail settings. If you are reading it, mail works.",
    });
    return pass("mail", `test message sent to ${config.mailTo} through ${server}; check that it arrived`);
  } catch (error) {
    return fail("mail", `${server}: ${messageOf(error)}. Check SMTP_URL (host, port, user, password) and MAIL_FROM.`);
  } finally {
    transport.close?.();
  }
}

/** The nearest directory that exists: the upload directory may not have been created yet. */
function existingAncestor(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

export async function checkDisk(storageDir: string, uploadMaxBytes: number): Promise<DoctorCheck> {
  const where = existingAncestor(storageDir);
  try {
    const stats = await fs.promises.statfs(where);
    const free = stats.bavail * stats.bsize;
    const shown = `${(free / GiB).toFixed(1)} GiB free under ${where}`;
    const largest = `${(uploadMaxBytes / GiB).toFixed(1)} GiB`;
    if (free < uploadMaxBytes)
      return fail("disk", `${shown}: less than one upload of the largest size (${largest}, UPLOAD_MAX_BYTES)`);
    // An upload is written in full before it is kept, so several at once need room for each.
    if (free < 4 * uploadMaxBytes)
      return warn("disk", `${shown}: room for fewer than four uploads of the largest size (${largest})`);
    return pass("disk", shown);
  } catch (error) {
    return fail("disk", `cannot read the free space under ${where}: ${messageOf(error)}`);
  }
}

/** Behind a TLS proxy, TRUST_PROXY=0 throttles sign-in for everyone together (one client address). */
export function checkProxy(nextauthUrl: string | undefined, trustProxy: string): DoctorCheck {
  const https = nextauthUrl?.startsWith("https://") ?? false;
  if (https && trustProxy === "0") {
    return warn(
      "proxy",
      "NEXTAUTH_URL is https, so a reverse proxy is in front, but TRUST_PROXY is 0: sign-in throttling sees every client as one. Set TRUST_PROXY=1 if the proxy sets X-Forwarded-For.",
    );
  }
  return pass("proxy", `TRUST_PROXY=${trustProxy}`);
}

export type DoctorOptions = {
  mailTo?: string;
  publicUrl?: string;
  createMailTransport?: (url: string) => DoctorMailTransport;
};

/** Every check, in the order an operator fixes things. */
export async function runDoctor(source: Source, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const databaseUrl = setting(source, "DATABASE_URL");
  const storageDir = setting(source, "STORAGE_DIR");
  const uploadMax = Number(setting(source, "UPLOAD_MAX_BYTES")) || 2 * GiB;
  const database = await checkDatabase(databaseUrl);
  const s3 = setting(source, "STORAGE_DRIVER") === "s3";
  return [
    checkConfiguration(source),
    database,
    database.ok ? await checkMigrations(databaseUrl) : fail("migrations", "not checked: the database does not answer"),
    s3 ? await checkObjectStore(source) : await checkStorage(storageDir),
    // On S3 an upload streams through memory (a few parts at a time), never to a local file.
    s3 ? pass("disk", "not used for evidence files (STORAGE_DRIVER=s3)") : await checkDisk(storageDir, uploadMax),
    checkPublicUrl(source.NEXTAUTH_URL || undefined, { publicUrl: options.publicUrl }),
    checkSecret(source.NEXTAUTH_SECRET || undefined),
    checkCredentialSecret(source.CREDENTIAL_KEY_SECRET || undefined),
    checkProxy(source.NEXTAUTH_URL || undefined, setting(source, "TRUST_PROXY")),
    await checkMail(
      { smtpUrl: source.SMTP_URL || undefined, mailFrom: setting(source, "MAIL_FROM"), mailTo: options.mailTo },
      options.createMailTransport,
    ),
  ];
}

/** One line per check: "ok", "warn" or "FAIL", its name and what was found. */
export function formatCheck(check: DoctorCheck): string {
  const status = !check.ok ? "FAIL" : check.warning ? "warn" : "ok";
  return `${status.padEnd(4)}  ${check.name.padEnd(13)} ${check.detail}`;
}
