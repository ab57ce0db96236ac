// The upload bench: streams the same generated file (1 GiB by default) through the app's two
// upload routes under `next start` (the one-request POST /api/evidence/<id>/files, and the
// resumable tus route the browser uses: POST /api/uploads, then 64 MiB PATCHes) and through the
// floor, a bare node:http server that does the same streaming, SHA-256 hashing and fsync'd
// write + rename on the same disk (scripts/bench/upload-floor-server.mjs). Both servers are their
// own Node processes, started here and measured the same way: wall-clock time of each upload as
// the client sees it (first byte sent to response received), and the resident memory of each
// server's process tree sampled every 50 ms.
//
// Targets (issue 20, item 7): each app route's median throughput at least 0.8 of the floor's,
// its server CPU per upload at most 1.25x the floor's, and the app's peak RSS growth during
// the big uploads under 64 MB. MB here is always 10^6 bytes. The tus route writes each file
// twice (staged, then handed to storage), so its cost is expected above the one-request route's.
//
// Where the app's extra CPU goes (about 0.7 s per GiB over the floor's 2.8 s; profiled with
// --upload-cpu-prof on Next 16.4.6, Node 20.20): not in lib/evidence or lib/storage, but in how
// the request body reaches a route handler. Node's undici turns the IncomingMessage into the
// Request's ReadableStream through an async iterator and copies every 64 KiB chunk
// (`new Uint8Array(buf)` in ReadableStreamFrom), Next's AsyncLocalStorage makes every one of
// those promises pay for async_hooks, and the copies double the garbage. Readable.fromWeb in
// receive-upload.ts costs under 0.1 s. So when the disk is fast and the CPU is the limit, the
// ratio sits near 0.8; when the disk is the limit it is near 1.
//
// Needs a production build (`npx next build`); without .next/BUILD_ID the section is skipped.
// Everything it makes (a SQLite database, both upload directories) lives in one temporary
// directory that is removed at the end, and both servers are stopped even on failure.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { demoPassword, seedDemo } from "../../lib/demo/seed";
import { importStandards } from "../../lib/standards/import";
import { cpuSecondsOf, processTree } from "./process-tree.mjs";

const MiB = 1024 * 1024;
const MB = 1_000_000;
const RATIO_TARGET = 0.8;
const RSS_TARGET_MB = 64;
const SAMPLE_MS = 50;
const CANDIDATE_EMAIL = "candidate@northgate.example";
const ASSESSOR_EMAIL = "assessor@northgate.example";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * What is uploaded, and by whom: a candidate's evidence (a PDF), or the recording of a professional
 * discussion (a WAV file) by the assessor who recorded the discussion. Both go through the same
 * route (POST /api/evidence/<id>/files); the second checks the assessor's path through it.
 */
export type UploadKind = "evidence" | "discussion";

const kinds: Record<
  UploadKind,
  { email: string; fileName: string; mimeType: string; header: (size: number) => Buffer; title: string }
> = {
  evidence: {
    email: CANDIDATE_EMAIL,
    fileName: "bench recording.pdf",
    mimeType: "application/pdf",
    header: () => Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1"),
    title: "Upload bench recording",
  },
  discussion: {
    email: ASSESSOR_EMAIL,
    fileName: "discussion recording.wav",
    mimeType: "audio/wav",
    header: wavHeader,
    title: "Upload bench professional discussion",
  },
};

/** The 44-byte header of a PCM WAV file (16-bit stereo, 44.1 kHz) holding `size` bytes in all. */
function wavHeader(size: number): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(Math.min(size - 8, 0xffffffff), 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22); // channels
  header.writeUInt32LE(44_100, 24);
  header.writeUInt32LE(44_100 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(Math.min(size - 44, 0xffffffff), 40);
  return header;
}

export type UploadBenchOptions = {
  /** What is uploaded and by whom; a candidate's evidence unless said. */
  kind?: UploadKind;
  mib: number;
  runs: number;
  log: (line: string) => void;
  /** Where to write V8 CPU profiles of both servers (<dir>/app, <dir>/floor), if anywhere. */
  cpuProfDir?: string;
};

type ServerName = "app" | "floor";
/**
 * How a file reaches a server: "app" is the one-request route, "tus" the resumable route the
 * browser uses (POST /api/uploads, then 64 MiB PATCHes, as tus-js-client sends them; both served
 * by the same next start), "floor" the bare node:http server.
 */
type Route = "app" | "tus" | "floor";
const routes: Route[] = ["app", "tus", "floor"];
const serverOf = (route: Route): ServerName => (route === "floor" ? "floor" : "app");
/** The browser's chunk size (components/evidence/resumable-upload.ts). */
const TUS_CHUNK = 64 * MiB;
/** The target for server CPU per GiB against the floor's (issue 20, item 7). */
const CPU_RATIO_TARGET = 1.25;

export type UploadBenchResult =
  | { skipped: string }
  | {
      bytes: number;
      runs: number;
      /** Seconds per upload, in the order run. */
      seconds: Record<Route, number[]>;
      /** CPU seconds (user + system) the server's process tree spent on each upload. */
      cpu: Record<Route, number[]>;
      rss: Record<ServerName, { baseline: number; peak: number; processes: number }>;
      sampling: { samples: number; longestGapMs: number };
      warnings: string[];
    };

// ---------------------------------------------------------------------------------------------
// The file: generated on the fly in 1 MiB pieces, never held whole. A PDF header up front so the
// app's sniffer (lib/evidence/sniff-type.ts) accepts it from its first 4 KiB alone, as it does a
// real PDF: only ZIP containers and unrecognised binaries make it read the file back. The rest is
// random bytes (one random MiB, repeated), so nothing on the way can compress it.

type Payload = { size: number; chunks: () => Iterable<Buffer>; sha256: string };

async function makePayload(size: number, header: (size: number) => Buffer): Promise<Payload> {
  const block = crypto.randomBytes(MiB);
  const first = Buffer.from(block);
  header(size).copy(first);
  function* chunks(): Generator<Buffer> {
    for (let offset = 0; offset < size; offset += MiB) {
      const piece = offset === 0 ? first : block;
      yield size - offset >= MiB ? piece : piece.subarray(0, size - offset);
    }
  }
  // The client's hash of exactly what it sends, computed once here rather than during each
  // timed upload: a third SHA-256 running on the same (often two) cores would slow both servers
  // and blur the comparison. The generator is deterministic, and each upload counts the bytes
  // it sent, so a server reporting this hash received these bytes.
  const hash = crypto.createHash("sha256");
  let n = 0;
  for (const chunk of chunks()) {
    hash.update(chunk);
    // Let signals in (tsx kills a child that does not take its Ctrl-C within 60 ms).
    if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { size, chunks, sha256: hash.digest("hex") };
}

/** The payload in consecutive parts of `partSize` bytes (a multiple of the 1 MiB pieces), as tus PATCHes send it. */
function* partsOf(payload: Payload, partSize: number): Generator<Omit<Payload, "sha256">> {
  let pieces: Buffer[] = [];
  let size = 0;
  const part = (held: Buffer[], bytes: number) => ({ size: bytes, chunks: () => held.values() });
  for (const piece of payload.chunks()) {
    pieces.push(piece);
    size += piece.length;
    if (size >= partSize) {
      yield part(pieces, size);
      pieces = [];
      size = 0;
    }
  }
  if (size > 0) yield part(pieces, size);
}

// ---------------------------------------------------------------------------------------------
// HTTP client

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders; seconds: number; sent: number };

/** Sends `payload` as the raw request body with a Content-Length, respecting backpressure. */
function send(
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  payload?: Omit<Payload, "sha256">,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let done = false;
    const req = http.request({
      host: "127.0.0.1",
      port,
      method,
      path: urlPath,
      agent: false,
      headers: payload ? { ...headers, "Content-Length": String(payload.size) } : headers,
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${urlPath} took over 15 minutes`)), 15 * 60_000);
    const finish = (error: Error | null, reply?: Reply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(reply as Reply);
    };
    req.on("error", (error) => finish(error));
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("error", (error) => finish(error));
      res.on("end", () =>
        finish(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString("utf8"),
          seconds: (performance.now() - started) / 1000,
          sent,
        }),
      );
    });
    if (!payload) {
      req.end();
      return;
    }
    void (async () => {
      for (const chunk of payload.chunks()) {
        if (done || req.destroyed) return; // the server answered (or failed) early
        sent += chunk.length;
        if (!req.write(chunk)) {
          await new Promise<void>((resume) => {
            const go = () => {
              req.off("drain", go);
              req.off("close", go);
              resume();
            };
            req.on("drain", go);
            req.on("close", go);
          });
        }
      }
      req.end();
    })();
  });
}

/** Signs in as `email` through next-auth's own credentials flow; returns the Cookie header. */
async function signIn(port: number, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (reply: Reply) => {
    for (const line of reply.headers["set-cookie"] ?? []) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await send(port, "GET", "/api/auth/csrf", {});
  keep(csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken?: string };
  if (csrf.status !== 200 || !csrfToken)
    throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${csrf.body.slice(0, 200)}`);
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const body: Payload = {
    size: Buffer.byteLength(form),
    sha256: "",
    chunks: function* () {
      yield Buffer.from(form);
    },
  };
  const reply = await send(
    port,
    "POST",
    "/api/auth/callback/credentials",
    { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body,
  );
  keep(reply);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`signing in as ${email} gave no session cookie (${reply.status}: ${reply.body.slice(0, 200)})`);
  }
  return cookie();
}

// ---------------------------------------------------------------------------------------------
// Processes and memory

/** A TCP port nothing listens on right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

type Server = { name: ServerName; child: ChildProcess; output: () => string };

/**
 * Starts a server. It stays in the bench's process group, so a Ctrl-C in the terminal reaches it
 * too (even if this process is killed before it can clean up).
 */
function startProcess(
  name: ServerName,
  args: string[],
  env: NodeJS.ProcessEnv,
  cpuProfDir: string | undefined,
): Server {
  // --cpu-prof is refused in NODE_OPTIONS, so it goes on the command line; written at exit.
  const profile = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(cpuProfDir, name)}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (part: Buffer) => void (output = (output + part.toString("utf8")).slice(-8000));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { name, child, output: () => output };
}

/** User + system CPU seconds used so far by the server's process tree. */
function cpuSeconds(server: Server): number {
  return cpuSecondsOf(processTree(server.child.pid as number));
}

/** Signals the server and every process under it (by pid: `next start` may fork a server). */
function signalTree(server: Server | undefined, signal: NodeJS.Signals): void {
  const child = server?.child;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  for (const pid of processTree(child.pid).reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

async function stopProcess(server: Server | undefined): Promise<void> {
  const child = server?.child;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signalTree(server, "SIGTERM");
  const timer = setTimeout(() => signalTree(server, "SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

type RestingRss = Record<ServerName, { rss: number; processes: number }>;
type Peaks = { peaks: Record<ServerName, number>; samples: number; longestGapMs: number };

/**
 * The summed RSS of each server's process tree (/proc/<pid>/status VmRSS of the server and all
 * its descendants), sampled every SAMPLE_MS by a worker thread (rss-sampler.mjs) so the
 * client's work on this thread cannot delay a sample.
 */
class RssSampler {
  private readonly worker: Worker;
  private failure: Error | undefined;
  constructor(servers: Server[]) {
    const roots = Object.fromEntries(servers.map((s) => [s.name, s.child.pid as number]));
    this.worker = new Worker(new URL("./rss-sampler.mjs", import.meta.url), {
      workerData: { roots, intervalMs: SAMPLE_MS },
    });
    this.worker.on("error", (error) => void (this.failure = error));
  }
  /** Sends a message and waits for the worker's reply (or its end). */
  private ask<T>(message: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = () => reject(this.failure ?? new Error("the RSS sampler stopped"));
      this.worker.once("exit", onExit);
      this.worker.once("message", (reply: T) => {
        this.worker.off("exit", onExit);
        resolve(reply);
      });
      this.worker.postMessage(message);
    });
  }
  /** Median RSS over a second of an idle server, and the size of its process tree. */
  rest(): Promise<RestingRss> {
    return this.ask<RestingRss>("rest");
  }
  start(): void {
    this.worker.postMessage("start");
  }
  stop(): Promise<Peaks> {
    return this.ask<Peaks>("stop");
  }
  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

async function waitFor<T>(
  what: string,
  server: Server,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`${what}: the ${server.name} server exited (${server.child.exitCode}):\n${server.output()}`);
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: gave up after ${timeoutMs / 1000} s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------------------------

/** Newest modification time under the app's source directories (to flag a stale build). */
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of [
    "app",
    "lib",
    "components",
    "proxy.ts",
    "next.config.ts",
    "instrumentation.ts",
    "instrumentation-node.ts",
  ])
    walk(path.join(appDir, entry));
  return newest;
}

async function createBenchEvidence(db: Db, kind: UploadKind): Promise<{ evidenceId: string }> {
  // An assessor reaches a candidate's evidence through an enrolment they assess, and the demo's
  // enrolments need the units: load the standards first for a discussion.
  if (kind === "discussion") {
    const report = await importStandards(db);
    if (report.errors.length > 0) throw new Error(`standards import failed: ${JSON.stringify(report.errors)}`);
  }
  await seedDemo(db);
  // A discussion recorded by Cara's assessor and not yet confirmed by her: its author may add files.
  const authorId =
    kind === "discussion"
      ? (await db.user.findUniqueOrThrow({ where: { email: ASSESSOR_EMAIL }, select: { id: true } })).id
      : null;
  const candidate = await db.user.findUniqueOrThrow({
    where: { email: CANDIDATE_EMAIL },
    select: { id: true, memberships: { select: { centreId: true, role: true } } },
  });
  const centreId = candidate.memberships.find((m) => m.role === "CANDIDATE")?.centreId;
  if (!centreId) throw new Error(`${CANDIDATE_EMAIL} has no candidate membership`);
  // Not submitted and with no mappings: the candidate may still add files to it.
  const evidence = await db.evidence.create({
    data: {
      centreId,
      candidateId: candidate.id,
      title: kinds[kind].title,
      method: kind === "discussion" ? "professionalDiscussion" : "product",
      authorId,
      submittedAt: kind === "discussion" ? new Date() : null,
      activityDate: new Date(),
      description: "Made by npm run bench.",
    },
    select: { id: true },
  });
  return { evidenceId: evidence.id };
}

// long-function: one benchmark run in order: check the build, start the app and the floor server, sign in, warm up, time the uploads while sampling memory, then stop both servers and clean up; the servers and the directory are shared by the cleanup in finally and on signals, so the steps stay in one scope
export async function benchUpload({
  kind = "evidence",
  mib,
  runs,
  log,
  cpuProfDir,
}: UploadBenchOptions): Promise<UploadBenchResult> {
  const upload = kinds[kind];
  const buildId = path.join(appDir, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId))
    return {
      skipped: "No production build (.next/BUILD_ID is missing): run `npx next build` first. Upload bench skipped.",
    };
  const warnings: string[] = [];
  if (newestSourceMtime() > fs.statSync(buildId).mtimeMs)
    warnings.push("app/ or lib/ changed after the last `npx next build`: these figures are for the older build.");

  const size = mib * MiB;
  const warmSize = Math.min(size, 64 * MiB);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cp-upload-bench-"));
  const appStore = path.join(work, "app-uploads");
  const floorStore = path.join(work, "floor-uploads");
  const appStaging = path.join(work, "app-staging");
  const databaseUrl = `file:${path.join(work, "bench.db")}`;
  let db: Db | undefined;
  let app: Server | undefined;
  let floor: Server | undefined;
  // Ctrl-C or a kill: stop the servers and remove the directory. Synchronous, as npm and tsx may
  // not wait long for this process.
  const stopAll = (signal: NodeJS.Signals) => {
    for (const server of [app, floor]) signalTree(server, "SIGKILL");
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  try {
    await migrate(databaseUrl);
    db = createDb(databaseUrl);
    const { evidenceId } = await createBenchEvidence(db, kind);

    const appPort = await freePort();
    app = startProcess(
      "app",
      [path.join(appDir, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort), "-H", "127.0.0.1"],
      {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
        NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        STORAGE_DIR: appStore,
        UPLOAD_STAGING_DIR: appStaging,
        // Large enough for every upload of the run; each is removed again after it is checked.
        UPLOAD_MAX_BYTES: String(Math.max(2 * 1024 * MiB, size + MiB)),
        CANDIDATE_QUOTA_BYTES: String(Math.max(4 * 1024 * MiB, 2 * size + MiB)),
      },
      cpuProfDir,
    );
    floor = startProcess(
      "floor",
      [path.join(appDir, "scripts/bench/upload-floor-server.mjs"), floorStore],
      { ...process.env, NODE_ENV: "production" },
      cpuProfDir,
    );
    const floorPort = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: (floor as Server).child.stdout as NodeJS.ReadableStream });
      lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
      (floor as Server).child.once("exit", (code) =>
        reject(new Error(`the floor server exited (${code}): ${(floor as Server).output()}`)),
      );
    });
    await waitFor("starting next start", app, 60_000, async () =>
      (await send(appPort, "GET", "/api/health", {})).status === 200 ? true : undefined,
    );

    // Signed in through next-auth's real credentials flow (CSRF token, then the callback), not a
    // cookie minted with next-auth/jwt's encode: the cookie is then exactly what the app issues
    // (name, prefix, claims, lifetime), so a change to lib/auth/options.ts cannot leave the bench
    // uploading with a token the app would no longer accept, or accept for the wrong reasons.
    const cookie = await signIn(appPort, upload.email, demoPassword);

    const appHeaders = {
      Cookie: cookie,
      "X-File-Name": encodeURIComponent(upload.fileName),
      "Content-Type": "application/octet-stream",
    };
    const stored = { app: appStore, floor: floorStore };

    /**
     * The resumable route as the browser drives it: create the upload, then PATCH it 64 MiB at a
     * time, each PATCH waiting for the one before. The reply is the last PATCH's (the recorded
     * file), with the time and bytes of the whole upload.
     */
    const sendTus = async (payload: Payload): Promise<Reply> => {
      const started = performance.now();
      const tus = { Cookie: cookie, "Tus-Resumable": "1.0.0" };
      const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
      const created = await send(appPort, "POST", "/api/uploads", {
        ...tus,
        "Upload-Length": String(payload.size),
        "Upload-Metadata": `evidenceId ${b64(evidenceId)},filename ${b64(upload.fileName)}`,
      });
      const location = created.headers.location;
      if (created.status !== 201 || !location)
        throw new Error(`tus create: HTTP ${created.status} ${created.body.slice(0, 300)}`);
      let offset = 0;
      let last = created;
      for (const part of partsOf(payload, TUS_CHUNK)) {
        last = await send(
          appPort,
          "PATCH",
          new URL(location, `http://127.0.0.1:${appPort}`).pathname,
          { ...tus, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
          part,
        );
        const done = offset + part.size === payload.size;
        if (last.status !== (done ? 200 : 204))
          throw new Error(`tus PATCH at ${offset}: HTTP ${last.status} ${last.body.slice(0, 300)}`);
        offset += last.sent;
      }
      // Answered like the one-request route's 201, so both are checked the same way below.
      return { ...last, status: 201, seconds: (performance.now() - started) / 1000, sent: offset };
    };

    /** One upload, checked end to end, then removed; returns its wall-clock and the server's CPU seconds. */
    const uploadTo = async (route: Route, payload: Payload): Promise<{ seconds: number; cpu: number }> => {
      const server = serverOf(route);
      const what = `${route} upload of ${payload.size} bytes`;
      const cpuBefore = cpuSeconds(server === "app" ? (app as Server) : (floor as Server));
      const reply = await (
        route === "app"
          ? send(appPort, "POST", `/api/evidence/${evidenceId}/files`, appHeaders, payload)
          : route === "tus"
            ? sendTus(payload)
            : send(floorPort, "POST", "/", { "Content-Type": "application/octet-stream" }, payload)
      ).catch(async (error: unknown) => {
        await new Promise((r) => setTimeout(r, 300)); // a server that died: let its exit be seen
        const child = (server === "app" ? app : floor)?.child;
        const ended =
          child && (child.exitCode !== null || child.signalCode !== null)
            ? ` (the ${server} server ended: ${child.exitCode ?? child.signalCode})`
            : "";
        throw new Error(`${what} failed: ${String(error)}${ended}`, { cause: error });
      });
      const cpu = cpuSeconds(server === "app" ? (app as Server) : (floor as Server)) - cpuBefore;
      if (reply.status !== 201) throw new Error(`${what}: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
      if (reply.sent !== payload.size) throw new Error(`${what}: the client sent ${reply.sent} bytes`);
      const body = JSON.parse(reply.body) as {
        id?: string;
        key?: string;
        size: number;
        sha256: string;
        mimeType?: string;
      };
      if (body.sha256 !== payload.sha256)
        throw new Error(`${what}: server's SHA-256 ${body.sha256} is not the client's ${payload.sha256}`);
      if (body.size !== payload.size) throw new Error(`${what}: server recorded ${body.size} bytes`);
      if (server === "app" && body.mimeType !== upload.mimeType)
        throw new Error(`${what}: stored as ${body.mimeType}, expected ${upload.mimeType}`);
      const key =
        server === "app"
          ? (await (db as Db).evidenceFile.findUniqueOrThrow({ where: { id: body.id }, select: { storageKey: true } }))
              .storageKey
          : (body.key as string);
      const file = path.join(stored[server], key.slice(0, 2), key);
      const onDisk = fs.statSync(file).size;
      if (onDisk !== payload.size) throw new Error(`${what}: ${file} holds ${onDisk} bytes`);
      if (server === "app") {
        // Removed through the app's own route, which deletes the row and the stored object.
        const removed = await send(appPort, "DELETE", `/api/files/${body.id}`, { Cookie: cookie });
        if (removed.status !== 204 || fs.existsSync(file))
          throw new Error(`removing the app's upload: HTTP ${removed.status} ${removed.body.slice(0, 200)}`);
      } else {
        await fs.promises.rm(file);
      }
      if (fs.readdirSync(path.join(stored[server], "tmp")).length)
        throw new Error(`${what}: a .part file was left in ${stored[server]}/tmp`);
      if (route === "tus" && fs.readdirSync(appStaging).length)
        throw new Error(`${what}: staged bytes were left in ${appStaging}`);
      return { seconds: reply.seconds, cpu };
    };

    log(`    generating the ${mib} MiB file and its SHA-256`);
    const warm = await makePayload(warmSize, upload.header);
    const big = await makePayload(size, upload.header);
    // Warm-up: the route's first request loads its module, both servers JIT their hot paths and
    // grow their young generation. With 16 MiB warm-ups the app's first big upload still took
    // about 1 s more CPU than later ones; from 64 MiB it does not.
    for (let i = 0; i < 3; i++) for (const route of routes) await uploadTo(route, warm);

    const sampler = new RssSampler([app, floor]);
    let rest: RestingRss;
    let peaks: Peaks;
    try {
      rest = await sampler.rest();
      sampler.start();
      const seconds: Record<Route, number[]> = { app: [], tus: [], floor: [] };
      const cpu: Record<Route, number[]> = { app: [], tus: [], floor: [] };
      try {
        for (let i = 0; i < runs; i++) {
          // Rotate who goes first, so none always inherits another's disk writeback.
          const order = routes.map((_, k) => routes[(k + i) % routes.length] as Route);
          for (const s of order) {
            const run = await uploadTo(s, big);
            seconds[s].push(run.seconds);
            cpu[s].push(run.cpu);
            log(
              `    run ${i + 1}/${runs} ${s.padEnd(5)} ${(size / MB / run.seconds).toFixed(0).padStart(5)} MB/s (${run.seconds.toFixed(2)} s, server CPU ${run.cpu.toFixed(2)} s)`,
            );
            await new Promise((r) => setTimeout(r, 500)); // let the deletion settle
          }
        }
      } finally {
        peaks = await sampler.stop();
      }
      const rss = {
        app: { baseline: rest.app.rss, peak: peaks.peaks.app, processes: rest.app.processes },
        floor: { baseline: rest.floor.rss, peak: peaks.peaks.floor, processes: rest.floor.processes },
      };
      return {
        bytes: size,
        runs,
        seconds,
        cpu,
        rss,
        sampling: { samples: peaks.samples, longestGapMs: peaks.longestGapMs },
        warnings,
      };
    } finally {
      await sampler.terminate();
    }
  } finally {
    process.off("SIGINT", stopAll);
    process.off("SIGTERM", stopAll);
    await Promise.all([stopProcess(app), stopProcess(floor)]);
    await db?.$disconnect();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function printUploadResult(r: UploadBenchResult, log: (line: string) => void) {
  if ("skipped" in r) {
    log(`  ${r.skipped}`);
    return;
  }
  const line = (label: string, text: string) => log(`    ${label.padEnd(34)}${text}`);
  const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES target");
  const mbps = (s: number) => r.bytes / MB / s;
  const rate = (name: Route) => median(r.seconds[name].map(mbps));
  const all = (name: Route) => r.seconds[name].map((s) => mbps(s).toFixed(0)).join(", ");
  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  for (const w of r.warnings) log(`  WARNING: ${w}`);
  const floor = rate("floor");
  const floorCpu = median(r.cpu.floor);
  line("floor (bare node:http)", `median ${floor.toFixed(0).padStart(4)} MB/s  (runs: ${all("floor")})`);
  line("", `server CPU ${floorCpu.toFixed(2)} s per upload (median, user+sys)`);
  const labels: Record<Exclude<Route, "floor">, string> = {
    app: "app (next start, one request)",
    tus: `tus (next start, ${TUS_CHUNK / MiB} MiB PATCHes)`,
  };
  for (const route of ["app", "tus"] as const) {
    const routeRate = rate(route);
    const cpu = median(r.cpu[route]);
    line(labels[route], `median ${routeRate.toFixed(0).padStart(4)} MB/s  (runs: ${all(route)})`);
    line(
      `  ${route} / floor throughput`,
      `${(routeRate / floor).toFixed(2)}  target >= ${RATIO_TARGET}: ${verdict(routeRate / floor >= RATIO_TARGET)}`,
    );
    // CPU time is far less disturbed than wall-clock by whatever else the machine runs.
    line(
      `  ${route} / floor server CPU`,
      `${(cpu / floorCpu).toFixed(2)}x (${cpu.toFixed(2)} s)  target <= ${CPU_RATIO_TARGET}x: ${verdict(cpu / floorCpu <= CPU_RATIO_TARGET)}`,
    );
  }
  for (const name of ["app", "floor"] as const) {
    const m = r.rss[name];
    const growth = m.peak - m.baseline;
    const tree = `${m.processes} process${m.processes === 1 ? "" : "es"}`;
    const target =
      name === "app" ? `  target < ${RSS_TARGET_MB} MB: ${verdict(growth < RSS_TARGET_MB * MB)}` : "  (for comparison)";
    line(
      `${name} peak RSS growth`,
      `${mb(growth)}  (baseline ${mb(m.baseline)}, peak ${mb(m.peak)}, ${tree})${target}`,
    );
  }
  log(
    `    (RSS: each server's process tree, ${r.sampling.samples} samples every ${SAMPLE_MS} ms, longest gap ${r.sampling.longestGapMs.toFixed(0)} ms)`,
  );
}
