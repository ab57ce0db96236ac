"use client";

import { useActionState } from "react";
import { revokeAction } from "@/lib/actions/assessment-revoke";
import { errorsFor, valueOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem, PasswordField } from "./form-parts";
import { dangerButtonClass, inputClass } from "./styles";

/** Revoke a decision or the unit sign-off with a reason and the password, as for signing; behind a disclosure so it is a deliberate act. */
export function RevokeForm({ enrolmentId, kind, id, what, warning }: { enrolmentId: string; kind: "decision" | "unitSignOff"; id: string; what: string; warning?: string }) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(revokeAction, null);
  const prefix = `revoke-${id}`;
  const errors = errorsFor(state, "reason");
  const passwordErrors = errorsFor(state, "password");
  return (
    <details className="rounded border border-red-300 bg-red-50/40 p-3" open={state !== null}>
      <summary className="cursor-pointer font-medium text-red-900">Revoke {what}</summary>
      <form action={action} key={state?.attempt ?? 0} noValidate className="mt-3 space-y-3">
        <FormProblem state={state} fieldIds={{ reason: `${prefix}-reason`, password: `${prefix}-password` }} />
        <input type="hidden" name="enrolmentId" value={enrolmentId} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={id} />
        {warning ? <p className="text-sm">{warning}</p> : null}
        <div>
          <label htmlFor={`${prefix}-reason`} className="block font-medium">
            Reason for revoking
          </label>
          <textarea
            id={`${prefix}-reason`}
            name="reason"
            rows={2}
            required
            maxLength={2000}
            defaultValue={valueOf(state, "reason")}
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? `${prefix}-reason-error` : undefined}
            className={inputClass}
          />
          <FieldErrors id={`${prefix}-reason-error`} errors={errors} />
        </div>
        <PasswordField id={`${prefix}-password`} purpose="revoke" errors={passwordErrors} />
        <button type="submit" disabled={pending} className={dangerButtonClass}>
          {pending ? "Revoking…" : `Revoke ${what}`}
        </button>
      </form>
    </details>
  );
}
