"use client";

import { useActionState } from "react";
import { shareWithEqaAction } from "@/lib/actions/enrolment-share";
import type { PersonOption } from "@/lib/enrolments/enrolment-options";
import { SubmitButton } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { errorsOf, FormMessages } from "./form-messages";
import { refusedText } from "@/lib/forms/form-state";

const labels = { eqaUserId: "External quality assurer", lastDay: "Last day of access" };
const fieldIds = { eqaUserId: "share-eqaUserId", lastDay: "share-lastDay" };

export function ShareForm({
  enrolmentId,
  eqas,
  today,
  latest,
  timeZone,
}: {
  enrolmentId: string;
  eqas: PersonOption[];
  today: string;
  latest: string;
  timeZone: string;
}) {
  const [state, action, pending] = useActionState(shareWithEqaAction, null);
  const keep = refusedText(state);
  if (eqas.length === 0) {
    return <p>No external quality assurer is registered at this centre. Invite one with the EQA role first.</p>;
  }
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <SelectField
        id={fieldIds.eqaUserId}
        name="eqaUserId"
        label={labels.eqaUserId}
        required
        defaultValue={keep?.eqaUserId ?? ""}
        errors={errorsOf(state, "eqaUserId")}
      >
        <option value="">Choose an external quality assurer</option>
        {eqas.map((p) => (
          <option key={p.id} value={p.id}>
            {`${p.name} (${p.email})`}
          </option>
        ))}
      </SelectField>
      <InputField
        id={fieldIds.lastDay}
        name="lastDay"
        type="date"
        label={labels.lastDay}
        required
        min={today}
        max={latest}
        defaultValue={keep?.lastDay ?? ""}
        errors={errorsOf(state, "lastDay")}
        hint={`Read-only access ends at the end of this day (${timeZone}), at most one year from today. Sharing again with the same person changes the day.`}
      />
      <SubmitButton pending={pending} label="Share read-only access" pendingLabel="Sharing…" />
    </form>
  );
}
