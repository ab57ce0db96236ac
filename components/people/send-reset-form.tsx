"use client";

import { useActionState } from "react";
import { sendPasswordResetAction } from "@/lib/actions/password-reset";
import { alertClass, successClass } from "@/components/ui/styles";
import { PersonButtonForm } from "./form-parts";

/** Sends the member a reset link to their own email; the admin never sees the link. */
export function SendResetForm({ userId }: { userId: string }) {
  const [state, formAction, pending] = useActionState(sendPasswordResetAction, null);
  return (
    <div className="space-y-3">
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? successClass : alertClass}>
          {state.ok ? null : <span className="font-semibold">No link sent: </span>}
          {state.message}
        </p>
      ) : null}
      <PersonButtonForm
        action={formAction}
        userId={userId}
        pending={pending}
        label="Send a password reset link"
        pendingLabel="Sending…"
      />
    </div>
  );
}
