"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { respondToActionAction } from "@/lib/actions/qa-action";
import { errorsFor, valueOf } from "@/lib/forms/form-state";

/** The assessor's (or, for a centre-wide EQA action, an admin's) response to a QA action. */
export function ActionRespondForm({ actionId }: { actionId: string }) {
  const [state, action, pending] = useActionState(respondToActionAction, null);
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="space-y-3"
      aria-label="Respond to the action"
    >
      <FormProblem state={state} fieldIds={{ text: "action-response" }} />
      <input type="hidden" name="actionId" value={actionId} />
      <TextAreaField
        id="action-response"
        name="text"
        label="Your response"
        hint="Say what you have done. Whoever set the action is told, and closes it or asks for more."
        rows={5}
        required
        maxLength={5000}
        defaultValue={valueOf(state, "text")}
        errors={errorsFor(state, "text")}
        className="space-y-1"
      />
      <SubmitButton pending={pending} label="Send response" pendingLabel="Sending…" />
    </form>
  );
}
