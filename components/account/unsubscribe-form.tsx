"use client";

import { useActionState } from "react";
import { unsubscribeAction } from "@/lib/actions/notification-email";
import { SubmitButton } from "@/components/ui/button";
import { alertClass, successClass } from "@/components/ui/styles";

/** The unsubscribe link's page: one button, no sign-in (the link's signed token names the person). */
export function UnsubscribeForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(unsubscribeAction, null);
  if (state?.ok) {
    return (
      <p role="status" className={successClass}>
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state ? (
        <p role="alert" className={alertClass}>
          {state.message}
        </p>
      ) : null}
      <SubmitButton pending={pending} label="Stop emails about notifications" pendingLabel="Stopping…" />
    </form>
  );
}
