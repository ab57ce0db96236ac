import { ragDescriptions, ragLabels, type RagState } from "@/lib/progress/rag";

// RAG colours always come with the word: colour repeats what the text says, never replaces it.

const badgeStyles: Record<RagState, string> = {
  red: "border-red-800 bg-red-50 text-red-900",
  amber: "border-amber-700 bg-amber-50 text-amber-950",
  green: "border-green-800 bg-green-50 text-green-900",
  notStarted: "border-slate-500 bg-white text-slate-800",
  completed: "border-slate-700 bg-slate-100 text-slate-900",
  withdrawn: "border-dashed border-slate-600 bg-white text-slate-800",
};

/** Fill colours for chart bars; the bars always carry their numbers as text too. */
export const ragFills: Record<RagState, string> = {
  red: "bg-red-700",
  amber: "bg-amber-500",
  green: "bg-green-700",
  notStarted: "bg-slate-400",
  completed: "bg-slate-600",
  withdrawn: "bg-slate-300",
};

export function RagBadge({ rag }: { rag: RagState }) {
  return (
    <span
      title={ragDescriptions[rag]}
      className={`inline-block whitespace-nowrap rounded border px-2 py-0.5 text-sm font-medium ${badgeStyles[rag]}`}
    >
      {ragLabels[rag]}
    </span>
  );
}
