import { z } from "zod";
import { CriterionKind } from "./schema";

// The shape of standards/crosswalk.json: curated pairs of criteria of two different units that
// the same workplace evidence proves. The team owns this content and reviews it like code.
// standards/crosswalk.schema.json is generated from this file (npm run standards:schema).

const text = z.string().trim().min(1, "must not be empty");

export const crosswalkRelations = ["exact", "close"] as const;
/**
 * "exact": the same requirement in other words. "close": the same piece of workplace evidence
 * would normally prove both, though one is broader. Topic words in common are not enough.
 */
export const CrosswalkRelation = z
  .enum(crosswalkRelations)
  .describe(
    '"exact": the same requirement in other words. "close": the same piece of workplace evidence would normally prove both, though one is broader. Topic words in common are not enough.',
  );
export type CrosswalkRelation = z.infer<typeof CrosswalkRelation>;

/** One criterion, named exactly as its unit file names it (kind too: INSCS042 and CFAM&LFD3 reuse numbers across groups). */
export const CriterionReference = z
  .object({
    /** The unit's code: "CS5", "CFAM&LFD3". */
    unit: text,
    kind: CriterionKind,
    /** The criterion's ref in that unit: "CS5/O6", "2.3", "7". */
    ref: text,
  })
  .strict();
export type CriterionReference = z.infer<typeof CriterionReference>;

export const CrosswalkPair = z
  .object({
    a: CriterionReference,
    b: CriterionReference,
    relation: CrosswalkRelation,
    /** Why the pair holds, in one line. */
    rationale: text.refine((s) => !/[\r\n]/.test(s), "must be one line").describe("Why the pair holds, in one line."),
  })
  .strict();
export type CrosswalkPair = z.infer<typeof CrosswalkPair>;

/** "CS5 outcome CS5/O6": how messages and keys name a reference. */
export function describeReference(ref: CriterionReference): string {
  return `${ref.unit} ${ref.kind} ${ref.ref}`;
}

/** The same key whichever way round a pair is written. */
function unorderedKey(pair: CrosswalkPair): string {
  const [first, second] = [describeReference(pair.a), describeReference(pair.b)].sort();
  return `${first}\u0000${second}`;
}

export const CrosswalkFile = z
  .object({
    $schema: z.string().optional(),
    /** How the crosswalk was made and what its relations mean. */
    about: text.describe("How the crosswalk was made and what its relations mean."),
    pairs: z.array(CrosswalkPair),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.pairs.forEach((pair, i) => {
      if (pair.a.unit === pair.b.unit)
        ctx.addIssue({
          code: "custom",
          path: ["pairs", i, "b", "unit"],
          message: `both ends are in ${pair.a.unit}; a crosswalk pair joins two different units`,
        });
      const key = unorderedKey(pair);
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["pairs", i],
          message: `duplicate pair ${describeReference(pair.a)} / ${describeReference(pair.b)}; first given at pairs[${first}]`,
        });
      else seen.set(key, i);
    });
  });
export type CrosswalkFile = z.infer<typeof CrosswalkFile>;
