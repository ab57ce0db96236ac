"use client";

import { useActionState } from "react";
import { sendPasswordResetAction, type SendResetState } from "@/lib/actions/password-reset";
import { alertClass, secondaryButtonClass, successClass } from "./styles";

/** Sends the member a reset link to their own email; the admin never sees the link. */
export function SendResetForm({ userId }: { userId: string }) {
  const [state, formAction, pending] = useActionState<SendResetState, FormData>(sendPasswordResetAction, null);
  return (
    <div className="space-y-3">
      {state ? (
        <p role={state.result.ok ? "status" : "alert"} className={state.result.ok ? successClass : alertClass}>
          {state.result.ok ? null : <span className="font-semibold">No link sent: </span>}
          {state.result.message}
        </p>
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" disabled={pending} className={secondaryButtonClass}>
          {pending ? "Sending…" : "Send a password reset link"}
        </button>
      </form>
    </div>
  );
}
