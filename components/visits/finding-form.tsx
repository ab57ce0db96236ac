"use client";

import { useActionState } from "react";
import { recordFindingAction } from "@/lib/actions/qa-visit";
import { errorsOf, FormMessages } from "@/components/enrolments/form-messages";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxField, InputField, Options, SelectField, TextAreaField } from "@/components/ui/field";
import { refusedText } from "@/lib/forms/form-state";

const labels = {
  text: "Finding",
  needsAction: "This needs action",
  dueDate: "Action due by",
  assessorId: "Address the action to",
};
const fieldIds = {
  text: "finding-text",
  needsAction: "finding-needsAction",
  dueDate: "finding-dueDate",
  assessorId: "finding-assessorId",
};

/** The EQA's "Record a finding" form; a finding that needs action raises a QA action. */
export function FindingForm({
  visitId,
  assessors,
  today,
  latest,
}: {
  visitId: string;
  assessors: { id: string; name: string }[];
  today: string;
  latest: string;
}) {
  const [state, action, pending] = useActionState(recordFindingAction, null);
  const keep = refusedText(state);
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="visitId" value={visitId} />
      <TextAreaField
        id={fieldIds.text}
        name="text"
        label={labels.text}
        required
        rows={5}
        maxLength={5000}
        defaultValue={keep?.text ?? ""}
        errors={errorsOf(state, "text")}
        hint="What you found. The centre's admins read every finding."
      />
      <CheckboxField
        id={fieldIds.needsAction}
        name="needsAction"
        label={labels.needsAction}
        defaultChecked={keep?.needsAction === "yes"}
        errors={errorsOf(state, "needsAction")}
        hint="Raises an action the centre must respond to by the date below."
      />
      <InputField
        id={fieldIds.dueDate}
        name="dueDate"
        type="date"
        label={labels.dueDate}
        min={today}
        max={latest}
        defaultValue={keep?.dueDate ?? ""}
        errors={errorsOf(state, "dueDate")}
        hint="Only for a finding that needs action."
      />
      <SelectField
        id={fieldIds.assessorId}
        name="assessorId"
        label={labels.assessorId}
        defaultValue={keep?.assessorId ?? ""}
        errors={errorsOf(state, "assessorId")}
        hint="Optional: an assessor of the centre. Without one, the action is the centre's, for its admins to answer."
      >
        <Options emptyLabel="The centre" choices={assessors.map((a) => ({ value: a.id, label: a.name }))} />
      </SelectField>
      <SubmitButton pending={pending} label="Record the finding" pendingLabel="Recording…" />
    </form>
  );
}
