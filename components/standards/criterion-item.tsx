import type { ReactNode } from "react";
import type { CriterionDto } from "@/lib/dal/standards";
import { describeRangeRule } from "@/lib/standards/range-rule";
import { CriterionKindBadge } from "./labels";

/**
 * One criterion as the source gives it: reference, kind, verbatim text, range and guidance; then
 * whatever the page adds about it (children), such as its equivalents in other units.
 */
export function CriterionItem({ criterion, children }: { criterion: CriterionDto; children?: ReactNode }) {
  const { range } = criterion;
  const rule = range ? describeRangeRule(range.rule, range.min, range.items.length) : "";
  return (
    <li
      id={criterion.anchor}
      className="scroll-mt-4 rounded border border-slate-200 bg-white p-4 target:border-brand-700 target:ring-2 target:ring-brand-700"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-mono text-base font-semibold">{criterion.ref}</span>
        <CriterionKindBadge kind={criterion.kind} />
      </div>
      <p className="mt-2">{criterion.text}</p>
      {range && (
        <div className="mt-3 border-l-4 border-slate-300 pl-3">
          <p className="font-semibold">{range.title ?? "Range"}</p>
          {rule && <p className="font-medium text-slate-800">Cover {rule}</p>}
          {range.guidance.map((sentence, i) => (
            <p key={i} className="text-slate-700">
              {sentence}
            </p>
          ))}
          {range.items.length > 0 && (
            <ul aria-label="Range items" className="mt-1 list-disc space-y-0.5 pl-5">
              {range.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {criterion.guidance.length > 0 && (
        <div className="mt-3 border-l-4 border-slate-300 pl-3">
          <p className="font-semibold">Guidance</p>
          {criterion.guidance.map((sentence, i) => (
            <p key={i} className="text-slate-700">
              {sentence}
            </p>
          ))}
        </div>
      )}
      {children}
    </li>
  );
}
