// npm run -s standards:crosswalk -- suggest [--top 5] [--json] [--dir standards]
// Suggested equivalents of every criterion of every unit in the other units: the curated pairs
// of standards/crosswalk.json first (with their relation), then the text ranking. Reads the
// files directly; no database needed. --json prints one array of
// {"unit", "kind", "ref", "suggestions": [{"unit", "kind", "ref", "score", "relation"?}]}.
import { parseArgs } from "node:util";
import { readStandardsWithCrosswalk } from "../lib/standards/crosswalk-files";
import { describeReference } from "../lib/standards/crosswalk-schema";
import { suggestEquivalents, type CriterionSuggestions } from "../lib/standards/crosswalk-suggest";
import { standardsDir } from "../lib/standards/load-files";

const usage = "Usage: npm run -s standards:crosswalk -- suggest [--top N] [--json] [--dir DIR]";

/** The suggestions the command prints, for the unit files and crosswalk in dir. */
export function suggestionsFor(dir: string, top: number): CriterionSuggestions[] {
  const { units, crosswalk } = readStandardsWithCrosswalk(dir);
  return suggestEquivalents(units, crosswalk, top);
}

function asText(all: CriterionSuggestions[]): string {
  return all
    .map((criterion) =>
      [
        describeReference(criterion),
        ...criterion.suggestions.map(
          (s) => `  ${(s.relation ?? "").padEnd(6)} ${describeReference(s).padEnd(32)} ${s.score.toFixed(3)}`,
        ),
      ].join("\n"),
    )
    .join("\n");
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      top: { type: "string", default: "5" },
      json: { type: "boolean", default: false },
      dir: { type: "string", default: standardsDir },
    },
  });
  const top = Number(values.top);
  if (positionals.join(" ") !== "suggest" || !Number.isInteger(top) || top < 1) {
    console.error(usage);
    return 1;
  }
  const all = suggestionsFor(values.dir, top);
  console.log(values.json ? JSON.stringify(all) : asText(all));
  return 0;
}

if (process.argv[1]?.endsWith("crosswalk.ts")) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
