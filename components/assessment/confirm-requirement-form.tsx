"use client";

import { useActionState } from "react";
import { confirmRequirementAction } from "@/lib/actions/assessment-confirm-requirement";
import { errorsFor, valueOf, valuesOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem } from "./form-parts";
import { inputClass, primaryButtonClass } from "./styles";

type EvidenceChoice = { id: string; title: string; simulated: boolean };

/** Confirm a unit evidence requirement, ticking the accepted evidence that shows it. */
export function ConfirmRequirementForm({
  enrolmentId,
  requirementId,
  requirementRef,
  simulationAllowed,
  evidence,
  confirmedEvidenceIds,
  note,
}: {
  enrolmentId: string;
  requirementId: string;
  requirementRef: string;
  simulationAllowed: boolean;
  evidence: EvidenceChoice[];
  confirmedEvidenceIds: string[];
  note: string | null;
}) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(confirmRequirementAction, null);
  const prefix = `confirm-${requirementId}`;
  const ticked = new Set(valuesOf(state, "evidenceIds", confirmedEvidenceIds));
  const errors = errorsFor(state, "evidenceIds");
  if (evidence.length === 0) {
    return <p className="text-sm text-slate-700">No evidence has been accepted in this unit yet, so there is nothing to confirm requirement {requirementRef} with.</p>;
  }
  return (
    <form action={action} key={state?.attempt ?? 0} noValidate className="space-y-3" aria-label={`Confirm requirement ${requirementRef}`}>
      <FormProblem state={state} fieldIds={{ evidenceIds: `${prefix}-evidence`, note: `${prefix}-note` }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <input type="hidden" name="requirementId" value={requirementId} />
      <fieldset id={`${prefix}-evidence`} className="space-y-1" aria-describedby={errors ? `${prefix}-evidence-error` : undefined}>
        <legend className="font-medium">Evidence that shows requirement {requirementRef} is met</legend>
        {!simulationAllowed ? <p className="text-sm text-slate-700">Simulated evidence cannot be used for this requirement.</p> : null}
        <FieldErrors id={`${prefix}-evidence-error`} errors={errors} />
        <ul className="space-y-1">
          {evidence.map((e) => (
            <li key={e.id} className="flex items-start gap-2">
              <input id={`${prefix}-${e.id}`} type="checkbox" name="evidenceId" value={e.id} defaultChecked={ticked.has(e.id)} className="mt-1 h-4 w-4" />
              <label htmlFor={`${prefix}-${e.id}`}>
                {e.title}
                {e.simulated ? <span className="text-sm text-slate-700"> (simulated)</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div>
        <label htmlFor={`${prefix}-note`} className="block font-medium">
          Note (optional)
        </label>
        <textarea id={`${prefix}-note`} name="note" rows={2} maxLength={2000} defaultValue={valueOf(state, "note", note ?? "")} className={inputClass} />
        <FieldErrors id={`${prefix}-note-error`} errors={errorsFor(state, "note")} />
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Confirming…" : `Confirm requirement ${requirementRef}`}
      </button>
    </form>
  );
}
