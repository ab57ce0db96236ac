"use client";

import { useActionState } from "react";
import { EnrolmentForm } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, InputField, Options, SelectField, TextAreaField } from "@/components/ui/field";
import { planActivityAction } from "@/lib/actions/plan-activity";
import { evidenceMethods } from "@/lib/evidence/methods";
import { errorsFor, valueOf, valuesOf } from "@/lib/forms/form-state";
import { planLimits } from "@/lib/plans/plan-input";

const methodChoices = evidenceMethods.map((m) => ({ value: m.id, label: m.label }));

/** The assessor plans an activity: how, which criteria, when and where. A refused form keeps what was typed. */
export function PlanActivityForm({
  enrolmentId,
  criteria,
}: {
  enrolmentId: string;
  criteria: { id: string; ref: string; text: string }[];
}) {
  const [state, action, pending] = useActionState(planActivityAction, null);
  const ticked = new Set(valuesOf(state, "criterionId"));
  return (
    <EnrolmentForm
      state={state}
      action={action}
      label="Plan an activity"
      enrolmentId={enrolmentId}
      fieldIds={{
        method: "plan-method",
        criterionIds: "plan-criteria",
        plannedFor: "plan-date",
        place: "plan-place",
        notes: "plan-notes",
      }}
    >
      <SelectField
        id="plan-method"
        name="method"
        label="How it will be assessed"
        defaultValue={valueOf(state, "method", "observation")}
        errors={errorsFor(state, "method")}
        controlClassName="max-w-sm"
      >
        <Options choices={methodChoices} />
      </SelectField>
      <InputField
        id="plan-date"
        name="plannedFor"
        type="date"
        label="Planned for"
        hint="The day it will happen. After that day it shows as overdue until it is done or cancelled."
        defaultValue={valueOf(state, "plannedFor")}
        errors={errorsFor(state, "plannedFor")}
        controlClassName="max-w-xs"
      />
      <InputField
        id="plan-place"
        name="place"
        label="Where (optional)"
        maxLength={planLimits.place}
        defaultValue={valueOf(state, "place")}
        errors={errorsFor(state, "place")}
      />
      <CheckboxGroup
        id="plan-criteria"
        legend="Criteria it will cover"
        errors={errorsFor(state, "criterionIds")}
        name="criterionId"
        choices={criteria.map((c) => ({ value: c.id, label: `${c.ref} ${c.text}` }))}
        checked={ticked}
        itemIdPrefix="plan-criterion"
      />
      <TextAreaField
        id="plan-notes"
        name="notes"
        label="Notes for the candidate (optional)"
        rows={3}
        maxLength={planLimits.notes}
        defaultValue={valueOf(state, "notes")}
        errors={errorsFor(state, "notes")}
      />
      <SubmitButton pending={pending} label="Add to the plan" pendingLabel="Adding…" />
    </EnrolmentForm>
  );
}
