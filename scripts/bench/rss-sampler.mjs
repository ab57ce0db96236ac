// A worker thread for the upload bench (scripts/bench/upload-bench.ts): samples the resident
// memory (VmRSS) of whole process trees from /proc, on its own event loop so the bench's HTTP
// client and file checks on the main thread cannot delay a sample.
//
// workerData: { roots: { [name]: pid }, intervalMs }. Messages in and replies:
//   "rest"  -> { [name]: { rss, processes } }: the median RSS of 20 samples, and the tree's size
//   "start" -> begins keeping each tree's peak
//   "stop"  -> { peaks: { [name]: bytes }, samples, longestGapMs }
import fs from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { processTree } from "./process-tree.mjs";

/** @type {{ roots: Record<string, number>, intervalMs: number }} */
const { roots, intervalMs } = workerData;

/** @param {number} pid */
function rssOf(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** @param {number} root */
function treeRss(root) {
  const tree = processTree(root);
  return { rss: tree.reduce((sum, pid) => sum + rssOf(pid), 0), processes: tree.length };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @type {Record<string, number>} */
const peaks = {};
let timer;
let samples = 0;
let longestGapMs = 0;
let last = 0;

function tick() {
  const now = performance.now();
  if (samples++ > 0) longestGapMs = Math.max(longestGapMs, now - last);
  last = now;
  for (const [name, pid] of Object.entries(roots)) peaks[name] = Math.max(peaks[name] ?? 0, treeRss(pid).rss);
}

parentPort?.on("message", async (message) => {
  if (message === "rest") {
    /** @type {Record<string, { rss: number, processes: number }>} */
    const reply = {};
    /** @type {Record<string, number[]>} */
    const values = {};
    for (let i = 0; i < 20; i++) {
      for (const [name, pid] of Object.entries(roots)) {
        const { rss, processes } = treeRss(pid);
        (values[name] ??= []).push(rss);
        reply[name] = { rss: 0, processes };
      }
      await sleep(intervalMs);
    }
    for (const [name, list] of Object.entries(values)) reply[name].rss = list.sort((a, b) => a - b)[list.length >> 1];
    parentPort?.postMessage(reply);
  } else if (message === "start") {
    tick();
    timer = setInterval(tick, intervalMs);
  } else if (message === "stop") {
    clearInterval(timer);
    parentPort?.postMessage({ peaks, samples, longestGapMs });
  }
});
