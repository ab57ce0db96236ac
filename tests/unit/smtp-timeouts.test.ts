import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SmtpMailer } from "@/lib/mail/smtp-mailer";
import { checkMail } from "@/lib/ops/doctor";

// A mail server that accepts the connection and then says nothing (overloaded, or a firewall
// that swallows the session) must fail the send, so the mail.deliver job retries it later,
// rather than hold the job worker for nodemailer's minutes-long defaults.

let server: net.Server | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function silentServer(): Promise<number> {
  server = net.createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

describe("SMTP time limits", () => {
  it("fails a send to a server that never greets, within the greeting limit", async () => {
    const port = await silentServer();
    const mailer = new SmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: "portfolio@example.org",
      client: { outboxMessage: { create: () => Promise.reject(new Error("not reached")) } } as never,
      timeouts: { connectMs: 1000, greetingMs: 300, socketMs: 1000 },
    });
    await expect(mailer.send({ to: "a@example.org", subject: "Hello", text: "Hi" })).rejects.toThrow(/greeting/i);
  });

  it("makes npm run doctor's mail check fail on such a server within its own limit (5 s), naming the server", async () => {
    const port = await silentServer();
    const check = await checkMail({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: "portfolio@example.org" });
    expect(check).toMatchObject({
      ok: false,
      detail: expect.stringMatching(new RegExp(`127.0.0.1:${port}: (Timeout|Greeting)`)),
    });
  }, 20_000);
});
