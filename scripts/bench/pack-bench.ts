// The evidence pack bench: builds one portfolio's pack (lib/packs/build.ts) from stored files
// totalling 2 GiB by default, in a process of its own, and measures its throughput against the
// floor, `zip -0 -r` of the same stored files on the same disk, and the pack process's peak
// resident memory growth while it streams (sampled every 50 ms by scripts/bench/rss-sampler.mjs).
//
// Targets: the pack's median throughput at least 0.7 of zip -0's; its peak RSS growth under 100 MB
// (MB = 10^6 bytes). The files are made here (incompressible bytes; entries are stored anyway),
// in a temporary directory with the SQLite database, the packs and the zips, removed at the end.
// Runs alternate pack and zip, so neither always reads a cold page cache. Nothing is installed at
// run time: without `zip` on the PATH the floor is skipped with a note (Debian: apt-get install zip).
//
// The pack process is this file run again with --pack-child: it loads the app's modules,
// connects to the database and waits; the bench samples its resting RSS, then asks it for each
// pack. The last pack is checked with lib/packs/verify.ts (`npm run pack:verify`) afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { loadActor } from "../../lib/auth/actor";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { seedDemo } from "../../lib/demo/seed";
import { openPack } from "../../lib/packs/build";
import { verifyPack } from "../../lib/packs/verify";
import { importStandards } from "../../lib/standards/import";
import { LocalDiskStorage } from "../../lib/storage/local-disk";

const MiB = 1024 * 1024;
const MB = 1_000_000;
export const PACK_RATIO_TARGET = 0.7;
export const PACK_RSS_TARGET_MB = 100;
const SAMPLE_MS = 50;
const FILE_MIB = 128;
const thisFile = fileURLToPath(import.meta.url);

export type PackBenchOptions = { mib: number; runs: number; log: (line: string) => void };

export type PackBenchResult =
  | { skipped: string }
  | {
      bytes: number;
      files: number;
      packSeconds: number[];
      packBytes: number;
      zipSeconds: number[] | null;
      zipBytes: number | null;
      zipMissing: string | null;
      rss: { baseline: number; peak: number; processes: number; samples: number; longestGapMs: number };
      verified: string;
    };

type ChildArgs = {
  databaseUrl: string;
  storageDir: string;
  userId: string;
  enrolmentId: string;
  warmEnrolmentId: string;
};

// ---------------------------------------------------------------------------------------------
// The pack process.

async function packChild(args: ChildArgs): Promise<void> {
  const db = createDb(args.databaseUrl);
  const actor = await loadActor(db, args.userId);
  if (!actor) throw new Error("the bench's candidate is missing");
  const store = new LocalDiskStorage(args.storageDir);
  const lines = createInterface({ input: process.stdin });
  process.stdout.write("ready\n");
  for await (const line of lines) {
    const [command, out] = line.split(" ");
    if (command === "exit" || !out) break;
    const started = performance.now();
    const pack = await openPack(
      db,
      actor,
      { kind: "enrolment", id: command === "warm" ? args.warmEnrolmentId : args.enrolmentId },
      { store },
    );
    await Promise.all([pipeline(pack.stream, fs.createWriteStream(out)), pack.finished]);
    process.stdout.write(
      `${JSON.stringify({ seconds: (performance.now() - started) / 1000, bytes: fs.statSync(out).size })}\n`,
    );
  }
  await db.$disconnect();
}

if (process.argv[1] === thisFile && process.argv[2] === "--pack-child") {
  await packChild(JSON.parse(process.argv[3] ?? "{}") as ChildArgs);
}

// ---------------------------------------------------------------------------------------------
// The bench.

/** Writes `count` files of `size` bytes into storage as the candidate's evidence, submitted to their CS34 enrolment. */
async function makeEvidence(db: Db, store: LocalDiskStorage, count: number, size: number) {
  const candidate = await db.user.findUniqueOrThrow({ where: { email: "candidate@northgate.example" } });
  const enrolment = await db.enrolment.findFirstOrThrow({
    where: { candidateId: candidate.id, unitVersion: { unit: { code: "CS34" } } },
  });
  const warm = await db.enrolment.findFirstOrThrow({ where: { candidateId: candidate.id, id: { not: enrolment.id } } });
  const criterion = await db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId },
    orderBy: { position: "asc" },
  });
  const evidence = await db.evidence.create({
    data: {
      centreId: enrolment.centreId,
      candidateId: candidate.id,
      title: "Bench recordings",
      method: "product",
      activityDate: new Date(),
      description: "Made by npm run bench.",
      submittedAt: new Date(),
    },
  });
  await db.mapping.create({
    data: { evidenceId: evidence.id, criterionId: criterion.id, enrolmentId: enrolment.id, status: "SUBMITTED" },
  });
  const block = crypto.randomBytes(4 * MiB);
  for (let i = 0; i < count; i++) {
    const target = await store.createWriteTarget();
    const hash = crypto.createHash("sha256");
    for (let written = 0; written < size; written += block.length) {
      block.writeUInt32LE(i * 65_536 + written / block.length, 0); // every block of every file differs
      const chunk = block.subarray(0, Math.min(block.length, size - written));
      hash.update(chunk);
      if (!target.stream.write(chunk)) await new Promise((resolve) => target.stream.once("drain", resolve));
    }
    await new Promise<void>((resolve, reject) =>
      target.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await target.commit();
    await db.evidenceFile.create({
      data: {
        evidenceId: evidence.id,
        storageKey: target.key,
        originalName: `recording-${i + 1}.mp4`,
        size: BigInt(size),
        sha256: hash.digest("hex"),
        mimeType: "video/mp4",
      },
    });
    await target.recorded();
  }
  return { userId: candidate.id, enrolmentId: enrolment.id, warmEnrolmentId: warm.id };
}

class PackProcess {
  readonly child: ChildProcess;
  private readonly lines: Interface;
  private output = "";
  constructor(args: ChildArgs) {
    this.child = spawn(process.execPath, ["--import", "tsx", thisFile, "--pack-child", JSON.stringify(args)], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "error" },
    });
    this.child.stderr?.on(
      "data",
      (chunk: Buffer) => void (this.output = (this.output + chunk.toString()).slice(-4000)),
    );
    this.lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
  }
  /** The next line the child writes, or its failure. */
  next(): Promise<string> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the pack process exited (${code}): ${this.output}`));
      this.child.once("exit", onExit);
      this.lines.once("line", (line) => {
        this.child.off("exit", onExit);
        resolve(line);
      });
    });
  }
  async pack(command: "go" | "warm", out: string): Promise<{ seconds: number; bytes: number }> {
    this.child.stdin?.write(`${command} ${out}\n`);
    return JSON.parse(await this.next()) as { seconds: number; bytes: number };
  }
  stop(): void {
    this.child.stdin?.end("exit\n");
    setTimeout(() => this.child.kill("SIGKILL"), 5_000).unref();
  }
}

type Sampled = { peaks: Record<string, number>; samples: number; longestGapMs: number };

/** The RSS sampler thread (rss-sampler.mjs) over the pack process's tree. */
function rssSampler(pid: number) {
  const worker = new Worker(new URL("./rss-sampler.mjs", import.meta.url), {
    workerData: { roots: { pack: pid }, intervalMs: SAMPLE_MS },
  });
  const ask = <T>(message: string) =>
    new Promise<T>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", resolve);
      worker.postMessage(message);
    });
  return {
    rest: () => ask<Record<string, { rss: number; processes: number }>>("rest"),
    start: () => worker.postMessage("start"),
    stop: () => ask<Sampled>("stop"),
    terminate: () => worker.terminate(),
  };
}

function zipAvailable(): string | null {
  const probe = spawnSync("zip", ["-v"], { stdio: "ignore" });
  return probe.error ? "`zip` is not installed (Debian: apt-get install zip), so the zip -0 floor is skipped." : null;
}

/** `zip -0 -r -q out .` of the stored files, timed from spawn to exit. */
function zipRun(storageDir: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("zip", ["-0", "-r", "-q", out, "."], { cwd: storageDir, stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`zip exited ${code}`)),
    );
  });
}

// long-function: one benchmark run in order: make the data, start the pack process, warm it, sample its resting memory, alternate pack and zip runs while sampling, verify the last pack, then stop and clean up; the process and the directory are shared by the cleanup in finally
export async function benchPack({ mib, runs, log }: PackBenchOptions): Promise<PackBenchResult> {
  const size = mib * MiB;
  const count = Math.max(1, Math.ceil(mib / FILE_MIB));
  const fileSize = Math.ceil(size / count);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cp-pack-bench-"));
  const storageDir = path.join(work, "storage");
  const databaseUrl = `file:${path.join(work, "bench.db")}`;
  const zipMissing = zipAvailable();
  let db: Db | undefined;
  let child: PackProcess | undefined;
  try {
    await migrate(databaseUrl);
    db = createDb(databaseUrl);
    if ((await importStandards(db)).errors.length)
      return { skipped: "The standards did not import; pack bench skipped." };
    await seedDemo(db);
    log(`    writing ${count} file${count === 1 ? "" : "s"} of ${(fileSize / MiB).toFixed(0)} MiB into storage`);
    const ids = await makeEvidence(db, new LocalDiskStorage(storageDir), count, fileSize);
    child = new PackProcess({ databaseUrl, storageDir, ...ids });
    if ((await child.next()) !== "ready") throw new Error("the pack process did not start");
    await child.pack("warm", path.join(work, "warm.zip"));
    const sampler = rssSampler(child.child.pid as number);
    try {
      const rest = (await sampler.rest()).pack ?? { rss: 0, processes: 0 };
      sampler.start();
      const packSeconds: number[] = [];
      const zipSeconds: number[] = [];
      let packBytes = 0;
      let zipBytes: number | null = null;
      const packOut = path.join(work, "pack.zip");
      const zipOut = path.join(work, "floor.zip");
      let sampled: Sampled;
      try {
        for (let i = 0; i < runs; i++) {
          const order = i % 2 === 0 ? (["pack", "zip"] as const) : (["zip", "pack"] as const);
          for (const what of order) {
            if (what === "zip" && zipMissing) continue;
            fs.rmSync(what === "pack" ? packOut : zipOut, { force: true });
            const seconds =
              what === "pack" ? (await child.pack("go", packOut)).seconds : await zipRun(storageDir, zipOut);
            if (what === "pack") {
              packSeconds.push(seconds);
              packBytes = fs.statSync(packOut).size;
            } else {
              zipSeconds.push(seconds);
              zipBytes = fs.statSync(zipOut).size;
            }
            log(
              `    run ${i + 1}/${runs} ${what.padEnd(4)} ${(size / MB / seconds).toFixed(0).padStart(5)} MB/s (${seconds.toFixed(2)} s)`,
            );
          }
        }
      } finally {
        sampled = await sampler.stop();
      }
      log("    checking the last pack with pack:verify");
      const check = await verifyPack(packOut);
      return {
        bytes: count * fileSize,
        files: count,
        packSeconds,
        packBytes,
        zipSeconds: zipMissing ? null : zipSeconds,
        zipBytes,
        zipMissing,
        rss: {
          baseline: rest.rss,
          peak: sampled.peaks.pack ?? 0,
          processes: rest.processes,
          samples: sampled.samples,
          longestGapMs: sampled.longestGapMs,
        },
        verified: check.ok ? check.summary : `${check.summary} ${check.problems.slice(0, 3).join(" ")}`,
      };
    } finally {
      await sampler.terminate();
    }
  } finally {
    child?.stop();
    await db?.$disconnect();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function printPackResult(r: PackBenchResult, log: (line: string) => void): void {
  if ("skipped" in r) {
    log(`  ${r.skipped}`);
    return;
  }
  const line = (label: string, text: string) => log(`    ${label.padEnd(34)}${text}`);
  const verdict = (ok: boolean) => (ok ? "meets target" : "MISSES target");
  const rate = (seconds: number[]) => median(seconds.map((s) => r.bytes / MB / s));
  const all = (seconds: number[]) => seconds.map((s) => (r.bytes / MB / s).toFixed(0)).join(", ");
  const pack = rate(r.packSeconds);
  line(
    "pack (lib/packs, own process)",
    `median ${pack.toFixed(0).padStart(4)} MB/s  (runs: ${all(r.packSeconds)}; ZIP ${(r.packBytes / MB).toFixed(1)} MB)`,
  );
  if (r.zipSeconds && r.zipSeconds.length) {
    const zip = rate(r.zipSeconds);
    line(
      "floor (zip -0 -r, same files)",
      `median ${zip.toFixed(0).padStart(4)} MB/s  (runs: ${all(r.zipSeconds)}; ZIP ${((r.zipBytes ?? 0) / MB).toFixed(1)} MB)`,
    );
    line(
      "pack / floor",
      `${(pack / zip).toFixed(2)}  target >= ${PACK_RATIO_TARGET}: ${verdict(pack / zip >= PACK_RATIO_TARGET)}`,
    );
  } else line("floor (zip -0 -r)", r.zipMissing ?? "not run");
  const growth = r.rss.peak - r.rss.baseline;
  line(
    "pack peak RSS growth",
    `${(growth / MB).toFixed(1)} MB  (baseline ${(r.rss.baseline / MB).toFixed(1)} MB, peak ${(r.rss.peak / MB).toFixed(1)} MB)  target < ${PACK_RSS_TARGET_MB} MB: ${verdict(growth < PACK_RSS_TARGET_MB * MB)}`,
  );
  log(
    `    (${r.files} files, ${(r.bytes / MB).toFixed(0)} MB in all; RSS: ${r.rss.samples} samples every ${SAMPLE_MS} ms, longest gap ${r.rss.longestGapMs.toFixed(0)} ms)`,
  );
  log(`    pack:verify on the last pack: ${r.verified}`);
}
