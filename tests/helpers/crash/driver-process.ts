import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import type { DriverConfig } from "./config";

const driverScript = path.join(import.meta.dirname, "driver.ts");

/** How long to wait for something before giving up: a guard against a hang, not a timing. */
const giveUpAfterMs = 45_000;

/** Waits until `condition` holds, checking about every millisecond; `stuck` says what never happened. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, stuck: () => string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > giveUpAfterMs) throw new Error(stuck());
    await sleep(1);
  }
}

/**
 * The driver (driver.ts) as a child process: started with `node --import tsx` (what `npx tsx`
 * runs), watched through the lines it prints, and killed with SIGKILL.
 */
export class DriverProcess {
  readonly lines: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = "";
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  readonly run: number;

  constructor(config: DriverConfig) {
    this.run = config.run;
    this.child = spawn(process.execPath, ["--import", "tsx", driverScript, JSON.stringify(config)], {
      cwd: path.resolve(import.meta.dirname, "../../.."),
      stdio: ["pipe", "pipe", "pipe"],
    });
    readline.createInterface({ input: this.child.stdout }).on("line", (line) => this.lines.push(line));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': every line it printed has been read by then.
      this.child.once("close", (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  count(prefix: string): number {
    return this.lines.filter((line) => line.startsWith(prefix)).length;
  }

  /** The operation the driver last said it began, was sending or finished ("upload", "decide", ...). */
  currentOperation(): string | undefined {
    return this.lines.at(-1)?.split(":")[0];
  }

  /** Waits until `condition` holds, checking about every millisecond; fails if the driver dies first. */
  async until(condition: () => boolean | Promise<boolean>): Promise<void> {
    await waitUntil(
      async () => {
        if (this.exit) throw new Error(`the driver stopped on its own (${JSON.stringify(this.exit)}):\n${this.stderr}`);
        return condition();
      },
      () => `the driver did not get there; its last lines: ${this.lines.slice(-5).join(" | ")}`,
    );
  }

  /** Waits for the driver to say it is ready, then lets it start working. */
  async go(): Promise<void> {
    await this.until(() => this.lines.includes("ready"));
    this.child.stdin.write("go\n");
  }

  /** SIGKILL (no handler runs, no finally block, nothing is flushed); resolves to how it ended. */
  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exit) this.child.kill("SIGKILL");
    return this.exited;
  }
}
