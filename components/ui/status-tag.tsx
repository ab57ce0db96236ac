import type { ReactNode } from "react";

// A status in words in a small box. The words always say it; the colour only repeats them, and
// an ended state also gets a dashed border, so nothing depends on telling colours apart.

const tones = {
  positive: "border-green-800 bg-green-50 text-green-900",
  warning: "border-amber-700 bg-amber-50 text-amber-950",
  negative: "border-red-800 bg-red-50 text-red-900",
  neutral: "border-slate-500 bg-white text-slate-800",
  done: "border-slate-700 bg-slate-100 text-slate-900",
  ended: "border-dashed border-slate-600 bg-white text-slate-800",
  withdrawn: "border-dashed border-red-800 bg-white text-red-900",
} as const;

export type StatusTone = keyof typeof tones;

export function StatusTag({
  tone,
  title,
  size = "sm",
  children,
}: {
  tone: StatusTone;
  /** A longer explanation, shown on hover. */
  title?: string;
  size?: "xs" | "sm";
  children: ReactNode;
}) {
  const text = size === "xs" ? "text-xs" : "text-sm";
  return (
    <span
      title={title}
      className={`inline-block rounded border px-2 py-0.5 font-medium whitespace-nowrap ${text} ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
