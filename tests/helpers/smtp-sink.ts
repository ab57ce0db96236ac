import net from "node:net";

// A mail server for tests that keeps every message it is given: enough of SMTP (RFC 5321) for
// nodemailer without TLS or authentication. Each message is kept as its raw text.

const answers: Record<string, string> = {
  EHLO: "250 sink",
  HELO: "250 sink",
  MAIL: "250 2.1.0 ok",
  RCPT: "250 2.1.5 ok",
  DATA: "354 go ahead",
  RSET: "250 ok",
  NOOP: "250 ok",
  QUIT: "221 bye",
};

export type SunkMessage = { from: string; to: string[]; data: string };

export class SmtpSink {
  readonly messages: SunkMessage[] = [];
  private server?: net.Server;
  port = 0;

  /** `acceptDelayMs`: how long it takes to accept each message, as a slow mail server would. */
  constructor(private readonly acceptDelayMs = 0) {}

  async start(): Promise<void> {
    this.server = net.createServer((socket) => this.converse(socket));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages whose raw text contains `text` (a subject, a recipient, a header). */
  containing(text: string): SunkMessage[] {
    return this.messages.filter((m) => m.data.includes(text));
  }

  private converse(socket: net.Socket): void {
    let buffer = "";
    let inData = false;
    let current: SunkMessage = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          this.messages.push(current);
          current = { from: "", to: [], data: "" };
          buffer = buffer.slice(end + 5);
          inData = false;
          setTimeout(() => reply("250 2.0.0 kept"), this.acceptDelayMs);
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "MAIL") current.from = line.slice(10).trim();
        if (verb === "RCPT") current.to.push(line.slice(8).trim());
        if (verb === "DATA") inData = true;
        reply(answers[verb] ?? "502 5.5.2 not implemented");
        if (verb === "QUIT") socket.end();
      }
    });
    socket.on("error", () => undefined);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
