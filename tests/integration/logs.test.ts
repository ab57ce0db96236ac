import { describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { OutboxMailer, SmtpMailer } from "@/lib/mail";
import { runInRequest } from "@/lib/ops/log-context";
import { withRouteLog } from "@/lib/ops/log-route";
import { useMigratedDb } from "../helpers/test-db";

// What the app's own code logs while it handles a request (sign-in, mail delivery, a route
// handler that fails), against a real database: the app's logger writes to a list here instead
// of stdout. Every line carries the request's id; no email, password or token is in any line.

type Line = Record<string, unknown> & { msg: string; level: string };
const captured = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock("server-only", () => ({}));
vi.mock("@/lib/ops/log", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/ops/log")>();
  const log = original.createLogger({
    level: "debug",
    destination: { write: (line: string) => void captured.push(JSON.parse(line)) },
  });
  return {
    ...original,
    log,
    logUnexpected: (what: string, error: unknown, fields: Record<string, unknown> = {}) =>
      log.error({ ...fields, err: error }, what),
  };
});

const state = useMigratedDb();
const password = "correct horse battery";
const email = "logged@example.org";

/** Runs `fn` as one request with this id; returns the lines it wrote. */
async function asRequest(requestId: string, fn: () => Promise<unknown>): Promise<Line[]> {
  captured.length = 0;
  await runInRequest({ requestId }, fn);
  return captured as Line[];
}

function expectNoSecrets(lines: Line[], ...secrets: string[]) {
  const text = JSON.stringify(lines);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("what a request logs", () => {
  it("logs a sign-in with the user's id and the request's id, never the email or password", async () => {
    const user = await state.db.user.create({
      data: { email, name: "Logged In", passwordHash: await hashPassword(password) },
    });
    const lines = await asRequest("req-sign-in-ok", () => signInWithPassword(state.db, email, password));
    expect(lines).toEqual([
      expect.objectContaining({ msg: "signed in", level: "info", userId: user.id, requestId: "req-sign-in-ok" }),
    ]);
    expectNoSecrets(lines, email, password);
  });

  it("logs a failed sign-in with the account's id, or unknown for an email without an account", async () => {
    const user = await state.db.user.findUniqueOrThrow({ where: { email } });
    const wrong = await asRequest("req-sign-in-wrong", () => signInWithPassword(state.db, email, "a wrong password"));
    expect(wrong).toEqual([
      expect.objectContaining({
        msg: "sign-in failed",
        level: "warn",
        userId: user.id,
        requestId: "req-sign-in-wrong",
      }),
    ]);
    expectNoSecrets(wrong, email, "a wrong password");

    const nobody = await asRequest("req-sign-in-nobody", () =>
      signInWithPassword(state.db, "nobody@example.org", password),
    );
    expect(nobody).toEqual([
      expect.objectContaining({ msg: "sign-in failed", userId: "unknown", requestId: "req-sign-in-nobody" }),
    ]);
    expectNoSecrets(nobody, "nobody@example.org", password);
  });

  it("logs mail sent and mail refused by message id, without the recipient or the text", async () => {
    const queued = [
      await new OutboxMailer(state.db).queue({ to: "first@example.org", subject: "One", text: "reset token abc123" }),
      await new OutboxMailer(state.db).queue({ to: "second@example.org", subject: "Two", text: "reset token def456" }),
    ];
    let calls = 0;
    const mailer = new SmtpMailer({
      url: "smtp://localhost:2525",
      from: "portfolio@example.org",
      client: state.db,
      transport: { sendMail: async () => (calls++ === 0 ? undefined : Promise.reject(new Error("mailbox full"))) },
    });
    const lines = await asRequest("req-mail", () =>
      mailer.deliverQueued(
        state.db,
        queued.map((m) => m.id),
      ),
    );
    expect(lines).toEqual([
      expect.objectContaining({ msg: "mail sent", outboxMessageId: queued[0]!.id, requestId: "req-mail" }),
      expect.objectContaining({ level: "error", outboxMessageId: queued[1]!.id, requestId: "req-mail" }),
    ]);
    expectNoSecrets(lines, "first@example.org", "second@example.org", "abc123", "def456");
  });

  it("answers a route handler's unexpected failure with 500 and logs it with the request id and route", async () => {
    const handler = withRouteLog("/api/example/[id]", async () => {
      throw Object.assign(new Error("database went away"), { password: "leaked-password", token: "leaked-token" });
    });
    let response: Response | undefined;
    const lines = await asRequest("req-route", async () => {
      response = await handler(new Request("http://portfolio.test/api/example/1", { method: "POST" }), {});
    });
    expect(response?.status).toBe(500);
    expect(((await response!.json()) as { message: string }).message).toMatch(/Something went wrong/);
    expect(lines).toEqual([
      expect.objectContaining({
        msg: "route handler failed",
        level: "error",
        requestId: "req-route",
        route: "/api/example/[id]",
        method: "POST",
        err: expect.objectContaining({ message: "database went away", password: "[redacted]", token: "[redacted]" }),
      }),
    ]);
    expectNoSecrets(lines, "leaked-password", "leaked-token");
  });
});
