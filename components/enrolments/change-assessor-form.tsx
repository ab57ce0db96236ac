"use client";

import { useActionState } from "react";
import { changeAssessorAction } from "@/lib/actions/enrolment-change-assessor";
import type { PersonOption } from "@/lib/enrolments/enrolment-options";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { errorsOf, FormMessages } from "./form-messages";
import { refusedText } from "@/lib/forms/form-state";

const labels = { assessorId: "New assessor" };
const fieldIds = { assessorId: "change-assessorId" };

export function ChangeAssessorForm({
  enrolmentId,
  currentAssessorId,
  assessors,
}: {
  enrolmentId: string;
  currentAssessorId: string | null;
  assessors: PersonOption[];
}) {
  const [state, action, pending] = useActionState(changeAssessorAction, null);
  const choices = assessors.filter((p) => p.id !== currentAssessorId);
  const keep = refusedText(state);
  if (choices.length === 0) {
    return (
      <p>There is no other assessor at this centre to hand this enrolment to. Give someone the assessor role first.</p>
    );
  }
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <SelectField
        id={fieldIds.assessorId}
        name="assessorId"
        label={labels.assessorId}
        required
        defaultValue={keep?.assessorId ?? ""}
        errors={errorsOf(state, "assessorId")}
        hint="The previous assessor keeps their past decisions; only the new assessor can make new ones."
      >
        <option value="">Choose an assessor</option>
        {choices.map((p) => (
          <option key={p.id} value={p.id}>
            {`${p.name} (${p.email})`}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={pending} label="Change assessor" pendingLabel="Changing…" />
    </form>
  );
}
