// A process and all its descendants, and the CPU time processes used, from /proc: used by the
// upload bench (upload-bench.ts, for CPU time and stopping servers), its RSS sampler thread
// (rss-sampler.mjs) and the load bench (load-bench.ts, CPU per request). Plain
// JavaScript so the sampler, which plain node runs as a worker, can import it too.
import { execFileSync } from "node:child_process";
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

const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * User + system CPU seconds the processes have used so far (/proc/<pid>/stat), with that of
 * their children that ended and were waited for: over a whole process tree this keeps counting
 * a child's time after it exits (a PostgreSQL backend, a parallel worker). @param {number[]} pids
 */
export function cpuSecondsOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3, state
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime, stime, cutime, cstime
    } catch {
      // exited
    }
  }
  return ticks / clockTicks;
}

/** @param {number | string} pid @returns {{ name: string; parent: number } | undefined} */
function statOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    return { name, parent: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) };
  } catch {
    return undefined;
  }
}

/**
 * The top processes named `name`: those whose parent has another name (PostgreSQL's postmaster,
 * not its backends). Empty when none runs on this machine. @param {string} name @returns {number[]}
 */
export function topProcessesNamed(name) {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      const stat = statOf(pid);
      return stat?.name === name && statOf(stat.parent)?.name !== name;
    })
    .map(Number);
}
