"use client";

import Link from "next/link";
import { useActionState, useId, useState } from "react";
import { proposeMappingAction } from "@/lib/actions/mapping-propose";
import type { AttachableEvidence } from "@/lib/portfolio/gap-view";
import { ActionMessage, MappingWarnings } from "./action-message";
import { RangeFieldset } from "./range-checkboxes";
import { SubmitButton } from "@/components/ui/button";
import { useSubmitByHand } from "./use-submit-by-hand";

type Props = {
  enrolmentId: string;
  criterion: {
    id: string;
    ref: string;
    rangeTitle: string | null;
    rangeRule: "all" | "atLeast" | null;
    rangeMin: number | null;
    rangeItems: readonly { id: string; text: string }[];
  };
  evidence: readonly AttachableEvidence[];
};

/** From the gap view: map one of the candidate's unsubmitted evidence items to this criterion. */
export function AttachEvidenceForm({ enrolmentId, criterion, evidence }: Props) {
  const [state, formAction, pending] = useActionState(proposeMappingAction, null);
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const id = useId();

  const onSubmit = useSubmitByHand(formAction);

  return (
    <details className="rounded border border-slate-200 bg-slate-50 p-3">
      <summary className="cursor-pointer font-medium text-brand-700">
        Attach existing evidence<span className="sr-only"> to {criterion.ref}</span>
      </summary>
      {evidence.length === 0 ? (
        <p className="mt-3">
          You have no evidence waiting to be submitted.{" "}
          <Link href="/candidate/evidence/new" className="text-brand-700 underline underline-offset-4">
            Add evidence from your work
          </Link>{" "}
          first, then map it here.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
          <input type="hidden" name="enrolmentId" value={enrolmentId} />
          <input type="hidden" name="criterionId" value={criterion.id} />
          <div>
            <label htmlFor={`${id}-evidence`} className="block font-medium">
              Evidence
            </label>
            <select
              id={`${id}-evidence`}
              name="evidenceId"
              required
              defaultValue=""
              className="mt-1 w-full max-w-md rounded border border-slate-500 bg-white px-3 py-2"
            >
              <option value="" disabled>
                Choose evidence
              </option>
              {evidence.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.title} ({e.methodLabel}
                  {e.simulated ? ", simulated" : ""})
                </option>
              ))}
            </select>
          </div>
          {criterion.rangeItems.length > 0 && (
            <RangeFieldset
              criterionRef={criterion.ref}
              idPrefix={`${id}-range`}
              range={criterion}
              checked={checked}
              onChange={setChecked}
            />
          )}
          <SubmitButton pending={pending} label="Attach evidence" pendingLabel="Attaching…" />
          <ActionMessage state={state} />
          {state?.ok && <MappingWarnings warnings={state.data.warnings} />}
        </form>
      )}
    </details>
  );
}
