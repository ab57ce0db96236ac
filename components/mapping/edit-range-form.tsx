"use client";

import { useActionState, useState } from "react";
import { updateMappingRangeAction } from "@/lib/actions/mapping-update-range";
import { ActionMessage } from "./action-message";
import { RangeFieldset } from "./range-checkboxes";
import { SubmitButton } from "@/components/ui/button";
import { useSubmitByHand } from "./use-submit-by-hand";

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
  const [checked, setChecked] = useState<Set<string>>(() => new Set(items.filter((i) => i.claimed).map((i) => i.id)));

  const onSubmit = useSubmitByHand(formAction);

  return (
    <details className="rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-brand-700">
        Change range items<span className="sr-only"> for {criterionRef}</span>
      </summary>
      <form onSubmit={onSubmit} className="mt-3 space-y-3">
        <input type="hidden" name="mappingId" value={mappingId} />
        <RangeFieldset
          criterionRef={criterionRef}
          idPrefix={`edit-${mappingId}`}
          range={{ rangeTitle, rangeRule, rangeMin, rangeItems: items }}
          checked={checked}
          onChange={setChecked}
        />
        <SubmitButton pending={pending} label="Save range items" pendingLabel="Saving…" />
        <ActionMessage state={state} />
      </form>
    </details>
  );
}
