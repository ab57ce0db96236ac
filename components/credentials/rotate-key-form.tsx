"use client";

import { useActionState } from "react";
import { FormWithSummary } from "@/components/people/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { successClass } from "@/components/ui/styles";
import { rotateSigningKeyAction } from "@/lib/actions/credential-rotate-key";

const summary = { id: "rotate-errors", title: "The key was not rotated", fieldLabels: {} };

/** One button: retire the centre's signing key and make a new one. */
export function RotateKeyForm() {
  const [state, action, pending] = useActionState(rotateSigningKeyAction, null);
  return (
    <div className="space-y-3">
      {state?.ok && state.message ? (
        <p role="status" className={successClass}>
          {state.message}
        </p>
      ) : null}
      <FormWithSummary state={state} action={action} summary={summary}>
        <SubmitButton pending={pending} label="Rotate the signing key" pendingLabel="Rotating…" variant="secondary" />
      </FormWithSummary>
    </div>
  );
}
