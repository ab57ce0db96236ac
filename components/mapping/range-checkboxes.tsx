"use client";

import { describeRangeRule } from "@/lib/standards/range-rule";

/** A criterion's range: its title, its rule ("all", or "at least" rangeMin) and its items. */
export type CriterionRange = {
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
  rangeItems: readonly { id: string; text: string }[];
};

type Props = {
  idPrefix: string;
  range: CriterionRange;
  checked: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  disabled?: boolean;
  /** The field the ticked items are sent in; "rangeItemId" unless the form claims several criteria. */
  name?: string;
  /** The value sent for an item; its id unless the form claims several criteria (lib/mapping/claims-form.ts). */
  valueFor?: (rangeItemId: string) => string;
};

const ownId = (id: string) => id;

/** The range items of one criterion as checkboxes (named rangeItemId by default); the caller supplies the fieldset. */
export function RangeCheckboxes({
  idPrefix,
  range,
  checked,
  onChange,
  disabled,
  name = "rangeItemId",
  valueFor = ownId,
}: Props) {
  const { rangeTitle, rangeRule, rangeMin, rangeItems: items } = range;
  if (items.length === 0) return <p className="text-sm text-slate-700">This criterion has no range items to tick.</p>;
  const rule = describeRangeRule(rangeRule, rangeMin, items.length);
  function toggle(id: string, on: boolean) {
    const next = new Set(checked);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  }
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium">
        {rangeTitle ?? "Range"}: tick the items this evidence covers{rule ? ` (the unit asks for ${rule})` : ""}.
      </p>
      <ul className="space-y-1">
        {items.map((item) => {
          const id = `${idPrefix}-${item.id}`;
          return (
            <li key={item.id} className="flex items-start gap-2">
              <input
                id={id}
                type="checkbox"
                name={name}
                value={valueFor(item.id)}
                checked={checked.has(item.id)}
                disabled={disabled}
                onChange={(e) => toggle(item.id, e.target.checked)}
                className="mt-1 h-4 w-4"
              />
              <label htmlFor={id}>{item.text}</label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The range checkboxes in their own fieldset, named for the criterion they are claimed for. */
export function RangeFieldset({ criterionRef, ...checkboxes }: Props & { criterionRef: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">Range items this evidence covers for {criterionRef}</legend>
      <RangeCheckboxes {...checkboxes} />
    </fieldset>
  );
}
