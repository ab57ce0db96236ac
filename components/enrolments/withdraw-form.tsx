"use client";

import { useActionState } from "react";
import { withdrawEnrolmentAction } from "@/lib/actions/enrolment-withdraw";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxField, TextAreaField } from "@/components/ui/field";
import { errorsOf, FormMessages } from "./form-messages";
import { refusedText } from "@/lib/forms/form-state";

const labels = { reason: "Reason for withdrawal", confirm: "Confirmation" };
const fieldIds = { reason: "withdraw-reason", confirm: "withdraw-confirm" };

export function WithdrawForm({
  enrolmentId,
  candidateName,
  unitCode,
}: {
  enrolmentId: string;
  candidateName: string;
  unitCode: string;
}) {
  const [state, action, pending] = useActionState(withdrawEnrolmentAction, null);
  const keep = refusedText(state);
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <TextAreaField
        id={fieldIds.reason}
        name="reason"
        label={labels.reason}
        required
        defaultValue={keep?.reason ?? ""}
        errors={errorsOf(state, "reason")}
        hint="Kept with the enrolment and shown to the centre's admins."
      />
      <CheckboxField
        id={fieldIds.confirm}
        name="confirm"
        label={`I want to withdraw ${candidateName} from ${unitCode}. They will not be able to add to this enrolment; everything recorded so far is kept.`}
        defaultChecked={keep?.confirm === "yes"}
        errors={errorsOf(state, "confirm")}
      />
      <SubmitButton pending={pending} label="Withdraw enrolment" pendingLabel="Withdrawing…" variant="danger" />
    </form>
  );
}
