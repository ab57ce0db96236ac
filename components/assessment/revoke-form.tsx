"use client";

import { useActionState } from "react";
import { revokeAction } from "@/lib/actions/assessment-revoke";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormProblem, PasswordField } from "./form-parts";

/** Revoke a decision or the unit sign-off with a reason and the password, as for signing; behind a disclosure so it is a deliberate act. */
export function RevokeForm({
  enrolmentId,
  kind,
  id,
  what,
  warning,
}: {
  enrolmentId: string;
  kind: "decision" | "unitSignOff";
  id: string;
  what: string;
  warning?: string;
}) {
  const [state, action, pending] = useActionState(revokeAction, null);
  const prefix = `revoke-${id}`;
  return (
    <details className="rounded border border-red-300 bg-red-50/40 p-3" open={state !== null}>
      <summary className="cursor-pointer font-medium text-red-900">Revoke {what}</summary>
      <form action={action} key={state?.submission ?? 0} noValidate className="mt-3 space-y-3">
        <FormProblem state={state} fieldIds={{ reason: `${prefix}-reason`, password: `${prefix}-password` }} />
        <input type="hidden" name="enrolmentId" value={enrolmentId} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        {warning ? <p className="text-sm">{warning}</p> : null}
        <TextAreaField
          id={`${prefix}-reason`}
          name="reason"
          label="Reason for revoking"
          rows={2}
          required
          maxLength={2000}
          defaultValue={valueOf(state, "reason")}
          errors={errorsFor(state, "reason")}
          className=""
        />
        <PasswordField id={`${prefix}-password`} purpose="revoke" errors={errorsFor(state, "password")} />
        <SubmitButton pending={pending} label={`Revoke ${what}`} pendingLabel="Revoking…" variant="danger" />
      </form>
    </details>
  );
}
