"use client";

import { useActionState } from "react";
import { confirmRequirementAction } from "@/lib/actions/assessment-confirm-requirement";
import { errorsFor, valueOf, valuesOf } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, TextAreaField } from "@/components/ui/field";
import { EnrolmentForm } from "./form-parts";

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
  const [state, action, pending] = useActionState(confirmRequirementAction, null);
  const prefix = `confirm-${requirementId}`;
  const ticked = new Set(valuesOf(state, "evidenceId", confirmedEvidenceIds));
  if (evidence.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        No evidence has been accepted in this unit yet, so there is nothing to confirm requirement {requirementRef}{" "}
        with.
      </p>
    );
  }
  return (
    <EnrolmentForm
      state={state}
      action={action}
      label={`Confirm requirement ${requirementRef}`}
      enrolmentId={enrolmentId}
      fieldIds={{ evidenceIds: `${prefix}-evidence`, note: `${prefix}-note` }}
    >
      <input type="hidden" name="requirementId" value={requirementId} />
      <CheckboxGroup
        id={`${prefix}-evidence`}
        legend={`Evidence that shows requirement ${requirementRef} is met`}
        hint={simulationAllowed ? undefined : "Simulated evidence cannot be used for this requirement."}
        errors={errorsFor(state, "evidenceIds")}
        name="evidenceId"
        choices={evidence.map((e) => ({
          value: e.id,
          label: (
            <>
              {e.title}
              {e.simulated ? <span className="text-sm text-slate-700"> (simulated)</span> : null}
            </>
          ),
        }))}
        checked={ticked}
        itemIdPrefix={prefix}
      />
      <TextAreaField
        id={`${prefix}-note`}
        name="note"
        label="Note (optional)"
        rows={2}
        maxLength={2000}
        defaultValue={valueOf(state, "note", note ?? "")}
        errors={errorsFor(state, "note")}
        className=""
      />
      <SubmitButton pending={pending} label={`Confirm requirement ${requirementRef}`} pendingLabel="Confirming…" />
    </EnrolmentForm>
  );
}
