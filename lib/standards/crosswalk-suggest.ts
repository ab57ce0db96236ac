import model from "wink-eng-lite-web-model";
import winkNLP, { type Bow, type ItsFunction, type WinkMethods } from "wink-nlp";
import bm25Vectorizer from "wink-nlp/utilities/bm25-vectorizer";
import similarity from "wink-nlp/utilities/similarity";
import type { CrosswalkFile, CrosswalkRelation, CriterionReference } from "./crosswalk-schema";
import { describeReference } from "./crosswalk-schema";
import type { UnitFile } from "./schema";

// Suggested equivalents of a criterion in the other units: the curated pairs of
// standards/crosswalk.json first, then the rest ranked by text similarity. The text side is
// wink-nlp's tokeniser and Porter stemmer, BM25 weights (its BM25 vectorizer, learnt over every
// criterion of the five units) and cosine similarity of the weighted bags of words. A suggestion
// is a lead for the team to read, never a pair: only the curated file says two criteria match.

export type CriterionText = CriterionReference & {
  /** The criterion's text with its range title and items, as the ranking reads it. */
  text: string;
};

export type Suggestion = CriterionReference & {
  /** Cosine similarity of the two criteria's BM25-weighted stems, 0 to 1, three decimals. */
  score: number;
  /** Present when the pair is curated in standards/crosswalk.json. */
  relation?: CrosswalkRelation;
};

export type CriterionSuggestions = CriterionReference & { suggestions: Suggestion[] };

/** Every criterion of the units, in file order, with the text the ranking reads. */
export function criterionTexts(units: UnitFile[]): CriterionText[] {
  return units.flatMap((unit) =>
    unit.groups.flatMap((group) =>
      group.criteria.map((c) => ({
        unit: unit.code,
        kind: c.kind,
        ref: c.ref,
        // Range items say what a criterion covers (CS34 1.1's "staff- rotas, schedules"), so they count.
        text: [c.text, c.range?.title ?? "", ...(c.range?.items ?? [])].join(" "),
      })),
    ),
  );
}

// Loading the language model costs a few hundred milliseconds: once per process.
let nlp: WinkMethods | undefined;
function english(): WinkMethods {
  nlp ??= winkNLP(model, []);
  return nlp;
}

/** The stems of a text's words, stop words left out ("the", "and", "you", ...). */
export function stems(text: string): string[] {
  const nlp = english();
  // wink-nlp's typings declare its.stem with another signature than .out() takes; it works as documented.
  const stem = nlp.its.stem as unknown as ItsFunction<string>;
  return nlp
    .readDoc(text)
    .tokens()
    .filter((token) => token.out(nlp.its.type) === "word" && !token.out(nlp.its.stopWordFlag))
    .out(stem)
    .filter((s) => /\p{L}\p{L}/u.test(s)); // possessive "'s" and the like are word tokens too
}

/** The criteria and their BM25-weighted bags of words, learnt over all of them. */
export type TextIndex = { criteria: CriterionText[]; bows: Bow[]; keys: Map<string, number> };

export function buildTextIndex(criteria: CriterionText[]): TextIndex {
  const tokens = criteria.map((c) => stems(c.text));
  const bm25 = bm25Vectorizer();
  for (const t of tokens) bm25.learn(t);
  return {
    criteria,
    bows: tokens.map((t) => bm25.bowOf(t)),
    keys: new Map(criteria.map((c, i) => [describeReference(c), i])),
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The criteria of the other units, most similar text first (ties in file order). */
export function rankByText(index: TextIndex, of: CriterionReference): { at: number; score: number }[] {
  const i = index.keys.get(describeReference(of));
  if (i === undefined) throw new Error(`no criterion ${describeReference(of)} in the units read`);
  const own = index.bows[i]!;
  return index.criteria
    .flatMap((c, at) =>
      c.unit === of.unit ? [] : [{ at, score: round3(similarity.bow.cosine(own, index.bows[at]!)) }],
    )
    .sort((x, y) => y.score - x.score || x.at - y.at);
}

const relationOrder: Record<CrosswalkRelation, number> = { exact: 0, close: 1 };

/** Each criterion's curated partners with their relation, either way round. */
function curatedPartners(crosswalk: CrosswalkFile | null): Map<string, Map<string, CrosswalkRelation>> {
  const partners = new Map<string, Map<string, CrosswalkRelation>>();
  const add = (from: CriterionReference, to: CriterionReference, relation: CrosswalkRelation) => {
    const key = describeReference(from);
    partners.set(key, (partners.get(key) ?? new Map()).set(describeReference(to), relation));
  };
  for (const pair of crosswalk?.pairs ?? []) {
    add(pair.a, pair.b, pair.relation);
    add(pair.b, pair.a, pair.relation);
  }
  return partners;
}

/**
 * For every criterion of the units, its top suggestions in the other units: curated pairs first
 * (exact before close, then by score), then the text ranking.
 */
export function suggestEquivalents(
  units: UnitFile[],
  crosswalk: CrosswalkFile | null,
  top: number,
): CriterionSuggestions[] {
  const index = buildTextIndex(criterionTexts(units));
  const partners = curatedPartners(crosswalk);
  return index.criteria.map((c) => {
    const curated = partners.get(describeReference(c)) ?? new Map<string, CrosswalkRelation>();
    const ranked: Suggestion[] = rankByText(index, c).map(({ at, score }) => {
      const { unit, kind, ref } = index.criteria[at]!;
      const relation = curated.get(describeReference({ unit, kind, ref }));
      return relation ? { unit, kind, ref, score, relation } : { unit, kind, ref, score };
    });
    const rank = (s: Suggestion) => (s.relation ? relationOrder[s.relation] : 2);
    // A stable sort keeps the text order within each of exact, close and uncurated.
    const suggestions = ranked.sort((x, y) => rank(x) - rank(y)).slice(0, top);
    return { unit: c.unit, kind: c.kind, ref: c.ref, suggestions };
  });
}

export type TextRecall = {
  top: number;
  /** Curated pairs found from either end: b in a's text top-k, or a in b's. */
  eitherEnd: { found: number; of: number };
  /** Each end counted: how many of the 2 x pairs partners are in the other's text top-k. */
  directed: { found: number; of: number };
  byRelation: Record<CrosswalkRelation, { found: number; of: number }>;
};

/** How many curated pairs the text ranking alone puts in its top k: the ranking's recall. */
export function textRecall(units: UnitFile[], crosswalk: CrosswalkFile, top = 5): TextRecall {
  const index = buildTextIndex(criterionTexts(units));
  const topOf = new Map<string, Set<string>>();
  const inTop = (from: CriterionReference, to: CriterionReference) => {
    const key = describeReference(from);
    let found = topOf.get(key);
    if (!found) {
      found = new Set(
        rankByText(index, from)
          .slice(0, top)
          .map(({ at }) => describeReference(index.criteria[at]!)),
      );
      topOf.set(key, found);
    }
    return found.has(describeReference(to));
  };
  const recall: TextRecall = {
    top,
    eitherEnd: { found: 0, of: 0 },
    directed: { found: 0, of: 0 },
    byRelation: { exact: { found: 0, of: 0 }, close: { found: 0, of: 0 } },
  };
  for (const pair of crosswalk.pairs) {
    const [ab, ba] = [inTop(pair.a, pair.b), inTop(pair.b, pair.a)];
    recall.directed.found += Number(ab) + Number(ba);
    recall.directed.of += 2;
    for (const tally of [recall.eitherEnd, recall.byRelation[pair.relation]]) {
      tally.found += Number(ab || ba);
      tally.of += 1;
    }
  }
  return recall;
}
