// The Markdown bench: how long the renderer takes on 100 kB of plain prose (the floor) and on
// 100 kB of each input shape that made the old hand-written renderer slow (nested brackets,
// emphasis runs, link chains) or that makes any Markdown parser work hardest (nested lists).
//
// 100 kB is five times MARKDOWN_MAX_CHARS, so `renderMarkdownToHtml` would show it as plain
// text; the engine behind it (`markdownToSafeHtml`: markdown-it, then sanitize-html) is timed
// directly. The same shapes at the limit, through `renderMarkdownToHtml` as pages call it, are
// timed too: what one description can cost the server.
//
// Target (issue 13): each shape at most 3x the prose floor, measured in the same run. Runs go
// round-robin over the inputs after a warm-up, so a burst of load elsewhere on the machine
// lands on all of them rather than on one.
import { markdownToSafeHtml } from "../../lib/markdown/engine";
import { MARKDOWN_MAX_CHARS } from "../../lib/markdown/limits";
import { renderMarkdownToHtml } from "../../lib/markdown/render";
import { percentile } from "./progress-bench";

const BENCH_CHARS = 100_000;
const TARGET_RATIO = 3;

/** `unit` repeated and cut to exactly `chars` characters. */
const repeatTo = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

const prose =
  "I greeted the customer at the counter, checked the order number against the delivery note and explained " +
  "the returns policy before handing over the parcel. When the note did not match, I phoned the warehouse, " +
  "apologised for the wait and offered a seat. My supervisor watched and signed the witness statement.\n\n";

/** The inputs, each made to `chars` characters. The first is the floor. */
export const markdownShapes: { name: string; make: (chars: number) => string }[] = [
  { name: "plain prose (floor)", make: (chars) => repeatTo(prose, chars) },
  { name: "nested brackets [[[...]]]", make: (chars) => "[".repeat(Math.floor(chars / 2)) + "]".repeat(Math.ceil(chars / 2)) },
  { name: "unclosed brackets [[[[...", make: (chars) => "[".repeat(chars) },
  { name: "emphasis runs *a**b***", make: (chars) => repeatTo("*a**b***", chars) },
  { name: "link chains [a](b)", make: (chars) => repeatTo("[a](b)", chars) },
  { name: "link chains [a](https://...)", make: (chars) => repeatTo("[a](https://example.org/a)", chars) },
  { name: "nested lists, 4 deep", make: (chars) => repeatTo("- a\n  - b\n    - c\n      - d\n", chars) },
];

export type MarkdownBenchResult = {
  runs: number;
  /** Milliseconds per run, by shape name: 100 kB through the engine, and the limit through the page renderer. */
  full: Map<string, number[]>;
  atLimit: Map<string, number[]>;
};

function timeRoundRobin(inputs: { name: string; text: string }[], render: (text: string) => string, runs: number): Map<string, number[]> {
  const times = new Map(inputs.map(({ name }) => [name, [] as number[]]));
  for (let run = -2; run < runs; run++) {
    for (const { name, text } of inputs) {
      const started = performance.now();
      render(text);
      if (run >= 0) times.get(name)?.push(performance.now() - started); // runs -2 and -1 warm up
    }
  }
  return times;
}

export function benchMarkdown(runs: number): MarkdownBenchResult {
  const inputsOf = (chars: number) => markdownShapes.map(({ name, make }) => ({ name, text: make(chars) }));
  return {
    runs,
    full: timeRoundRobin(inputsOf(BENCH_CHARS), (text) => markdownToSafeHtml(text), runs),
    atLimit: timeRoundRobin(inputsOf(MARKDOWN_MAX_CHARS), (text) => renderMarkdownToHtml(text), runs),
  };
}

export function printMarkdownResult(r: MarkdownBenchResult, log: (line: string) => void) {
  const p50 = (times: Map<string, number[]>, name: string) => percentile(times.get(name) ?? [], 50);
  const floorName = markdownShapes[0]?.name ?? "";
  const floor = p50(r.full, floorName);
  const limit = MARKDOWN_MAX_CHARS.toLocaleString("en-GB");
  log(`    ${"input".padEnd(32)}${"100 kB p50".padStart(12)}${"x floor".padStart(10)}   ${`${limit} chars p50`.padStart(18)}`);
  const misses: string[] = [];
  for (const { name } of markdownShapes) {
    const ms = p50(r.full, name);
    const ratio = ms / floor;
    const verdict = name === floorName ? "" : ratio <= TARGET_RATIO ? `meets <= ${TARGET_RATIO}x` : `MISSES <= ${TARGET_RATIO}x`;
    if (name !== floorName && ratio > TARGET_RATIO) misses.push(name);
    log(`    ${name.padEnd(32)}${`${ms.toFixed(1)} ms`.padStart(12)}${`${ratio.toFixed(1)}x`.padStart(10)}   ${`${p50(r.atLimit, name).toFixed(1)} ms`.padStart(18)}   ${verdict}`);
  }
  log(
    misses.length === 0
      ? `    Every shape renders in <= ${TARGET_RATIO}x the prose floor: meets target.`
      : `    ${misses.length} of ${markdownShapes.length - 1} shapes over ${TARGET_RATIO}x the prose floor: MISSES target (${misses.join("; ")}).`,
  );
}
