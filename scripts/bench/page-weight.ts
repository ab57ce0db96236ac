// The page-weight bench: how much JavaScript each route makes the browser download on first
// load, gzipped at level 6, against the floor of an empty Next app of the same version built
// here with the same bundler (Turbopack) and one page.
//
// Target: every route within 110% of the floor.
//
// How a route's first-load JavaScript is found, without starting a server or signing in (most
// pages need a session and are rendered per request, so there is no HTML to read in the build):
// the scripts a page's HTML loads are the build's root main files (.next/build-manifest.json
// "rootMainFiles": the React and Next runtime) plus every chunk listed in the route's client
// reference manifest (.next/server/app/<route>/page_client-reference-manifest.js, "entryJSFiles":
// the client components of its layouts, page, error and not-found boundaries). Polyfills are
// left out: they load only in browsers without ES modules (<script nomodule>). Checked against
// the <script src> tags of the floor's prerendered index.html and of /login served by next start
// (same files). Chunks loaded later by dynamic import() are not first load and are not counted.
//
// kB here is 1024 bytes (the figure the empty app's 131.6 kB in issue #15 was measured in).
//
// Needs a production build of the app (`npx next build`); without .next/BUILD_ID the section is
// skipped with a note. The floor is built in a temporary directory (removed afterwards) whose
// node_modules is a symlink to this project's, so the versions are the same by construction.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

const KB = 1024;
export const PAGE_WEIGHT_TARGET = 1.1;

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type RouteWeight = { route: string; bytes: number; chunks: number };
export type PageWeightResult = { skipped: string } | { nextVersion: string; floor: RouteWeight; routes: RouteWeight[] };

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]> };

function gzipSize(file: string, cache: Map<string, number>): number {
  let size = cache.get(file);
  if (size === undefined) {
    size = zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
    cache.set(file, size);
  }
  return size;
}

/** Every page_client-reference-manifest.js under .next/server/app, by the route's app path ("/candidate/page"). */
function clientManifests(nextDir: string): Map<string, ClientReferenceManifest> {
  const found = new Map<string, ClientReferenceManifest>();
  const root = path.join(nextDir, "server", "app");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "page_client-reference-manifest.js");
  for (const file of files) {
    // The file assigns into globalThis.__RSC_MANIFEST; run it in a sandbox to read what it sets.
    const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
    vm.runInNewContext(fs.readFileSync(path.join(root, file), "utf8"), sandbox);
    for (const [appPath, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) found.set(appPath, manifest);
  }
  return found;
}

/** First-load JavaScript of every page route of the Next build in `projectDir`. */
export function measureBuild(projectDir: string): RouteWeight[] {
  const nextDir = path.join(projectDir, ".next");
  const buildManifest = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const routes = JSON.parse(fs.readFileSync(path.join(nextDir, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const cache = new Map<string, number>();
  const weights: RouteWeight[] = [];
  for (const [appPath, manifest] of clientManifests(nextDir)) {
    const route = routes[appPath];
    // Only pages: route handlers have no client JavaScript, and Next's own error pages are not routes a user opens.
    if (!route || !appPath.endsWith("/page") || route.startsWith("/_")) continue;
    const chunks = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles ?? {}).flat()]);
    const bytes = [...chunks].reduce((sum, chunk) => sum + gzipSize(path.join(nextDir, chunk), cache), 0);
    weights.push({ route, bytes, chunks: chunks.size });
  }
  return weights.sort((a, b) => a.route.localeCompare(b.route));
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr.on("data", (data: Buffer) => (output += data.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${code}):\n${output}`)),
    );
  });
}

const floorFiles: Record<string, string> = {
  "app/layout.tsx": `import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.tsx": `export default function Page() {
  return <h1>Hello</h1>;
}
`,
  // Turbopack compiles only files under its root; node_modules is a symlink into this project,
  // so the root is the filesystem root. It changes where modules are looked for, not the output.
  "next.config.mjs": `export default { turbopack: { root: "/" } };\n`,
};

/** Builds an empty Next app with this project's next, react and react-dom, and measures its one page. */
export async function measureFloor(): Promise<RouteWeight> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-page-weight-floor-"));
  try {
    const version = (name: string) =>
      (
        JSON.parse(fs.readFileSync(path.join(appDir, "node_modules", name, "package.json"), "utf8")) as {
          version: string;
        }
      ).version;
    const dependencies = Object.fromEntries(["next", "react", "react-dom"].map((name) => [name, version(name)]));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor", private: true, dependencies }));
    for (const [file, text] of Object.entries(floorFiles)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    fs.symlinkSync(path.join(appDir, "node_modules"), path.join(dir, "node_modules"), "dir");
    await run(process.execPath, [path.join(appDir, "node_modules", "next", "dist", "bin", "next"), "build"], dir);
    const floor = measureBuild(dir).find((w) => w.route === "/");
    if (!floor) throw new Error("the empty app's build has no / route");
    return floor;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPageWeight(): Promise<PageWeightResult> {
  if (!fs.existsSync(path.join(appDir, ".next", "BUILD_ID")))
    return { skipped: "no production build (.next/BUILD_ID missing): run `npx next build` first" };
  const routes = measureBuild(appDir);
  const nextVersion = (
    JSON.parse(fs.readFileSync(path.join(appDir, "node_modules", "next", "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  return { nextVersion, floor: await measureFloor(), routes };
}

const kB = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

export function printPageWeightResult(result: PageWeightResult, log: (line: string) => void): void {
  if ("skipped" in result) {
    log(`  skipped: ${result.skipped}`);
    return;
  }
  log(`  floor (empty Next ${result.nextVersion} app, one page): ${kB(result.floor.bytes)}`);
  const width = Math.max(...result.routes.map((r) => r.route.length));
  let over = 0;
  for (const { route, bytes, chunks } of result.routes) {
    const ratio = bytes / result.floor.bytes;
    const within = ratio <= PAGE_WEIGHT_TARGET;
    if (!within) over++;
    log(
      `  ${route.padEnd(width)}  ${kB(bytes).padStart(9)}  ${ratio.toFixed(2)}x  ${String(chunks).padStart(2)} chunks  ${within ? "within 110%" : "OVER 110%"}`,
    );
  }
  log(
    over === 0
      ? `  every route (${result.routes.length}) is within 110% of the floor`
      : `  ${over} of ${result.routes.length} routes are over 110% of the floor`,
  );
}
