"use client";

import { useActionState, useEffect, useRef } from "react";
import { acceptInvitationSignedInAction } from "@/lib/actions/people-accept-invitation";
import { alertClass, primaryButtonClass, successClass } from "@/components/ui/styles";

/** One button: accept the invitation as the account signed in now. */
export function AcceptSignedInForm({ token, centreName }: { token: string; centreName: string }) {
  const [state, formAction, pending] = useActionState(acceptInvitationSignedInAction, null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) messageRef.current?.focus();
  }, [state]);

  if (state?.ok) {
    return (
      <div ref={messageRef} tabIndex={-1} role="status" className={successClass}>
        {state.message}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      {state && !state.ok ? (
        <div ref={messageRef} tabIndex={-1} role="alert" className={alertClass}>
          {state.message}
        </div>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Accepting…" : `Accept and join ${centreName}`}
      </button>
    </form>
  );
}
