"use client";

import { useActionState, useEffect, useRef } from "react";
import { acceptInvitationSignedInAction, type AcceptSignedInState } from "@/lib/actions/people-accept-invitation";
import { alertClass, primaryButtonClass, successClass } from "./styles";

/** One button: accept the invitation as the account signed in now. */
export function AcceptSignedInForm({ token, centreName }: { token: string; centreName: string }) {
  const [state, formAction, pending] = useActionState<AcceptSignedInState, FormData>(acceptInvitationSignedInAction, null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) messageRef.current?.focus();
  }, [state]);

  if (state?.result.ok) {
    return (
      <div ref={messageRef} tabIndex={-1} role="status" className={successClass}>
        {state.result.message}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.result.ok ? (
        <div ref={messageRef} tabIndex={-1} role="alert" className={alertClass}>
          {state.result.message}
        </div>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Accepting…" : `Accept and join ${centreName}`}
      </button>
    </form>
  );
}
