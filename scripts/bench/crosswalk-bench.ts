// The crosswalk bench (issue 18): how long suggested equivalents take for every criterion of the
// five units (npm run standards:crosswalk -- suggest), beside a floor measured in the same run:
// tokenising and stemming every criterion's text once, which any text ranking must do. And how
// many curated pairs of standards/crosswalk.json the text ranking alone puts in its top 5.
//
// Target: suggestions for every criterion under 200 ms. Loading wink-nlp's language model is
// timed apart (once per process, before the first run). Runs alternate floor and suggestions
// after two warm-up rounds; each is timed as CPU time of this process and as wall time. The
// machine is shared, so wall time includes waiting for a CPU; the verdict uses CPU time.
import { readStandardsWithCrosswalk } from "../../lib/standards/crosswalk-files";
import {
  criterionTexts,
  stems,
  suggestEquivalents,
  textRecall,
  type TextRecall,
} from "../../lib/standards/crosswalk-suggest";
import { percentile } from "./progress-bench";

const TARGET_MS = 200;

type Timing = { cpu: number; wall: number };

export type CrosswalkBenchResult = {
  runs: number;
  criteria: number;
  pairs: number;
  modelLoad: Timing;
  floor: Timing[];
  suggest: Timing[];
  recall: TextRecall;
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function timed(work: () => unknown): Timing {
  const [cpu, wall] = [cpuMs(), performance.now()];
  work();
  return { cpu: cpuMs() - cpu, wall: performance.now() - wall };
}

function measure(runs: number): CrosswalkBenchResult {
  const { units, crosswalk } = readStandardsWithCrosswalk();
  if (!crosswalk) throw new Error("standards/crosswalk.json is missing");
  const texts = criterionTexts(units).map((c) => c.text);
  const modelLoad = timed(() => stems("load the model"));
  const floor: Timing[] = [];
  const suggest: Timing[] = [];
  for (let run = -2; run < runs; run++) {
    const f = timed(() => texts.map(stems));
    const s = timed(() => suggestEquivalents(units, crosswalk, 5));
    // Runs -2 and -1 warm up V8.
    if (run < 0) continue;
    floor.push(f);
    suggest.push(s);
  }
  return {
    runs,
    criteria: texts.length,
    pairs: crosswalk.pairs.length,
    modelLoad,
    floor,
    suggest,
    recall: textRecall(units, crosswalk, 5),
  };
}

export function printCrosswalkResult(r: CrosswalkBenchResult, log: (line: string) => void) {
  const median = (timings: Timing[], of: keyof Timing) =>
    percentile(
      timings.map((t) => t[of]),
      50,
    );
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const cpu = median(r.suggest, "cpu");
  log(`    ${r.criteria} criteria, ${r.pairs} curated pairs; medians of ${r.runs} runs after two warm-up rounds`);
  log(`    ${"".padEnd(44)}${"CPU".padStart(10)}${"wall".padStart(10)}`);
  log(
    `    ${"floor: tokenise and stem every criterion once".padEnd(44)}${ms(median(r.floor, "cpu")).padStart(10)}${ms(median(r.floor, "wall")).padStart(10)}`,
  );
  log(
    `    ${"suggestions for every criterion (top 5)".padEnd(44)}${ms(cpu).padStart(10)}${ms(median(r.suggest, "wall")).padStart(10)}   ` +
      `${(cpu / Math.max(median(r.floor, "cpu"), 0.01)).toFixed(1)}x floor, ${cpu < TARGET_MS ? "meets" : "MISSES"} < ${TARGET_MS} ms`,
  );
  log(
    `    ${"(once per process) loading the language model".padEnd(44)}${ms(r.modelLoad.cpu).padStart(10)}${ms(r.modelLoad.wall).padStart(10)}`,
  );
  const { eitherEnd, directed, byRelation, top } = r.recall;
  const of = ({ found, of: total }: { found: number; of: number }) => `${found} of ${total}`;
  log(
    `    Text ranking alone, curated pairs in its top ${top}: ${of(eitherEnd)} from either end (exact ${of(byRelation.exact)}, close ${of(byRelation.close)}); ${of(directed)} counting each end.`,
  );
}

/** Measures and prints the section; returns the figures. */
export async function benchCrosswalk(options: {
  runs?: number;
  log: (line: string) => void;
}): Promise<CrosswalkBenchResult> {
  const result = measure(options.runs ?? 15);
  printCrosswalkResult(result, options.log);
  return result;
}
