import { StatusTag } from "@/components/ui/status-tag";
import type { CrosswalkRelation } from "@/lib/standards/crosswalk-schema";

// A curated pair's relation in words; one place, so every page says the same.

const words: Record<CrosswalkRelation, { label: string; meaning: string }> = {
  exact: { label: "Same requirement", meaning: "The same requirement in other words." },
  close: {
    label: "Close",
    meaning: "The same piece of workplace evidence would normally prove both, though one is broader.",
  },
};

export function relationWords(relation: CrosswalkRelation): string {
  return words[relation].label;
}

export function relationMeaning(relation: CrosswalkRelation): string {
  return words[relation].meaning;
}

/** The relation in words in a small box; the words say it, the colour only repeats them. */
export function RelationTag({ relation }: { relation: CrosswalkRelation }) {
  return (
    <StatusTag tone={relation === "exact" ? "positive" : "neutral"} size="xs" title={relationMeaning(relation)}>
      {relationWords(relation)}
    </StatusTag>
  );
}
