"use client";

import { useActionState } from "react";
import { cancelVisitAction } from "@/lib/actions/qa-visit";
import { errorsOf, FormMessages } from "@/components/enrolments/form-messages";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/field";

const labels = { confirm: "Confirmation" };
const fieldIds = { confirm: "cancel-confirm" };

/** Cancels a visit: the EQA's access through it ends at once. */
export function CancelVisitForm({ visitId, eqaName }: { visitId: string; eqaName: string }) {
  const [state, action, pending] = useActionState(cancelVisitAction, null);
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="visitId" value={visitId} />
      <CheckboxField
        id={fieldIds.confirm}
        name="confirm"
        label={`I want to cancel this visit. ${eqaName} will no longer be able to open its portfolios; its findings are kept.`}
        errors={errorsOf(state, "confirm")}
      />
      <SubmitButton pending={pending} label="Cancel the visit" pendingLabel="Cancelling…" variant="danger" />
    </form>
  );
}
