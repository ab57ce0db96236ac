import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("defaults to the SQLite file under data/", () => {
    expect(parseEnv({}).DATABASE_URL).toBe("file:./data/app.db");
  });

  it("accepts a PostgreSQL URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@localhost:5432/db" }).DATABASE_URL).toBe(
      "postgresql://u@localhost:5432/db",
    );
  });

  it("names the variable and what it expects when a value is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(
      /^Configuration error: DATABASE_URL must start with "file:".*\(got "mysql:\/\/x"\)$/,
    );
    expect(() => parseEnv({ UPLOAD_MAX_BYTES: "lots" })).toThrowError(/UPLOAD_MAX_BYTES/);
  });

  it("stops a command with one line and a non-zero exit", () => {
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
        env: { ...process.env, DATABASE_URL: "mysql://x" },
        stdio: "pipe",
      });
    } catch (error) {
      const failed = error as { status: number; stderr: Buffer };
      status = failed.status;
      stderr = failed.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      'Configuration error: DATABASE_URL must start with "file:" (SQLite, e.g. file:./data/app.db) or "postgresql://" (PostgreSQL) (got "mysql://x")',
    ]);
  });
});

describe("configuration errors never echo secrets", () => {
  it("hides the password of a malformed URL and the value of secret variables", () => {
    expect(() => parseEnv({ SMTP_URL: "http://mailer:hunter2@example.org" })).toThrowError(
      /got "http:\/\/mailer:\*\*\*@example\.org"/,
    );
    let message = "";
    try {
      parseEnv({ NEXTAUTH_SECRET: "short-secret" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Configuration error: NEXTAUTH_SECRET/);
    expect(message).not.toContain("short-secret");
  });
});
