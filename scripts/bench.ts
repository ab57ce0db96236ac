// npm run bench: prints performance figures against their targets. Figures, not pass/fail
// tests: timing varies by machine, so targets are checked by reading this output.
//
//   npm run bench                         all sections: import, progress pages at 1,000
//                                         candidates, a 1 GiB upload (app vs floor), a
//                                         discussion's 100 MiB recording by its assessor (app
//                                         vs floor), Markdown rendering (pathological input vs
//                                         prose), page weight and the audit chain
//   npm run bench -- --sections upload    only the named sections (comma-separated, any of
//                                         import,progress,upload,discussion,markdown,pageweight,
//                                         audit); --skip-import drops import
//   npm run bench -- --sections discussion --discussion-mib 100
//                                         the discussion recording alone, at that size
//   npm run bench -- --sections audit --audit-events 1300000 --audit-runs 500
//                                         appending to the audit chain, and verifying that many
//                                         events, on both databases
//   npm run bench -- --sections markdown --markdown-runs 15
//                                         how many times each Markdown input is rendered
//                                         (default 15, after two warm-up runs)
//   npm run bench -- --sections pageweight
//                                         first-load JavaScript of every route of the
//                                         production build (run `npx next build` first) vs an
//                                         empty Next app built here
//   npm run bench -- --sections load --load-scale 10000 --load-connections 50 --load-seconds 60
//                                         a mixed load through nginx on one app server, then two,
//                                         on the scale seed on PostgreSQL (run `npx next build`
//                                         first; needs nginx)
//   npm run bench -- --scale 10000        progress pages at 10,000 candidates
//   npm run bench -- --only postgresql    progress on one database only
//   npm run bench -- --database-url URL   progress pages on a centre already seeded there by
//                                         `npm run seed:scale` (--centre-slug, default scale-10000)
//   npm run bench -- --upload-mib 256 --upload-runs 5
//                                         upload size (MiB, default 1024) and how many times
//                                         each server gets it (default 3; medians reported)
//   npm run bench -- --sections upload --upload-cpu-prof /tmp/prof
//                                         also writes V8 CPU profiles of both servers
//                                         (/tmp/prof/app, /tmp/prof/floor; open in DevTools)
//
// The upload section (scripts/bench/upload-bench.ts) needs a production build: run
// `npx next build` first, or it is skipped with a note. It starts `next start` and a bare
// node:http floor server on free ports and stops both at the end, even on failure.
//
// Every database is a throw-away one (a temporary SQLite file, or cp_bench_* on the PostgreSQL
// server in BENCH_POSTGRES_URL), dropped afterwards; uploads go to a temporary directory that
// is removed too.
import { benchCrosswalk } from "./bench/crosswalk-bench";
import {
  benchSampling,
  findSamplingCentre,
  measureSampling,
  printSamplingResult,
  PROPOSE_TARGET_MS,
} from "./bench/sampling-bench";
import { benchPack, printPackResult, PACK_RATIO_TARGET, PACK_RSS_TARGET_MB } from "./bench/pack-bench";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import type { Provider } from "../lib/db/provider";
import { importStandards } from "../lib/standards/import";
import { providerOf } from "../lib/db/provider";
import { benchProgress, findSeededCentre, measureProgress, printProgressResult } from "./bench/progress-bench";
import { benchUpload, printUploadResult } from "./bench/upload-bench";
import { benchMarkdown, printMarkdownResult } from "./bench/markdown-bench";
import { benchPageWeight, printPageWeightResult } from "./bench/page-weight";
import { APPEND_TARGET_P95_MS, benchAudit, printAuditResult, VERIFY_TARGET } from "./bench/audit-bench";
import { benchLoad, LOAD_TARGETS, printLoadResult } from "./bench/load-bench";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1000" },
    runs: { type: "string", default: "30" },
    only: { type: "string" },
    "skip-import": { type: "boolean", default: false },
    "database-url": { type: "string" },
    "centre-slug": { type: "string", default: "scale-10000" },
    sections: {
      type: "string",
      default: "import,progress,upload,discussion,markdown,pageweight,audit,crosswalk,pack,sampling,load",
    },
    "load-scale": { type: "string", default: "10000" },
    "load-connections": { type: "string", default: "50" },
    "load-seconds": { type: "string", default: "60" },
    "pack-mib": { type: "string", default: "2048" },
    "pack-runs": { type: "string", default: "3" },
    "discussion-mib": { type: "string", default: "100" },
    "upload-mib": { type: "string", default: "1024" },
    "upload-runs": { type: "string", default: "3" },
    "upload-cpu-prof": { type: "string" },
    "markdown-runs": { type: "string", default: "15" },
    "audit-events": { type: "string", default: "1300000" },
    "audit-runs": { type: "string", default: "500" },
  },
});
const scale = Number(args.scale);
const progressRuns = Number(args.runs);
const uploadMib = Number(args["upload-mib"]);
const uploadRuns = Number(args["upload-runs"]);
const discussionMib = Number(args["discussion-mib"]);
const markdownRuns = Number(args["markdown-runs"]);
const auditEvents = Number(args["audit-events"]);
const auditRuns = Number(args["audit-runs"]);
const packMib = Number(args["pack-mib"]);
const packRuns = Number(args["pack-runs"]);
const loadScale = Number(args["load-scale"]);
const loadConnections = Number(args["load-connections"]);
const loadSeconds = Number(args["load-seconds"]);
const allSections = [
  "import",
  "progress",
  "upload",
  "discussion",
  "markdown",
  "pageweight",
  "audit",
  "crosswalk",
  "pack",
  "sampling",
  "load",
] as const;
type Section = (typeof allSections)[number];
const requested = args.sections
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const sections = new Set(allSections.filter((s) => requested.includes(s) && !(s === "import" && args["skip-import"])));
const positive = (n: number) => Number.isInteger(n) && n >= 1;
if (
  !positive(scale) ||
  !positive(progressRuns) ||
  !positive(uploadMib) ||
  !positive(uploadRuns) ||
  !positive(discussionMib) ||
  !positive(markdownRuns) ||
  !positive(auditEvents) ||
  !positive(auditRuns) ||
  !positive(packMib) ||
  !positive(packRuns) ||
  !positive(loadScale) ||
  !positive(loadConnections) ||
  !positive(loadSeconds) ||
  requested.some((s) => !allSections.includes(s as Section))
) {
  console.error(
    "Usage: npm run bench -- [--sections import,progress,upload,discussion,markdown,pageweight,audit,crosswalk,pack,sampling,load] [--skip-import] [--scale 10000] [--runs 30] [--only sqlite|postgresql] [--upload-mib 1024] [--upload-runs 3] [--discussion-mib 100] [--upload-cpu-prof dir] [--markdown-runs 15] [--audit-events 1300000] [--audit-runs 500] [--pack-mib 2048] [--pack-runs 3] [--load-scale 10000] [--load-connections 50] [--load-seconds 60]",
  );
  process.exit(1);
}
const providers = (["postgresql", "sqlite"] as Provider[]).filter((p) => !args.only || p === args.only);

const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432";
const runs = Number(process.env.BENCH_RUNS ?? 5);

async function withFreshDatabase<T>(provider: Provider, work: (url: string) => Promise<T>): Promise<T> {
  const name = `cp_bench_${crypto.randomBytes(4).toString("hex")}`;
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-bench-"));
    try {
      return await work(`file:${path.join(dir, "bench.db")}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const admin = new pg.Client({ connectionString: `${postgresServer}/test` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    return await work(`${postgresServer}/${name}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function benchImport(provider: Provider) {
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    await withFreshDatabase(provider, async (url) => {
      await migrate(url);
      const db = createDb(url);
      try {
        await db.$queryRawUnsafe("SELECT 1"); // connect before timing
        let started = performance.now();
        const report = await importStandards(db);
        first.push(performance.now() - started);
        if (report.errors.length || report.outcomes.length !== 5)
          throw new Error(`import failed: ${report.errors.join("; ")}`);
        started = performance.now();
        await importStandards(db);
        again.push(performance.now() - started);
      } finally {
        await db.$disconnect();
      }
    });
  }
  return { first, again };
}

console.log(
  `Benchmarks (${os.cpus().length} CPUs, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")})`,
);
if (sections.has("import")) {
  console.log(`\nImport of the five units (target: first import under 1 s on SQLite; ${runs} runs each)`);
  for (const provider of ["sqlite", "postgresql"] as Provider[]) {
    const { first, again } = await benchImport(provider);
    const p50 = percentile(first, 50);
    const verdict = provider === "sqlite" ? (percentile(first, 95) < 1000 ? "meets target" : "MISSES target") : "";
    console.log(
      `  ${provider.padEnd(10)} first import p50 ${fmt(p50)}, p95 ${fmt(percentile(first, 95))}; re-import (no change) p50 ${fmt(percentile(again, 50))}  ${verdict}`,
    );
  }
}

if (sections.has("progress")) {
  const existing = args["database-url"];
  if (existing) {
    const seeded = await findSeededCentre(existing, args["centre-slug"]);
    console.log(
      `\nProgress pages on centre ${args["centre-slug"]}, already seeded (${progressRuns} runs each after a warm-up; targets at 10,000 candidates on PostgreSQL)`,
    );
    printProgressResult(await measureProgress(providerOf(existing), existing, seeded, progressRuns), (line) =>
      console.log(line),
    );
  } else
    console.log(
      `\nProgress pages at ${scale} candidates (${progressRuns} runs each after a warm-up; targets at 10,000 candidates on PostgreSQL)`,
    );
  for (const provider of existing ? [] : providers) {
    const result = await withFreshDatabase(provider, (url) =>
      benchProgress(provider, url, scale, progressRuns, (line) => console.log(line)),
    );
    printProgressResult(result, (line) => console.log(line));
  }
}

if (sections.has("upload")) {
  console.log(
    `\nUpload of ${uploadMib} MiB through both upload routes under next start (one request, and resumable tus) vs a bare node:http floor (${uploadRuns} runs each, order rotated, after a warm-up; targets: each route >= 0.8 of the floor's throughput and <= 1.25x its server CPU, app peak RSS growth < 64 MB; MB = 10^6 bytes)`,
  );
  const cpuProfDir = args["upload-cpu-prof"];
  printUploadResult(
    await benchUpload({ mib: uploadMib, runs: uploadRuns, cpuProfDir, log: (line) => console.log(line) }),
    (line) => console.log(line),
  );
  if (cpuProfDir)
    console.log(
      `    CPU profiles of both servers (whole lifetime, start-up included): ${path.resolve(cpuProfDir)}/{app,floor}`,
    );
}
if (sections.has("discussion")) {
  console.log(
    `\nA professional discussion's recording: ${discussionMib} MiB of WAV audio through the upload route as the discussion's assessor, under next start, vs the same bare node:http floor (${uploadRuns} runs each, alternating, after a warm-up; targets: app >= 0.8 of the floor's throughput, app peak RSS growth < 64 MB; MB = 10^6 bytes)`,
  );
  printUploadResult(
    await benchUpload({ kind: "discussion", mib: discussionMib, runs: uploadRuns, log: (line) => console.log(line) }),
    (line) => console.log(line),
  );
}
if (sections.has("markdown")) {
  console.log(
    `\nMarkdown rendering: 100 kB of each input through markdown-it + sanitize-html vs 100 kB of plain prose (${markdownRuns} runs each, round-robin, after a warm-up; target: brackets, emphasis runs and link chains each <= 3x the prose floor in CPU time)`,
  );
  printMarkdownResult(benchMarkdown(markdownRuns), (line) => console.log(line));
}
if (sections.has("pageweight")) {
  console.log(
    "\nPage weight: first-load JavaScript per route of the production build, gzip -6, vs an empty Next app of the same version (target: every route <= 110% of the floor; kB = 1024 bytes; scripts/bench/page-weight.ts)",
  );
  printPageWeightResult(await benchPageWeight(), (line) => console.log(line));
}
if (sections.has("sampling")) {
  console.log(
    `\nProposing a sample: the busiest IQA's decisions of the last 90 and 365 days, read, sampled and saved as a plan (${progressRuns} runs each after a warm-up), vs COUNT(*) of the same decisions on the bare driver (target: p95 < ${PROPOSE_TARGET_MS} ms at 10,000 candidates on PostgreSQL)`,
  );
  const existing = args["database-url"];
  if (existing)
    printSamplingResult(
      await measureSampling(
        providerOf(existing),
        existing,
        await findSamplingCentre(existing, args["centre-slug"]),
        progressRuns,
      ),
      (line) => console.log(line),
    );
  else
    for (const provider of providers)
      printSamplingResult(
        await withFreshDatabase(provider, (url) =>
          benchSampling(provider, url, { candidates: scale, runs: progressRuns, log: (line) => console.log(line) }),
        ),
        (line) => console.log(line),
      );
}
if (sections.has("pack")) {
  console.log(
    `\nEvidence pack of ${packMib} MiB of stored files (lib/packs, its own process) vs zip -0 -r of the same files on the same disk (${packRuns} runs each, alternating, after a warm-up; targets: pack >= ${PACK_RATIO_TARGET} of zip -0's throughput, pack peak RSS growth < ${PACK_RSS_TARGET_MB} MB; MB = 10^6 bytes)`,
  );
  printPackResult(await benchPack({ mib: packMib, runs: packRuns, log: (line) => console.log(line) }), (line) =>
    console.log(line),
  );
}
if (sections.has("crosswalk")) {
  console.log(
    "\nCrosswalk suggestions: every criterion of the five units ranked against the other units' (curated pairs first, then wink-nlp stems, BM25 weights and cosine) vs tokenising every criterion once (15 runs after two warm-up rounds; target: under 200 ms of CPU time; scripts/bench/crosswalk-bench.ts)",
  );
  await benchCrosswalk({ runs: 15, log: (line) => console.log(line) });
}
if (sections.has("audit")) {
  console.log(
    `\nAudit chain: appending an event vs the same insert unchained (${auditRuns} runs), and verifying ${auditEvents.toLocaleString("en")} chained events vs reading and hashing them apart (targets: append p95 < ${APPEND_TARGET_P95_MS} ms on PostgreSQL; ${VERIFY_TARGET.events.toLocaleString("en")} events verified in < ${VERIFY_TARGET.seconds} s)`,
  );
  for (const provider of providers) {
    const result = await withFreshDatabase(provider, (url) =>
      benchAudit(provider, url, { appendRuns: auditRuns, events: auditEvents, log: (line) => console.log(line) }),
    );
    printAuditResult(result, (line) => console.log(line));
  }
}
if (sections.has("load")) {
  console.log(
    `\nLoad: ${loadConnections} connections for ${loadSeconds} s of mixed candidate, assessor and admin requests on ${loadScale.toLocaleString("en")} candidates on PostgreSQL, one app server then two behind nginx, vs a bare node:http floor (targets: 0 errors, one server p99 < ${LOAD_TARGETS.p99Ms} ms, two servers >= ${LOAD_TARGETS.scaleUp}x one server's throughput; scripts/bench/load-bench.ts)`,
  );
  printLoadResult(
    await benchLoad({
      scale: loadScale,
      connections: loadConnections,
      seconds: loadSeconds,
      log: (line) => console.log(line),
    }),
    (line) => console.log(line),
  );
}
console.log(
  `\nLoad average now ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (timings are wall-clock and shared with whatever else runs).`,
);
