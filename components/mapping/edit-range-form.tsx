"use client";

import { useActionState, useState, useTransition, type FormEvent } from "react";
import { updateMappingRangeAction } from "@/lib/actions/mapping-update-range";
import { ActionMessage } from "./action-message";
import { RangeCheckboxes } from "./range-checkboxes";

type Props = {
  mappingId: string;
  criterionRef: string;
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
  items: readonly { id: string; text: string; claimed: boolean }[];
};

/** Changes which range items a mapping claims; behind a disclosure so the list stays short. */
export function EditRangeForm({ mappingId, criterionRef, rangeTitle, rangeRule, rangeMin, items }: Props) {
  const [state, formAction, pending] = useActionState(updateMappingRangeAction, null);
  const [, startTransition] = useTransition();
  const [checked, setChecked] = useState<Set<string>>(() => new Set(items.filter((i) => i.claimed).map((i) => i.id)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <details className="rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-brand-700">
        Change range items<span className="sr-only"> for {criterionRef}</span>
      </summary>
      <form onSubmit={onSubmit} className="mt-3 space-y-3">
        <input type="hidden" name="mappingId" value={mappingId} />
        <fieldset className="space-y-2">
          <legend className="font-medium">Range items this evidence covers for {criterionRef}</legend>
          <RangeCheckboxes idPrefix={`edit-${mappingId}`} items={items} rangeTitle={rangeTitle} rangeRule={rangeRule} rangeMin={rangeMin} checked={checked} onChange={setChecked} />
        </fieldset>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
          {pending ? "Saving…" : "Save range items"}
        </button>
        <ActionMessage state={state} />
      </form>
    </details>
  );
}
