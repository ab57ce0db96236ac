"use client";

import { useActionState, useEffect, useRef } from "react";
import { requestPasswordResetAction } from "@/lib/actions/password-reset";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { FormWithSummary } from "../people/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { successClass } from "@/components/ui/styles";

const summary = {
  id: "reset-errors",
  title: "No link sent",
  fieldLabels: { email: { label: "Email", target: "reset-email" } },
};

export function RequestResetForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.ok) doneRef.current?.focus();
  }, [state]);

  if (state?.ok) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className={successClass}>
        {state.message}
      </div>
    );
  }
  return (
    <FormWithSummary state={state} action={formAction} summary={summary}>
      <InputField
        id="reset-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        required
        maxLength={320}
        defaultValue={valueOf(state, "email")}
        errors={errorsFor(state, "email")}
        className=""
      />
      <SubmitButton pending={pending} label="Send me a link" pendingLabel="Sending…" />
    </FormWithSummary>
  );
}
