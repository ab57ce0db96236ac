import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// The production shape of issue 20, started for a test or a benchmark (tests/e2e/two-servers.spec.ts,
// scripts/bench/load-bench.ts): two `next start` processes of the
// production build on one PostgreSQL database and one shared storage directory, behind Debian's
// nginx (request bodies streamed, not buffered). A request with the header `x-test-server: a`
// or `b` goes to that server; any other request is balanced round-robin, and every response says
// which server answered in `x-upstream`. Needs `next build` to have run, and /usr/sbin/nginx.

export const pinHeader = "x-test-server";
export type ServerName = "a" | "b";

const root = path.resolve(import.meta.dirname, "..");
const postgresServer = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432";
const nginxBinary = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${postgresServer}/test` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitFor(url: string, what: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${ms / 1000} s (last: ${String(last)})`);
}

function nginxConfig(dir: string, listen: number, ports: Record<ServerName, number>): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app { server 127.0.0.1:${ports.a}; server 127.0.0.1:${ports.b}; keepalive 16; }
  upstream app_a { server 127.0.0.1:${ports.a}; keepalive 4; }
  upstream app_b { server 127.0.0.1:${ports.b}; keepalive 4; }
  map $http_${pinHeader.replaceAll("-", "_")} $pool { a app_a; b app_b; default app; }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 0;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-Host $http_host;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_request_buffering off;
    proxy_buffering off;
    proxy_read_timeout 3600s;
    proxy_send_timeout 3600s;
    add_header x-upstream $upstream_addr always;
    location / { proxy_pass http://$pool; }
  }
}
`;
}

export class Cluster {
  readonly ports: Record<ServerName, number>;
  readonly servers: Partial<Record<ServerName, ChildProcess>> = {};
  /** More settings for the servers started after this is set (SMTP_URL, say). */
  extraEnv: Record<string, string> = {};
  private nginxStarted = false;

  private constructor(
    readonly dir: string,
    readonly databaseUrl: string,
    private readonly databaseName: string,
    readonly storageDir: string,
    readonly publicPort: number,
    ports: Record<ServerName, number>,
  ) {
    this.ports = ports;
  }

  get stagingDir(): string {
    return path.join(this.dir, "staging");
  }

  get url(): string {
    return `http://127.0.0.1:${this.publicPort}`;
  }

  /** Which server a response came from, by the address nginx forwarded it to. */
  serverOf(upstreamHeader: string | null | undefined): ServerName | undefined {
    if (!upstreamHeader) return undefined;
    if (upstreamHeader.endsWith(`:${this.ports.a}`)) return "a";
    if (upstreamHeader.endsWith(`:${this.ports.b}`)) return "b";
    return undefined;
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: this.databaseUrl,
      NEXTAUTH_URL: this.url,
      NEXTAUTH_SECRET: "cluster-secret-that-is-long-enough-0123456789",
      CREDENTIAL_KEY_SECRET: "cluster-credential-key-secret-0123456789abcdef",
      STORAGE_DIR: this.storageDir,
      // Resumable uploads are staged where every server can reach them (docs/decisions/0025).
      UPLOAD_STAGING_DIR: this.stagingDir,
      // nginx appends the client's address to X-Forwarded-For: one proxy to believe.
      TRUST_PROXY: "1",
      LOG_LEVEL: "warn",
      ...this.extraEnv,
    };
  }

  /**
   * A fresh PostgreSQL database with the standards and the demo data (or, with `scale`, a centre
   * of that many candidates from scripts/seed-scale.ts), and the ports to use.
   */
  static async prepare(options: { scale?: number } = {}): Promise<Cluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-cluster-"));
    const databaseName = `cp_cluster_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${databaseName}"`);
    const storageDir = path.join(dir, "storage");
    fs.mkdirSync(storageDir);
    const cluster = new Cluster(dir, `${postgresServer}/${databaseName}`, databaseName, storageDir, await freePort(), {
      a: await freePort(),
      b: await freePort(),
    });
    const seed = options.scale ? [["seed-scale", "--candidates", String(options.scale)]] : [["seed-demo"]];
    for (const [script = "", ...args] of [["migrate"], ["import-standards"], ...seed]) cluster.runScript(script, args);
    return cluster;
  }

  private runScript(name: string, args: string[] = []): void {
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), [`scripts/${name}.ts`, ...args], {
      cwd: root,
      env: this.env(),
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`scripts/${name}.ts failed:\n${result.stdout}\n${result.stderr}`);
  }

  /** Starts `next start` for one server (the binary itself, so its pid is the server's). */
  async startServer(name: ServerName): Promise<void> {
    const log = fs.openSync(path.join(this.dir, `server-${name}.log`), "a");
    const child = spawn(
      path.join(root, "node_modules/.bin/next"),
      ["start", "-p", String(this.ports[name]), "-H", "127.0.0.1"],
      {
        cwd: root,
        env: this.env(),
        stdio: ["ignore", log, log],
      },
    );
    fs.closeSync(log);
    this.servers[name] = child;
    await waitFor(`http://127.0.0.1:${this.ports[name]}/api/health`, `server ${name}`);
  }

  /** Kills one server the hard way, as a crash or an OOM kill would, and waits until it is gone. */
  async kill(name: ServerName): Promise<void> {
    const child = this.servers[name];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async startNginx(): Promise<void> {
    // Run as root, nginx's workers run as "nobody": they must reach its temporary folders.
    fs.chmodSync(this.dir, 0o755);
    for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
      fs.mkdirSync(path.join(this.dir, sub), { mode: 0o777 });
    const conf = path.join(this.dir, "nginx.conf");
    fs.writeFileSync(conf, nginxConfig(this.dir, this.publicPort, this.ports));
    const result = spawnSync(nginxBinary, ["-c", conf, "-p", this.dir, "-e", path.join(this.dir, "nginx-error.log")], {
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`nginx did not start: ${result.stderr}`);
    this.nginxStarted = true;
    await waitFor(`${this.url}/api/health`, "nginx");
  }

  /** What one server has written to its log so far. */
  serverLog(name: ServerName): string {
    const file = path.join(this.dir, `server-${name}.log`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  }

  /** The servers' and nginx's logs, for a failure message. */
  logs(): string {
    return ["server-a.log", "server-b.log", "nginx-error.log"]
      .map((file) => path.join(this.dir, file))
      .filter((file) => fs.existsSync(file))
      .map((file) => `== ${path.basename(file)}\n${fs.readFileSync(file, "utf8").slice(-4000)}`)
      .join("\n");
  }

  async stop(): Promise<void> {
    if (this.nginxStarted) {
      const pid = Number(fs.readFileSync(path.join(this.dir, "nginx.pid"), "utf8").trim());
      if (pid > 0) process.kill(pid, "SIGQUIT");
    }
    await Promise.all((["a", "b"] as const).map((name) => this.kill(name)));
    await adminQuery(`DROP DATABASE IF EXISTS "${this.databaseName}" WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
