"use client";

import { useActionState, useEffect, useRef } from "react";
import { requestPasswordResetAction, type RequestResetState } from "@/lib/actions/password-reset";
import { ErrorSummary } from "../people/error-summary";
import { fieldErrorClass, inputClass, primaryButtonClass, successClass } from "../people/styles";

export function RequestResetForm() {
  const [state, formAction, pending] = useActionState<RequestResetState, FormData>(requestPasswordResetAction, null);
  const doneRef = useRef<HTMLDivElement>(null);
  const failure = state && !state.result.ok ? state.result : null;
  useEffect(() => {
    if (state?.result.ok) doneRef.current?.focus();
  }, [state]);

  if (state?.result.ok) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className={successClass}>
        {state.result.message}
      </div>
    );
  }
  const emailError = failure?.fieldErrors?.email;
  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="space-y-4">
      {failure ? (
        <ErrorSummary
          id="reset-errors"
          title="No link sent"
          message={failure.message}
          fieldErrors={failure.fieldErrors}
          fieldLabels={{ email: { label: "Email", target: "reset-email" } }}
          submission={state?.submission ?? 0}
        />
      ) : null}
      <div>
        <label htmlFor="reset-email" className="block font-medium">
          Email
        </label>
        <input
          id="reset-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={320}
          defaultValue={state?.email ?? ""}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "reset-email-error" : undefined}
          className={inputClass}
        />
        {emailError ? (
          <p id="reset-email-error" className={fieldErrorClass}>
            {emailError.join(" ")}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
