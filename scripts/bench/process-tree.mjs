// A process and all its descendants, from /proc: used by the upload bench (upload-bench.ts,
// for CPU time and stopping servers) and by its RSS sampler thread (rss-sampler.mjs). Plain
// JavaScript so the sampler, which plain node runs as a worker, can import it too.
import fs from "node:fs";

/** @param {number} pid */
function childrenOf(pid) {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // the process (or a thread) ended while we looked
  }
}

/** The process and all its descendants, parents first. @param {number} pid @returns {number[]} */
export function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(out[i]));
  return out;
}
